"""`mkdocs serve` for a clerk: data errors shown in the browser, not only in a terminal.

While the data has errors the plugin builds nothing, and every address of the preview answers with one page listing
the problems, the text `cchc validate` prints; the page waits on MkDocs' livereload endpoint and reloads itself once
the next build (the data fixed) has finished. MkDocs alone would leave the browser waiting on the last good build.
"""

from __future__ import annotations

from .problems import Problem, say, summary
from .render import make_env


def error_page(problems: list[Problem]) -> bytes:
    html = make_env().get_template("xem_truoc_loi.html.j2").render(
        tieu_de=say("xem_truoc_loi_tieu_de"),
        huong_dan=say("xem_truoc_loi_huong_dan"),
        lines=[p.line_text() for p in problems],
        tong_ket=summary(problems),
    )
    return html.encode("utf-8")


class ErrorApp:
    """The preview server's WSGI application: MkDocs' own, or the list of problems while there are any."""

    def __init__(self, site_app):
        self.site_app = site_app
        self.page: bytes | None = None  # the error page while the data has errors

    def __call__(self, environ, start_response):
        page = self.page
        if page is None or environ.get("PATH_INFO", "").startswith("/livereload/"):
            return self.site_app(environ, start_response)
        # 200, not 503: MkDocs logs any other status as a warning, which in strict mode would abort the next build.
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                   ("Content-Length", str(len(page))), ("Cache-Control", "no-store")])
        return [page]

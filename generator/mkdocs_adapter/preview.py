"""`mkdocs serve` for a clerk: a save shows within seconds, and data errors show in the browser.

A rebuild is a dirty MkDocs build (only pages whose Markdown the generator rewrote are built again), made exact by
the plugin: the pages of the navigation are built every time (their titles appear on every page), everything is
built again when the navigation, the configuration or the theme changes, outputs of removed pages are deleted, and
only the changed communes' search indexes are rebuilt. When no file came or went (a value edited), MkDocs is given
only the files it must build (FewFiles): at 1,000 communes it would otherwise make a Page, compare dates and list in
the sitemap each of 17,000 files on every save.

While the data has errors the plugin builds nothing, and every address of the preview answers with one page listing
the problems, the text `cchc validate` prints; the page waits on MkDocs' livereload endpoint and reloads itself once
the next build (the data fixed) has finished. MkDocs alone would leave the browser waiting on the last good build.

What this relies on beyond MkDocs' plugin events, all in this module (MkDocs 1.6; check here when upgrading): the
LiveReloadServer's `builder` attribute and `get_app`/`set_app` (take_over); `build(..., dirty=True)` skipping pages
whose output is newer than their source; `Files.get_file_from_path` as the one lookup of a link's target (FewFiles);
`theme.static_templates` naming the sitemap; `Page.title` reading an unread page's Markdown as None
(forget_markdown); `build()` listing docs_dir with the module's `get_files`, a `File` kept usable from one build to
the next once its `page` is cleared (KnownFiles, files_from).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from pathlib import Path

import jinja2
import jinja2.bccache
import mkdocs.commands.build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, get_files

from generator.core.problems import Problem, listing, say
from generator.render.pages import make_env


def error_page(problems: list[Problem]) -> bytes:
    *lines, closing = listing(problems)  # as `cchc validate` lists them
    html = make_env().get_template("xem_truoc_loi.html.j2").render(
        tieu_de=say("xem_truoc_loi_tieu_de"),
        huong_dan=say("xem_truoc_loi_huong_dan"),
        lines=lines,
        tong_ket=closing,
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


def take_over(server, rebuild, errors: ErrorApp) -> None:
    """The preview server rebuilds with rebuild and answers through errors (the problems page while there are any)."""
    errors.site_app = server.get_app()
    server.set_app(errors)
    server.builder = rebuild


def forget_markdown(page) -> None:
    """A page's Markdown is not needed once rendered; MkDocs would hold every page's until the build ends (9,000
    pages at 1,000 communes). Emptied, not None: MkDocs takes None for a page not read yet (its title is None)."""
    page.markdown = ""


class DirtyIsExact(logging.Filter):
    """MkDocs warns that a dirty build "will likely lead to inaccurate navigation"; the plugin's are exact (it rebuilds
    the pages of the navigation every time, and everything when the navigation changes), and in strict mode the
    warning alone would abort the build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def fresh_config(first: MkDocsConfig) -> MkDocsConfig:
    """The configuration of a rebuild, read again as `mkdocs serve` does (mkdocs.yml may have changed), with what
    serve set on the first one."""
    config = load_config(config_file=first.config_file_path, site_dir=first.site_dir, strict=first.strict,
                         use_directory_urls=first.use_directory_urls)
    config.site_url = first.site_url
    return config


def published_address(config: MkDocsConfig) -> str | None:
    """The site's address as mkdocs.yml gives it. `mkdocs serve` puts its own there (http://127.0.0.1:8000/), which
    every commune's home (its JSON-LD), feed, data.json, canonical link and sitemap carry: the preview would differ
    from what `mkdocs build` publishes and keeps in .cache/cchc, and could reuse none of it."""
    return load_config(config_file=config.config_file_path).site_url


def layout_key(config: MkDocsConfig, nav) -> str:
    """What every page shows besides its own content: the navigation's titles and addresses, the configuration, the
    theme's files. When it changes, every page must be built again."""

    def items(entries):
        return [(e.title, getattr(e, "url", None), items(e.children or [])) for e in entries]

    theme = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    files = sorted((str(p), p.stat().st_mtime_ns) for p in theme.rglob("*") if p.is_file()) if theme else []
    state = [items(nav.items), Path(config.config_file_path).read_text(encoding="utf-8"), dict(config.extra), files]
    return hashlib.sha256(json.dumps(state, default=str, ensure_ascii=False).encode("utf-8")).hexdigest()


def remove_stale(site: str, expected: set[str], indexes: set[str]) -> None:
    """Remove from a site built in place every file no page or file produces any more (a removed period or commune),
    except the search indexes in the folders of indexes; then the folders left empty. Paths are strings: a portal
    has tens of thousands of files."""
    folders = []
    for root, dirs, names in os.walk(site):
        dirs[:] = [d for d in dirs if os.path.join(root, d) not in indexes]
        folders.append(root)
        for name in names:
            if (path := os.path.join(root, name)) not in expected:
                os.unlink(path)
    for folder in reversed(folders):
        if folder != site and not os.listdir(folder):
            os.rmdir(folder)


def nav_paths(nav) -> set[str]:
    """The pages a navigation configuration (mkdocs.yml `nav`, or the plugin's) names."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        nav = list(nav.values())
    return {path for entry in nav or [] for path in nav_paths(entry)}


def few_files(files: Files, config: MkDocsConfig, written: set[str], generated: set[str]) -> Files:
    """What a rebuild in place builds when no file came or went: written (the files the generator rewrote since the
    last finished build), the hand-written files changed (not in generated), the pages of the navigation. The
    sitemap, which lists every page, is kept from the last build (the plugin brings its dates up to date)."""
    named = nav_paths(config.nav)
    chosen = [f for f in files if f.src_uri in written or f.src_uri in named
              or (f.src_uri not in generated and f.src_dir == config.docs_dir and f.is_modified())]
    config.theme.static_templates.discard("sitemap.xml")
    return FewFiles(chosen, files)


class FewFiles(Files):
    """The files MkDocs builds (few_files), while a link still finds its target among all the site's files."""

    def __init__(self, built, everything: Files):
        super().__init__(built)
        self.everything = everything

    def get_file_from_path(self, path: str):
        return self.everything.get_file_from_path(path)


class KnownFiles:
    """MkDocs' listing of docs_dir for a rebuild in place (files_from): walked again (17,000 files at 1,000
    communes) only when a file may have come or gone (reuse false); otherwise the last build's Files is given again."""

    def __init__(self):
        self.files: Files | None = None  # what the last build listed
        self.reuse = False

    def __call__(self, config: MkDocsConfig) -> Files:
        if not self.reuse or self.files is None:
            return get_files(config)
        self.forget_pages()
        return self.files

    def forget_pages(self) -> None:
        """The pages of the build that listed these files, and their HTML, are not kept until the next build."""
        for file in self.files or ():
            file.page = None


@contextlib.contextmanager
def files_from(known: KnownFiles):
    """MkDocs' build lists docs_dir through known while this lasts."""
    walk = mkdocs.commands.build.get_files
    mkdocs.commands.build.get_files = known
    try:
        yield
    finally:
        mkdocs.commands.build.get_files = walk


def outside_generated(docs: Path, generated: set[str]) -> set[str]:
    """docs_dir's files outside the generator's top folders (those the preview watches), relative to it: a file come
    or gone there means MkDocs must list docs_dir again."""
    tops = {path.split("/")[0] for path in generated}
    found = set()
    for entry in os.scandir(docs):
        if entry.name in tops:
            continue
        if entry.is_dir():
            found |= {os.path.relpath(os.path.join(root, name), docs) for root, _, names in os.walk(entry.path)
                      for name in names}
        else:
            found.add(entry.name)
    return found


class TemplateCache(jinja2.BytecodeCache):
    """Compiled theme templates kept in memory between rebuilds: each rebuild's configuration is read afresh, and
    with it MkDocs would compile the theme's templates again."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()

"""The MkDocs plugin: a thin trigger that runs the generator before every build.

It regenerates the Markdown at the start of `mkdocs build` and of each
`mkdocs serve` rebuild, watches data/ so editing YAML rebuilds, turns data
errors into one clear list instead of a traceback, and indexes the built site
for search.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

from .build import generate
from .csp import add_policy
from .material_fixes import fix_material_markup
from .preview import ErrorApp, error_page
from .progress import Progress
from .publish import discard, staging_dir, swap_in
from .search_index import SearchIndexError, build_search_index
from .shard_spec import ENV as SHARD_ENV
from .sitemap import set_lastmod
from .problems import DataError, format_problems, say

log = logging.getLogger("cchc")


class CchcConfig(Config):
    data_dir = c.Type(str, default="data")
    templates_dir = c.Optional(c.Type(str))


class CchcPlugin(BasePlugin[CchcConfig]):
    command = None
    staging: Path | None = None
    final: Path | None = None
    failed = False

    def __init__(self):
        super().__init__()
        self.errors = ErrorApp(None)  # serve: the error page while the data has errors

    def on_startup(self, *, command, dirty):
        self.command = command

    def _path(self, config, value: str) -> Path:
        return Path(config.config_file_path).parent / value

    def on_config(self, config):
        data_dir = self._path(config, self.config.data_dir)
        templates = self._path(config, self.config.templates_dir) if self.config.templates_dir else None
        try:
            result = generate(
                data_dir,
                Path(config.docs_dir),
                templates=templates,
                shown_root=Path(self.config.data_dir),
                site_url=config.site_url,
                site_name=config.site_name,
                shard=os.environ.get(SHARD_ENV),
                progress=Progress(say("tien_do")),
            )
        except DataError as exc:
            listing = format_problems(exc.problems) + "\n" + say("dung_xay_dung")
            if self.command != "serve":
                raise PluginError(listing) from None
            # The preview shows the list in the browser; MkDocs builds nothing (on_files) and the server stays live.
            log.error(listing + "\n" + say("xem_truoc_loi_nhat_ky"))
            self.errors.page = error_page(exc.problems)
            return config
        self.errors.page = None
        for prob in result.problems:
            (log.info if prob.acknowledged else log.warning)(prob.line_text())
        if config.nav is None:
            config.nav = result.nav
        if result.contact and not config.extra.get("lien_he"):
            config.extra["lien_he"] = result.contact
        self.communes = result.communes
        if self.command == "build":
            self.final = Path(config.site_dir)
            self.staging = staging_dir(self.final)
            config.site_dir = str(self.staging)
        return config

    def on_build_error(self, error):
        self.failed = True

    def on_shutdown(self):
        if self.staging is None:
            return
        if self.failed or not self.staging.is_dir():
            discard(self.staging)
        else:
            swap_in(self.staging, self.final)
        self.staging = None

    def on_serve(self, server, config, builder):
        server.watch(str(self._path(config, self.config.data_dir)))
        self.errors.site_app = server.get_app()
        server.set_app(self.errors)
        return server

    def on_files(self, files, config):
        """With data errors (serve only) nothing is built: the preview answers with the list of problems."""
        return Files([]) if self.errors.page is not None else files

    def on_post_page(self, output, page, config):
        if page.meta.get("cap_nhat"):
            self.data_dates[page.canonical_url or page.abs_url] = str(page.meta["cap_nhat"])
        return add_policy(fix_material_markup(output), webassembly=bool(page.meta.get("tim_kiem")))

    def on_pre_build(self, config):
        self.data_dates: dict[str, str] = {}

    def on_post_build(self, config):
        """The sitemap's lastmod is the date of each page's data, not the day of the build; then the search index
        (a shard leaves it to `cchc join`, which indexes the whole site)."""
        if self.errors.page is not None:
            return
        set_lastmod(Path(config.site_dir), self.data_dates)
        if not os.environ.get(SHARD_ENV):
            try:
                report = build_search_index(Path(config.site_dir), self.communes)
            except SearchIndexError as exc:
                raise PluginError(say("tim_kiem_loi", chi_tiet=str(exc).strip())) from None
            log.info(say("tim_kiem_chi_muc", trang=report.pages, kb=report.index_bytes // 1024))

    def on_post_template(self, output_content, template_name, config):
        """Pages the theme renders on its own (404.html) get the same policy."""
        return add_policy(fix_material_markup(output_content)) if template_name.endswith(".html") else output_content

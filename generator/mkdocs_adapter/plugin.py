"""The MkDocs plugin: a thin trigger that runs the generator before every build.

It regenerates the Markdown at the start of `mkdocs build` and of each
`mkdocs serve` rebuild, watches data/ so editing YAML rebuilds, turns data
errors into one clear list instead of a traceback (in the browser under
`mkdocs serve`), and indexes the built site for search. Under `mkdocs serve`
a rebuild does only what changed (preview.py).
"""

from __future__ import annotations

import collections
import functools
import logging
import os
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

from generator.core.problems import DataError, UserError, format_problems, say
from generator.core.progress import Progress
from generator.core.site_paths import search_index_folder, single_commune
from generator.editor import publish as published_editor
from generator.pipeline import cache, documents
from generator.pipeline.build import Memo, generate
from generator.pipeline.shard_spec import ENV as SHARD_ENV, cache_folder
from generator.write.csp import add_policy
from generator.write.publish import discard, staging_dir, swap_in
from generator.write.search_index import build_search_index, in_root_index, index_commune, index_root
from generator.write.sitemap import set_lastmod
from generator.write.writer import MANIFEST

from .material_fixes import fix_material_markup
from .preview import (
    DirtyIsExact,
    ErrorApp,
    KnownFiles,
    TemplateCache,
    error_page,
    few_files,
    files_from,
    forget_markdown,
    fresh_config,
    layout_key,
    outside_generated,
    published_address,
    remove_stale,
    take_over,
)

log = logging.getLogger("cchc")
EDITOR_FOLDER = "quan-tri"  # theme/quan-tri/: Decap CMS from npm, for the editor
EDITOR_DIST = Path("theme") / EDITOR_FOLDER  # its npm install, beside mkdocs.yml: node_modules/decap-cms/dist


class BienTapConfig(Config):
    """plugins.cchc.bien_tap: the editor published with the site, for a Git host (generator/editor/publish.py)."""
    backend = c.Optional(c.Choice(published_editor.BACKENDS))  # missing: said in Vietnamese (publish.py)
    repo = c.Optional(c.Type(str))  # owner/name on the host, as in its address
    branch = c.Optional(c.Type(str))  # main; Gitea: the editor's working branch, which must be set
    base_url = c.Optional(c.Type(str))  # GitHub: the OAuth server; GitLab, Gitea: the host's address
    api_root = c.Optional(c.Type(str))  # the host's API, when not the usual one under base_url
    app_id = c.Optional(c.Type(str))  # GitLab, Gitea: the OAuth application's client id
    duong_dan = c.Type(str, default=EDITOR_FOLDER)  # the editor's address inside the site


class CchcConfig(Config):
    data_dir = c.Type(str, default="data")
    templates_dir = c.Optional(c.Type(str))
    cache = c.Type(bool, default=True)  # keep what a build made (.cache/cchc) for the next one to reuse
    cache_dir = c.Type(str, default=".cache/cchc")
    bien_tap = c.Optional(c.Type(dict))  # publish the editor with the site: BienTapConfig (README, "Publishing")


SUB_SETTINGS = {"bien_tap": BienTapConfig}  # the settings that are groups of settings, for the README's table


class CchcPlugin(BasePlugin[CchcConfig]):
    command = None
    staging: Path | None = None
    final: Path | None = None
    failed = False
    reports: documents.Worker | None = None  # a whole build: the .docx reports, made beside MkDocs
    cache: Path | None = None  # plugins.cchc.cache_dir, unless plugins.cchc.cache is false
    saver: cache.Saver | None = None  # a whole build: the generator's results being kept for the next build
    editor: tuple | None = None  # plugins.cchc.bien_tap: (folder in the site, Decap's dist, backend)

    def __init__(self):
        super().__init__()
        self.errors = ErrorApp(None)  # serve: the error page while the data has errors
        self.memo: Memo | None = None  # serve: the generator's results per commune, kept between rebuilds
        self.started = False  # serve: the first build has looked for what the last `mkdocs build` kept
        self.made: dict[str, str] = {}  # serve: each period report in docs_dir -> its key (cache.report_keys)
        self.incremental = False  # serve: this build is a rebuild in place (preview.py)
        self.layout: str | None = None  # serve: preview.layout_key of the last build
        self.layout_changed = False
        self.data_dates: dict[str, str] = {}
        self.generated: set[str] = set()
        self.indexed: list[str] = []  # the communes of the last search index
        self.communes: list[str] = []
        self.server = None  # serve: the livereload server
        self.templates = TemplateCache()  # serve: the theme's templates, compiled once
        self.watching_apart = False  # serve: docs_dir's hand-written folders are watched, not all of it
        self.pending: set[str] = set()  # serve: files the generator wrote that no finished build has built yet
        self.built_uris: set[str] = set()  # serve: docs_dir's files at the last finished build
        self.few = False  # serve: this rebuild gives MkDocs only the files it must build (preview.FewFiles)
        self.known = KnownFiles()  # serve: the listing of docs_dir, walked again only when a file came or went
        self.listed: tuple = ()  # serve: the hand-written files and mkdocs.yml when docs_dir was last listed
        self.listing: tuple = ()  # serve: the same now
        self.address: str | None = None  # serve: the published address (mkdocs.yml's site_url), read once

    def on_startup(self, *, command, dirty):
        self.command = command
        if command == "serve":
            self.memo = Memo()

    def _path(self, config, value: str) -> Path:
        return Path(config.config_file_path).parent / value

    def _editor(self, config) -> None:
        """plugins.cchc.bien_tap, checked before anything is generated: a wrong setting or Decap not installed stops
        the build with one Vietnamese line (the npm command), the published site untouched."""
        self.editor = None
        settings = self.config.bien_tap
        if not settings:
            return
        checked = BienTapConfig(config_file_path=config.config_file_path)
        checked.load_dict(settings)
        failed, unknown = checked.validate()
        if unknown:  # a misspelt key would leave its setting unset, unseen
            raise PluginError(say("bien_tap_khoa_la", khoa=unknown[0][0]))
        if failed:
            key, error = failed[0]
            raise PluginError(say("bien_tap_cai_dat_sai", khoa=key, gia_tri=settings.get(key)) + f" ({error})")
        try:
            backend = published_editor.backend(dict(checked))
            folder = published_editor.folder(dict(checked))
        except UserError as exc:
            raise PluginError(str(exc)) from None
        dist = self._path(config, str(EDITOR_DIST / "node_modules" / "decap-cms" / "dist"))
        if not published_editor.installed(dist):
            raise PluginError(say("bien_tap_chua_cai", thu_muc=EDITOR_DIST.as_posix()))
        self.editor = (folder, dist, backend)

    def on_config(self, config):
        self._editor(config)
        if self.command == "serve":  # the pages the build publishes, not serve's address: preview.published_address
            if self.address is None:
                self.address = published_address(config) or ""
            config.site_url = self.address or None
        self.cache = self._path(config, self.config.cache_dir) if self.config.cache else None
        if self.cache is not None and os.environ.get(SHARD_ENV):
            try:
                self.cache /= cache_folder(os.environ[SHARD_ENV])
            except UserError as exc:
                raise PluginError(str(exc)) from None
        data_dir = self._path(config, self.config.data_dir)
        templates = self._path(config, self.config.templates_dir) if self.config.templates_dir else None
        # Listed, not made: a whole build makes them beside MkDocs, serve only those that changed (documents.py).
        reports = [] if self.memo is not None or documents.can_fork() else None
        memo = self.memo
        if self.cache is not None and (memo is None or not self.started):  # what the last build kept, if anything
            memo = cache.load(self.cache) or Memo()
            if self.memo is not None:  # serve's first build: then its own, kept in memory
                self.memo, self.started = memo, True
        try:
            result = generate(
                data_dir,
                Path(config.docs_dir),
                templates=templates,
                shown_root=Path(self.config.data_dir),
                site_url=config.site_url,
                site_name=config.site_name,
                site_contact=config.extra.get("lien_he"),
                shard=os.environ.get(SHARD_ENV),
                progress=Progress(say("tien_do")),
                memo=memo,
                reports=reports,
            )
        except DataError as exc:
            listing = format_problems(exc.problems) + "\n" + say("dung_xay_dung")
            if self.command != "serve":
                raise PluginError(listing) from None
            # The preview shows the list in the browser; MkDocs builds nothing (on_files) and the server stays live.
            log.error(listing + "\n" + say("xem_truoc_loi_nhat_ky"))
            self.errors.page = error_page(exc.problems)
            return config
        except UserError as exc:
            raise PluginError(str(exc)) from None
        self.errors.page = None
        if reports and self.memo is not None:
            keys = cache.report_keys(memo, reports, single_commune(result.communes))
            kept = self.cache and self.cache / cache.REPORTS
            try:
                self.pending.update(documents.make_here(reports, keys, Path(config.docs_dir), kept, self.made))
            except UserError as exc:
                raise PluginError(str(exc)) from None
        elif reports:
            kept = self.cache / cache.REPORTS if memo is not None else None
            keys = cache.report_keys(memo, reports, single_commune(result.communes)) if kept else None
            try:
                self.reports = documents.Worker(reports, Path(config.docs_dir), kept, keys)
            except UserError as exc:
                raise PluginError(str(exc)) from None
        if self.memo is None and memo is not None and memo.changed:
            self.saver = cache.Saver(self.cache, memo)
        del memo  # a whole build does not hold the generator's results while MkDocs renders
        for prob in result.problems:
            (log.info if prob.acknowledged else log.warning)(prob.line_text())
        if config.nav is None:
            config.nav = result.nav
        if result.contact and not config.extra.get("lien_he"):
            config.extra["lien_he"] = result.contact
        self.communes = result.search_folders  # each gets its own search index in a portal of many communes
        previous, self.generated = self.generated, {page.path for page in result.pages}
        if self.memo is not None:
            self.pending.update(result.report.written)
            self._may_reuse_listing(config, previous)
        self._watch_hand_written(Path(config.docs_dir))
        if self.command == "build":
            self.final = Path(config.site_dir)
            self.staging = staging_dir(self.final)
            config.site_dir = str(self.staging)
        return config

    def _may_reuse_listing(self, config, previous: set[str]) -> None:
        """A rebuild in place lists docs_dir again only if a file may have come or gone: a generated one, a
        hand-written one, one the last listing holds in a generated folder; or if mkdocs.yml changed."""
        docs = config.docs_dir
        self.listing = (outside_generated(Path(docs), self.generated), Path(config.config_file_path).read_text(encoding="utf-8"))
        known = self.known.files
        self.known.reuse = (self.incremental and known is not None and self.generated == previous
                            and self.listing == self.listed
                            and all(os.path.isfile(f.abs_src_path) for f in known
                                    if f.src_dir == docs and f.src_uri not in self.generated))

    def _saved(self) -> None:
        if self.saver is not None:
            self.saver.wait()
            self.saver = None

    def on_build_error(self, error):
        self.failed = True
        self._saved()  # the data was valid: what was kept of it stays good for the next build
        if self.reports is not None:
            self.reports.stop()
            self.reports = None
        if hasattr(self, "pool"):
            self.pool.shutdown(wait=True, cancel_futures=True)  # no index written into a site about to be discarded

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
        if self.command == "serve":
            take_over(server, functools.partial(self._rebuild, config), self.errors)
            self.server = server
            self._watch_hand_written(Path(config.docs_dir))
        return server

    def _watch_hand_written(self, docs: Path) -> None:
        """The generator writes into docs_dir at the start of every build: watching it would make each save two
        builds. Only its folders of hand-written pages are watched (all of it if a hand-written file sits at its
        top); until the data has been generated once (serve started on data with errors), all of it."""
        top = {path.split("/")[0] for path in self.generated}
        if self.server is None or not top or self.watching_apart:
            return
        if any(p.is_file() and p.name not in top and p.name != MANIFEST for p in docs.iterdir()):
            return
        self.server.unwatch(str(docs))
        for folder in docs.iterdir():
            if folder.is_dir() and folder.name not in top:
                self.server.watch(str(folder))
        self.watching_apart = True

    def _rebuild(self, first: MkDocsConfig) -> None:
        """A rebuild of `mkdocs serve`: in place, only what changed (preview.py); everything again when the
        navigation, the configuration or the theme changed."""
        quiet = DirtyIsExact()
        logging.getLogger("mkdocs.commands.build").addFilter(quiet)
        try:
            self.incremental, self.layout_changed = True, False
            with files_from(self.known):
                build(fresh_config(first), serve_url=first.site_url, dirty=True)
            if self.layout_changed:
                self.incremental = False
                build(fresh_config(first), serve_url=first.site_url)
        finally:
            self.incremental = False
            logging.getLogger("mkdocs.commands.build").removeFilter(quiet)

    def on_files(self, files, config):
        """With data errors (serve only) nothing is built: the preview answers with the list of problems.

        In a whole build of many communes, a commune's search index is made as soon as its last page is written,
        beside MkDocs building the others (on_post_page); the portal's at the end."""
        for file in [f for f in files if f.src_uri.startswith(EDITOR_FOLDER + "/") and not f.is_documentation_page()]:
            files.remove(file)  # theme/quan-tri/: the editor's npm install (`cchc edit`), never part of the site
        if self.reports is not None:  # still being written: copied into the site at the end (on_post_build)
            for path in self.reports.paths:
                if (file := files.get_file_from_path(path)) is not None:
                    files.remove(file)
        self.files = files
        self.search_cache = self.cache and self.cache / "pagefind"  # the search indexes of earlier builds
        if self.memo is not None:
            self.known.files, self.listed = files, self.listing
        self.uris = set(files.src_uris)
        self.few = self.incremental and self.errors.page is None and self.uris == self.built_uris
        self.pages_left = collections.Counter()
        self.indexing: dict[str, Future] = {}
        self.written: str | None = None  # the commune whose last page MkDocs writes after on_post_page returns
        self.root: Future | None = None  # the root search index, once started
        self.root_left = 0  # pages of the root search index not yet written (a whole build of many communes)
        self.root_written = False  # its last page is written once on_post_page returns
        self.commune_set = set(self.communes)
        if not single_commune(self.communes) and not self.incremental and not os.environ.get(SHARD_ENV):
            communes = self.commune_set
            self.pages_left.update(slug for f in files.documentation_pages() if (slug := f.dest_uri.split("/")[0]) in communes)
            # MkDocs writes pages in the order of files: the root index's first, so that it is made beside the rest.
            files = Files(sorted(files, key=lambda f: not (f.is_documentation_page()
                                                           and in_root_index(f.dest_uri, communes))))
            self.root_left = sum(1 for f in files.documentation_pages() if in_root_index(f.dest_uri, communes))
        if self.errors.page is not None:
            return Files([])
        return few_files(files, config, self.pending, self.generated) if self.few else files

    def _index_written_commune(self) -> None:
        """Start the indexes whose last page MkDocs wrote after the previous on_post_page returned."""
        if self.written is not None:
            self.indexing[self.written] = self.pool.submit(index_commune, Path(self.site_dir), self.written,
                                                            self.search_cache)
            self.written = None
        if self.root_written:
            self.root = self.pool.submit(index_root, Path(self.site_dir), self.communes, self.search_cache)
            self.root_written = False

    def on_nav(self, nav, config, files):
        """A rebuild in place builds the pages of the navigation every time: every page shows their titles."""
        self.nav = nav
        self.before: dict[str, bytes | None] = {}
        if self.incremental:
            for page in nav.pages:
                target = Path(page.file.abs_dest_path)
                self.before[page.file.dest_uri] = target.read_bytes() if target.exists() else None
                target.unlink(missing_ok=True)
        return nav

    def on_env(self, env, config, files):
        if self.command == "serve":
            env.bytecode_cache = self.templates
        if self.command == "serve" and self.errors.page is None:
            layout = layout_key(config, self.nav)
            self.layout_changed = self.incremental and layout != self.layout
            self.layout = layout
        return env

    def on_page_content(self, html, page, config, files):
        forget_markdown(page)
        return html

    def on_post_page(self, output, page, config):
        self._index_written_commune()
        if self.root_left and in_root_index(page.file.dest_uri, self.commune_set):
            self.root_left -= 1
            self.root_written = not self.root_left
        slug = page.file.dest_uri.split("/")[0]
        if self.pages_left[slug]:
            self.pages_left[slug] -= 1
            if not self.pages_left[slug]:
                self.written = slug
        url = page.canonical_url or page.abs_url
        date = str(page.meta["cap_nhat"]) if page.meta.get("cap_nhat") else None
        if self.data_dates.get(url) != date:
            self.dates_changed = True
            if date:
                self.data_dates[url] = date
            else:
                del self.data_dates[url]
        output = add_policy(fix_material_markup(output), webassembly=bool(page.meta.get("tim_kiem")))
        if self.incremental:
            dest = page.file.dest_uri
            target = Path(page.file.abs_dest_path)
            before = self.before[dest] if dest in self.before else target.read_bytes() if target.exists() else None
            if before != output.encode("utf-8", errors="xmlcharrefreplace"):
                self.changed.add(dest)
        return output

    def on_pre_build(self, config):
        self.site_dir = config.site_dir
        self.pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 1)
        self.changed: set[str] = set()  # a rebuild in place: the pages whose HTML changed
        self.dates_changed = False
        if not self.incremental:
            self.data_dates = {}

    def on_post_build(self, config):
        """The sitemap's lastmod is the date of each page's data, not the day of the build; then the search index
        (a shard leaves it to `cchc join`, which indexes the whole site)."""
        self._index_written_commune()
        self.pool.shutdown(wait=False)  # what runs still is waited for in build_search_index
        if self.errors.page is not None:
            return
        site = Path(config.site_dir)
        only = None
        if self.incremental and not self.few:  # when no file came or went, no output is stale
            root = config.site_dir
            indexes = {os.path.join(root, search_index_folder())} | {os.path.join(root, search_index_folder(slug)) for slug in self.communes}
            if self.editor is not None:
                indexes.add(os.path.join(root, self.editor[0]))  # the published editor: kept, written below
            expected = {f.abs_dest_path for f in self.files} | {os.path.join(root, "sitemap.xml.gz")}
            expected |= {os.path.join(root, name) for name in config.theme.static_templates}
            remove_stale(root, expected, indexes)
        if self.incremental:
            only = {dest.split("/")[0] for dest in self.changed} & set(self.communes)
            only |= {slug for slug in self.communes if not (site / search_index_folder(slug)).is_dir()}
        if not self.few or self.dates_changed:
            set_lastmod(site, self.data_dates)
        if not os.environ.get(SHARD_ENV):
            portal = only is None or any(dest.split("/")[0] not in self.communes or dest.count("/") == 1
                                         for dest in self.changed) or self.communes != self.indexed
            try:
                report = build_search_index(site, self.communes, portal=portal, only=only, started=self.indexing,
                                            cache=self.search_cache, root=self.root)
            except UserError as exc:
                raise PluginError(str(exc)) from None
            self.indexed = self.communes
            log.info(say("tim_kiem_chi_muc", trang=report.pages, kb=report.index_bytes // 1024))
        if self.editor is not None:
            self._publish_editor(config, site)
        if self.reports is not None:
            worker, self.reports = self.reports, None
            try:
                worker.finish(site)
            except UserError as exc:
                raise PluginError(str(exc)) from None
        self._saved()
        self.pending, self.built_uris = set(), self.uris
        self.known.forget_pages()

    def _publish_editor(self, config, site: Path) -> None:
        """The editor at its folder of the site (README, "The editor on the portal"): never over a page of the site."""
        folder, dist, backend = self.editor
        taken = next((f.dest_uri for f in self.files if f.dest_uri.startswith(folder + "/")), None)
        if taken is not None:
            raise PluginError(say("bien_tap_duong_dan_trung", duong_dan=folder, tep=taken))
        root = Path(config.config_file_path).parent
        data_dir = self._path(config, self.config.data_dir)
        settings = published_editor.hosted_config(data_dir, root, backend, config.site_url)
        published_editor.publish(site, folder, dist, settings, published_editor.policy(backend))

    def on_post_template(self, output_content, template_name, config):
        """Pages the theme renders on its own (404.html) get the same policy."""
        return add_policy(fix_material_markup(output_content)) if template_name.endswith(".html") else output_content

"""One readable pipeline: read → compute → check → build context → render → write.

Everything is gathered and checked before anything is written, so bad data
never leaves a half-generated site behind.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .checks import check_commune_code, check_period
from .compute import compute
from .context import CommuneView, build_commune_view, contact
from .problems import DataError, Problem, say
from .opendata import open_data_files
from .reader import Portal, read_portal
from .render import make_env, render_site
from .shard_spec import select
from .site_paths import RenderedPage
from .writer import WriteReport, write_pages


@dataclass
class CheckResult:
    portal: Portal | None
    problems: list[Problem]
    computed: dict = field(default_factory=dict)  # (commune, period) -> (figures, findings)

    @property
    def blocking(self) -> list[Problem]:
        return [p for p in self.problems if p.blocking]


@dataclass
class GenerateResult:
    problems: list[Problem]
    pages: list[RenderedPage]
    report: WriteReport
    nav: list
    contact: dict | None  # the footer's contact on pages that are not a commune's: in a one-commune portal, that commune
    communes: list[str]  # the folders of the portal's communes (for the search indexes)


def _files_key(folder: Path, pattern: str = "*") -> tuple:
    """The state of a folder's files (name, size, modification time): a saved edit changes it."""
    return tuple(sorted((p.relative_to(folder).as_posix(), st.st_size, st.st_mtime_ns)
                        for p in folder.glob(pattern) if p.is_file() and (st := p.stat())))


@dataclass
class Memo:
    """What `mkdocs serve` keeps between rebuilds, per commune: its reading and checking (keyed by the state of its
    files), its view and its rendered pages and data files, and the text of every file as last written. A save then
    regenerates only the communes whose files changed; anything all communes depend on (the catalogues, the site's
    address, the template overrides, one commune or many) starts it afresh."""

    settings: tuple = ()
    communes: dict = field(default_factory=dict)  # slug -> (files key, Commune or None, its problems, its computed)
    views: dict = field(default_factory=dict)  # slug -> (Commune, one commune or many, CommuneView)
    pages: dict = field(default_factory=dict)  # slug -> (CommuneView, its pages)
    files: dict = field(default_factory=dict)  # slug -> (CommuneView, its rows, JSON and data files)
    env: object = None  # the template environment, compiled once
    written: dict = field(default_factory=dict)  # path -> text last written

    def start(self, settings: tuple) -> None:
        if settings != self.settings:
            self.__init__(settings)


def _check_commune(commune, catalog) -> tuple[list[Problem], dict]:
    problems = check_commune_code(commune, catalog)
    computed = {}
    for period in commune.periods:
        figures = compute(period)
        findings = check_period(commune, period, figures, catalog.period_kinds)
        problems.extend(f.problem for f in findings)
        computed[period.slug] = (figures, findings)
    return problems, computed


def check(data_dir: Path, shown_root: Path | None = None, memo: Memo | None = None) -> CheckResult:
    """Read and check all data; never raises for bad data. With a memo, communes whose files did not change since
    the memo's last check are not read again."""
    data_dir = Path(data_dir)
    memo = memo or Memo()
    xa = data_dir / "xa"
    keys = {f.name: _files_key(f) for f in sorted(xa.iterdir()) if f.is_dir()} if xa.is_dir() else {}
    changed = {slug for slug, key in keys.items() if memo.communes.get(slug, (None,))[0] != key}
    portal, problems = read_portal(data_dir, shown_root, only=changed)
    if portal is None:
        memo.__init__()
        return CheckResult(None, problems)
    shown_xa = Path(shown_root or data_dir) / "xa"
    general, by_commune = [], {}
    for p in problems:  # each commune's own, by the folder of the file they are in
        where = Path(p.file)
        if where.is_relative_to(shown_xa) and len(parts := where.relative_to(shown_xa).parts) > 1:
            by_commune.setdefault(parts[0], []).append(p)
        else:
            general.append(p)
    read = {c.slug: c for c in portal.communes}
    for slug in set(memo.communes) - set(keys):
        del memo.communes[slug]
    for slug in changed:
        commune = read.get(slug)
        found = by_commune.get(slug, [])
        computed = {}
        if commune is not None:
            more, computed = _check_commune(commune, portal.catalog)
            found += more
        memo.communes[slug] = (keys[slug], commune, found, computed)
    result = CheckResult(Portal(portal.catalog, [c for s in keys if (c := memo.communes[s][1]) is not None]), general)
    for slug in keys:
        _, commune, found, computed = memo.communes[slug]
        result.problems.extend(found)
        result.computed.update({(slug, period): figures for period, figures in computed.items()})
    result.problems.sort(key=lambda p: (p.file, p.line, p.col))
    return result


def views_of(result: CheckResult, memo: Memo | None = None) -> list[CommuneView]:
    portal = result.portal
    single = len(portal.communes) == 1
    views = memo.views if memo is not None else {}
    for commune in portal.communes:
        if views.get(commune.slug, (None,))[:2] != (commune, single):
            computed = {p.slug: result.computed[(commune.slug, p.slug)] for p in commune.periods}
            views[commune.slug] = (commune, single, build_commune_view(commune, portal.catalog, computed, single))
    return [views[commune.slug][2] for commune in portal.communes]


def generate(
    data_dir: Path,
    docs_dir: Path,
    *,
    templates: Path | None = None,
    shown_root: Path | None = None,
    site_url: str | None = None,
    site_name: str = "",
    site_contact: dict | None = None,
    shard: str | None = None,
    progress=lambda done, total: None,
    memo: Memo | None = None,
) -> GenerateResult:
    """Check the data, then render and write the Markdown and data files; raise DataError on an unacknowledged error.

    Without site_url (the published address) the files that need absolute links, the data.json catalogue,
    the Atom feeds and robots.txt, are not produced. site_contact is the portal's contact (mkdocs.yml `extra.lien_he`),
    data.json's contact for a commune that publishes no e-mail. With provinces (a shard), only the portal home and those
    provinces' pages are written; the portal-wide files are left to the join (generator/shards.py).
    shard is "K/N" or "tinh:<name>". memo: see Memo.
    """
    if memo is not None:
        overrides = _files_key(templates, "**/*") if templates and templates.is_dir() else ()
        contact_key = json.dumps(site_contact, sort_keys=True, default=str)
        memo.start((_files_key(Path(data_dir) / "danh-muc", "**/*"), overrides, site_url, site_name, contact_key, shard))
    result = check(data_dir, shown_root, memo)
    if result.portal is None or result.blocking:
        raise DataError(result.problems)
    views = views_of(result, memo)
    provinces = select(shard, {v.xa.tinh for v in views}) if shard else None
    if memo is None or memo.env is None:
        env = make_env(templates)
        if memo is not None:
            memo.env = env
    pages = render_site(views, result.portal.catalog, memo.env if memo is not None else env, site_url, provinces,
                        progress, memo.pages if memo is not None else None)
    selected = views if provinces is None else [v for v in views if v.xa.tinh in provinces]
    sector_names = {s.ma: s.ten for s in result.portal.catalog.sectors.linh_vuc}
    pages += open_data_files(selected, site_url, site_name, portal=provinces is None, sector_names=sector_names,
                             site_contact=site_contact, memo=memo.files if memo is not None else None)
    report = write_pages(Path(docs_dir), pages, memo.written if memo is not None else None)
    markdown = {p.path for p in pages if p.path.endswith(".md")}
    portal_contact = contact(views[0]) if len(views) == 1 else None
    return GenerateResult(result.problems, pages, report, navigation(views, Path(docs_dir), markdown), portal_contact,
                          [v.slug for v in views])


def navigation(views: list[CommuneView], docs_dir: Path, generated: set[str]) -> list:
    """The MkDocs nav: generated pages in reading order, then hand-written pages.

    MkDocs renders the whole nav into every page, so a portal of many communes lists only its home: a page's
    size does not grow with the number of communes, and a page is the same whether its province is built alone
    (a shard) or with the whole country. The home lists the provinces, a province page its communes, and every
    commune page carries a breadcrumb and its own menu.
    """
    if len(views) == 1:
        p = views[0].pages
        nav = ["index.md", p["thu_tuc"], p["phan_anh"], p["thong_bao"], p["ke_hoach"]]
        nav.append({say("nav_bao_cao"): [p["bao_cao"]] + [md for pv in views[0].periods for md in (pv.md, pv.appendix_md) if md]})
        nav.append(p["lich_su"])
    else:
        nav = ["index.md"]
    hand_written = sorted(md for md in _markdown_files(docs_dir) if md not in generated)
    if hand_written:
        nav.append({say("nav_thong_tin"): hand_written})
    return nav


def _markdown_files(docs_dir: Path) -> list[str]:
    """Every Markdown file under docs_dir, as a path relative to it (os.walk, and no relpath per folder: a portal has
    thousands, walked on every save of `mkdocs serve`)."""
    found = []
    top = str(docs_dir)
    for root, _, names in os.walk(top):
        folder = root[len(top) + 1:].replace(os.sep, "/")
        found += [f"{folder}/{name}" if folder else name for name in names if name.endswith(".md")]
    return found

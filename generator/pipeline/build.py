"""One readable pipeline: read → compute → check → build context → render → write.

Everything is gathered and checked before anything is written, so bad data
never leaves a half-generated site behind.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.problems import DataError, Problem, say
from generator.core.site_paths import HOME, RenderedPage, single_commune
from generator.load.reader import read_portal
from generator.load.yaml_loader import MAX_FILE_BYTES
from generator.models.portal import Catalog, Commune, Portal
from generator.render.opendata import CommuneData, open_data_files
from generator.render.pages import RenderedCommune, make_env, render_site
from generator.rules.across import check_across
from generator.rules.checks import CheckedPeriod, check_commune_code, check_period
from generator.rules.compute import compute
from generator.views.context import CommuneView, build_commune_view, contact
from generator.views.procedures import procedure_list_views, shown_lists
from generator.write.writer import WriteReport, hand_written, write_pages

from .shard_spec import select

DATA_FILE_BYTES = MAX_FILE_BYTES + 1  # what the loader reads of a data file: one byte more than it accepts


@dataclass
class CheckResult:
    portal: Portal | None
    problems: list[Problem]
    checked: dict[tuple[str, str], CheckedPeriod] = field(default_factory=dict)  # (commune slug, period slug) -> it

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
    communes: list[str]  # the folders of the portal's communes
    search_folders: list[str]  # the folders with a search index of their own: the communes', then the provinces'
    # procedures' (thu-tuc-<tỉnh>) in a portal of many communes


def _files_key(folder: Path, pattern: str = "*", outside: str | None = None, read: int | None = None) -> tuple:
    """The content of a folder's files (name and digest), but those of its subfolder outside: a saved edit changes
    it, a checkout or a copy that only touches the files' times does not (the key is kept on disk between builds:
    pipeline/cache.py). read: how much of a file counts, for data files what the loader reads."""
    return tuple(sorted((rel, _digest(p, read)) for p in folder.glob(pattern)
                        if (rel := p.relative_to(folder).as_posix()).split("/")[0] != outside and p.is_file()))


def _digest(path: Path, read: int | None) -> str:
    """The sha256 of a file's size and of its first `read` bytes (all of it without), a megabyte in memory at a time: a
    3 GB file a clerk drops into data/ is refused by its size, not read whole at every build."""
    digest = hashlib.sha256(f"{path.stat().st_size}\0".encode())
    with path.open("rb") as fh:
        left = read
        while chunk := fh.read(2**20 if left is None else min(2**20, left)):
            digest.update(chunk)
            left = None if left is None else left - len(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class CheckedCommune:
    """One commune's reading and checking, as kept between rebuilds."""

    files_key: tuple  # the state of its folder's files when it was read (_files_key)
    commune: Commune | None  # None when its files could not be read into one
    problems: list[Problem]  # its own, the reader's and the checker's
    periods: dict[str, CheckedPeriod]  # period slug -> that period as computed and checked


@dataclass(frozen=True)
class KeptView:
    """A commune's view, as kept between rebuilds: valid while the commune and "one commune or many" are the same."""

    commune: Commune
    single: bool
    view: CommuneView


@dataclass
class Memo:
    """What `mkdocs serve` keeps between rebuilds, and `mkdocs build` between builds (pipeline/cache.py), per commune:
    its reading and checking (keyed by the content of its files), its view and its rendered pages and data files, and
    the text of every file as last written. A save then regenerates only the communes whose files changed (the rules
    that compare communes, rules/across.py, still run over all of them: their findings are kept with none); anything
    all communes depend on (every file of data/ outside xa/: the catalogues, the provinces; the site's address, the
    template overrides, one commune or many, whether the reports are made apart) starts it afresh."""

    settings: tuple = ()
    communes: dict[str, CheckedCommune] = field(default_factory=dict)  # by slug
    views: dict[str, KeptView] = field(default_factory=dict)  # by slug
    pages: dict[str, RenderedCommune] = field(default_factory=dict)  # by slug
    files: dict[str, CommuneData] = field(default_factory=dict)  # by slug
    env: object = None  # the template environment, compiled once
    lists: dict | None = None  # the provinces' procedure lists as views (views/procedures.py), made once
    written: dict = field(default_factory=dict)  # path -> bytes last written
    changed: bool = True  # something in it is not what was loaded from the cache (pipeline/cache.py)

    def start(self, settings: tuple) -> None:
        if settings != self.settings:
            self.__init__(settings)


def _check_commune(files_key: tuple, commune: Commune, catalog: Catalog, problems: list[Problem]) -> CheckedCommune:
    """Compute and check each period of a commune read without errors that stop it; problems: the reader's."""
    problems = problems + check_commune_code(commune, catalog.period_kinds)
    periods = {}
    listed = catalog.procedure_list_of(commune.xa)
    for period in commune.periods:
        figures = compute(period)
        findings = check_period(commune, period, figures, catalog.period_kinds, listed and listed.listing)
        problems.extend(f.problem for f in findings)
        periods[period.slug] = CheckedPeriod(figures, findings)
    return CheckedCommune(files_key, commune, problems, periods)


def check(data_dir: Path, shown_root: Path | None = None, memo: Memo | None = None, only: str | None = None) -> CheckResult:
    """Read and check all data; never raises for bad data. With a memo, communes whose files did not change since
    the memo's last check are not read again. With only (a commune's folder name, without a memo), the catalogues and
    that commune: `cchc validate data/xa/<xã>`."""
    data_dir = Path(data_dir)
    memo = memo or Memo()
    xa = data_dir / "xa"
    keys = {f.name: _files_key(f, read=DATA_FILE_BYTES) for f in sorted(xa.iterdir())
            if f.is_dir() and only in (None, f.name)} if xa.is_dir() else {}
    changed = {slug for slug, key in keys.items() if slug not in memo.communes or memo.communes[slug].files_key != key}
    reading = read_portal(data_dir, shown_root, only=changed)
    portal = reading.portal
    if portal is None:
        memo.__init__()
        return CheckResult(None, reading.problems)
    shown_xa = Path(shown_root or data_dir) / "xa"
    general, by_commune = [], {}
    for p in reading.problems:  # each commune's own, by the folder of the file they are in
        where = Path(p.file)
        if where.is_relative_to(shown_xa) and len(parts := where.relative_to(shown_xa).parts) > 1:
            by_commune.setdefault(parts[0], []).append(p)
        elif only is None or where.parent != shown_xa:  # another folder of xa/ is not the one commune's problem
            general.append(p)
    read = {c.slug: c for c in portal.communes}
    for slug in set(memo.communes) - set(keys):
        del memo.communes[slug]
        memo.changed = True
    memo.changed |= bool(changed)
    for slug in changed:
        commune, found = read.get(slug), by_commune.get(slug, [])
        memo.communes[slug] = (CheckedCommune(keys[slug], None, found, {}) if commune is None
                               else _check_commune(keys[slug], commune, portal.catalog, found))
    communes = [c for s in keys if (c := memo.communes[s].commune) is not None]
    result = CheckResult(Portal(portal.catalog, communes), general + check_across(communes, portal.catalog))
    for slug in keys:
        checked = memo.communes[slug]
        result.problems.extend(checked.problems)
        result.checked.update({(slug, period): it for period, it in checked.periods.items()})
    result.problems.sort(key=lambda p: (p.file, p.line, p.col))
    return result


def views_of(result: CheckResult, memo: Memo | None = None) -> list[CommuneView]:
    portal = result.portal
    single = single_commune(portal.communes)
    views = memo.views if memo is not None else {}
    lists = memo.lists if memo is not None and memo.lists is not None else procedure_list_views(portal.catalog)
    if memo is not None:
        memo.lists = lists
    for commune in portal.communes:
        kept = views.get(commune.slug)
        if kept is None or (kept.commune, kept.single) != (commune, single):
            checked = {p.slug: result.checked[(commune.slug, p.slug)] for p in commune.periods}
            views[commune.slug] = KeptView(commune, single, build_commune_view(commune, portal.catalog, checked, single, lists))
    return [views[commune.slug].view for commune in portal.communes]


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
    reports: list | None = None,
) -> GenerateResult:
    """Check the data, then render and write the Markdown and data files; raise DataError on an unacknowledged error.

    Without site_url (the published address) the files that need absolute links, the data.json catalogue,
    the Atom feeds and robots.txt, are not produced. site_contact is the portal's contact (mkdocs.yml `extra.lien_he`),
    data.json's contact for a commune that publishes no e-mail. With provinces (a shard), only the portal home and those
    provinces' pages are written; the portal-wide files are left to the join (generator/mkdocs_adapter/shards.py).
    shard is "K/N" or "tinh:<name>". memo: see Memo. reports (a whole build): the period reports (.docx) are not
    made but listed there, for a worker beside MkDocs (generator/pipeline/documents.py); they count as generated files.
    """
    if memo is not None:
        overrides = _files_key(templates, "**/*") if templates and templates.is_dir() else ()
        contact_key = json.dumps(site_contact, sort_keys=True, default=str)
        # Every file of data/ but the communes' (the catalogues, data/tinh/…) may shape every commune's pages.
        memo.start((_files_key(Path(data_dir), "**/*", outside="xa", read=DATA_FILE_BYTES), overrides, site_url, site_name, contact_key, shard,
                    str(shown_root), reports is not None))
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
                             site_contact=site_contact, memo=memo.files if memo is not None else None, reports=reports)
    report = write_pages(Path(docs_dir), pages, memo.written if memo is not None else None,
                         [r.path for r in reports or ()])
    portal_contact = contact(views[0]) if single_commune(views) else None
    return GenerateResult(result.problems, pages, report, navigation(views, Path(docs_dir)), portal_contact,
                          [v.slug for v in views], search_folders(views, selected))


def search_folders(views: list[CommuneView], selected: list[CommuneView] | None = None) -> list[str]:
    """The folders with a search index of their own: each commune's, then (in a portal of many communes) each
    procedure list's that the selected communes (of a shard; all by default) show."""
    procedures = [] if single_commune(views) else shown_lists(views if selected is None else selected)
    return [v.slug for v in views] + [pl.folder for pl in procedures]


def navigation(views: list[CommuneView], docs_dir: Path) -> list:
    """The MkDocs nav: generated pages in reading order, then hand-written pages.

    MkDocs renders the whole nav into every page, so a portal of many communes lists only its home: a page's
    size does not grow with the number of communes, and a page is the same whether its province is built alone
    (a shard) or with the whole country. The home lists the provinces, a province page its communes, and every
    commune page carries a breadcrumb and its own menu.
    """
    if single_commune(views):
        p = views[0].pages
        nav = [HOME, p["thu_tuc"], p["phan_anh"], p["thong_bao"], p["ke_hoach"]]
        nav.append({say("nav_bao_cao"): [p["bao_cao"]] + [md for pv in views[0].periods for md in (pv.md, pv.appendix_md) if md]})
        nav.append(p["lich_su"])
    else:
        nav = [HOME]
    pages = [md for md in hand_written(docs_dir) if md.endswith(".md")]
    if pages:
        nav.append({say("nav_thong_tin"): pages})
    return nav

"""One readable pipeline: read → compute → check → build context → render → write.

Everything is gathered and checked before anything is written, so bad data
never leaves a half-generated site behind.
"""

from __future__ import annotations

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


def check(data_dir: Path, shown_root: Path | None = None) -> CheckResult:
    """Read and check all data; never raises for bad data."""
    portal, problems = read_portal(Path(data_dir), shown_root)
    result = CheckResult(portal, problems)
    if portal is None:
        return result
    for commune in portal.communes:
        problems.extend(check_commune_code(commune, portal.catalog))
        for period in commune.periods:
            figures = compute(period)
            findings = check_period(commune, period, figures, portal.catalog.period_kinds)
            problems.extend(f.problem for f in findings)
            result.computed[(commune.slug, period.slug)] = (figures, findings)
    problems.sort(key=lambda p: (p.file, p.line, p.col))
    return result


def views_of(result: CheckResult) -> list[CommuneView]:
    portal = result.portal
    single = len(portal.communes) == 1
    return [
        build_commune_view(
            commune,
            portal.catalog,
            {p.slug: result.computed[(commune.slug, p.slug)] for p in commune.periods},
            single,
        )
        for commune in portal.communes
    ]


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
) -> GenerateResult:
    """Check the data, then render and write the Markdown and data files; raise DataError on an unacknowledged error.

    Without site_url (the published address) the files that need absolute links, the data.json catalogue,
    the Atom feeds and robots.txt, are not produced. site_contact is the portal's contact (mkdocs.yml `extra.lien_he`),
    data.json's contact for a commune that publishes no e-mail. With provinces (a shard), only the portal home and those
    provinces' pages are written; the portal-wide files are left to the join (generator/shards.py).
    shard is "K/N" or "tinh:<name>".
    """
    result = check(data_dir, shown_root)
    if result.portal is None or result.blocking:
        raise DataError(result.problems)
    views = views_of(result)
    provinces = select(shard, {v.xa.tinh for v in views}) if shard else None
    pages = render_site(views, result.portal.catalog, make_env(templates), site_url, provinces, progress)
    selected = views if provinces is None else [v for v in views if v.xa.tinh in provinces]
    sector_names = {s.ma: s.ten for s in result.portal.catalog.sectors.linh_vuc}
    pages += open_data_files(selected, site_url, site_name, portal=provinces is None, sector_names=sector_names,
                             site_contact=site_contact)
    report = write_pages(Path(docs_dir), pages)
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
    hand_written = sorted(
        path.relative_to(docs_dir).as_posix()
        for path in docs_dir.rglob("*.md")
        if path.relative_to(docs_dir).as_posix() not in generated
    )
    if hand_written:
        nav.append({say("nav_thong_tin"): hand_written})
    return nav

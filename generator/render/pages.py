"""Render every page of the portal to Markdown text from the templates.

Text from the data can never become markup: every `{{ value }}` passes through
`finalize`, which escapes HTML and the characters Markdown would act on. Only
the template itself, and filters that return Markup built from escaped parts,
produce markup.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.core import richtext
from generator.core.dates import vn_date
from generator.core.numbers import figure_number
from generator.core.site_paths import (
    DATA_CATALOGUE,
    FIRST_SECTION_HEADING,
    HOME,
    PORTAL_FEED,
    PORTAL_FILES,
    SEARCH_PAGE,
    RenderedPage,
    commune_feed,
    province_page,
    relative_file_url,
    relative_url,
    section_anchor,
    single_commune,
)
from generator.core.slug import slugify
from generator.models.types import tel_href
from generator.views.context import contact, online_level, province_views
from generator.views.procedures import shown_lists

from . import opendata

TEMPLATES = Path(__file__).parents[1] / "templates"

# HTML's special characters and those Markdown (and its extensions) would act on, as entities.
_SPECIAL = "&<>\"'\\`*_{}[]#!|~^$"
_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in _SPECIAL})
_ANY_SPECIAL = re.compile(f"[{re.escape(_SPECIAL)}]")  # most text has none: searching is faster than translating


_ODD_SPACE = re.compile(r"\s\s|[^\S ]")  # a run of white space, or any white space but a plain space
_SPACES = re.compile(r"\s+")


def escape_text(value) -> Markup:
    """Plain text that stays text in both Markdown and HTML."""
    text = str(value)
    if _ODD_SPACE.search(text):  # rare: checked first because substituting is slower
        text = _SPACES.sub(" ", text)
    return Markup(text.translate(_ENTITIES) if _ANY_SPECIAL.search(text) else text)


def _finalize(value):
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return escape_text(value)


def make_env(overrides: Path | None = None) -> jinja2.Environment:
    """The template environment; a webmaster's override folder is searched first."""
    loaders = [jinja2.FileSystemLoader(str(overrides))] if overrides and overrides.is_dir() else []
    loaders.append(jinja2.FileSystemLoader(str(TEMPLATES)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # "{#id}" is Markdown's heading-anchor syntax, so Jinja comments are "{## … ##}".
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters.update(
        so=figure_number,
        tel=tel_href,
        richtext=richtext.parse,
        ngay=vn_date,
        slug=slugify,
        yaml_str=lambda v: Markup(json.dumps(str(v), ensure_ascii=False)),  # a JSON string is a YAML string
        yaml_flow=lambda v: Markup(json.dumps(v, ensure_ascii=False)),  # and a JSON object a YAML flow mapping
    )
    return env


@dataclass(frozen=True)
class RenderedCommune:
    """A commune's pages (or a province's procedure pages), as kept between rebuilds while its view is the same
    object."""

    view: object  # CommuneView, or ProcedureListView
    pages: list[RenderedPage]


@dataclass(frozen=True)
class RenderedProvince:
    """A province page, as kept between rebuilds with what it shows: its name, its communes' views, the key figures,
    the day its former units ceased and the date."""

    shown: tuple
    page: RenderedPage

    def still_shows(self, shown: tuple) -> bool:
        """The same name, the very same commune views, key figures and date: the page need not be rendered again."""
        name, communes, *rest = shown
        return (self.shown[0] == name and len(self.shown[1]) == len(communes)
                and all(a is b for a, b in zip(self.shown[1], communes)) and list(self.shown[2:]) == rest)


def render_site(
    views: list,
    catalog,
    env: jinja2.Environment,
    site_url: str | None = None,
    provinces: set[str] | None = None,
    progress=lambda done, total: None,
    memo: dict[str, RenderedCommune] | None = None,
) -> list[RenderedPage]:
    """Every generated page of the portal (or of a shard: only these provinces), in memory; nothing is written here.

    memo (mkdocs serve): commune slug -> its RenderedCommune from the previous run; a commune whose view is the same
    object is not rendered again, and the pages of those rendered are put in it. Likewise a province page's
    path -> its RenderedProvince: a province whose communes' views are all the same objects is not rendered again."""
    sectors = {s.ma: s for s in catalog.sectors.linh_vuc}
    env.globals.update(
        link=relative_url,
        file_link=relative_file_url,
        downloads=opendata.downloads,
        home=HOME,
        portal_downloads=PORTAL_FILES,
        commune_feed=commune_feed,
        portal_feed=PORTAL_FEED,
        data_catalogue=DATA_CATALOGUE,
        has_feed=bool(site_url),
        contact=contact,
        online_level=online_level,
        section_anchor=section_anchor,
        first_section_heading=FIRST_SECTION_HEADING,
    )

    def page(template: str, path: str, **context) -> RenderedPage:
        return RenderedPage(path, env.get_template(template).render(page=path, **context))

    pages: list[RenderedPage] = [page("tim_kiem.md.j2", SEARCH_PAGE)]
    if not single_commune(views):
        all_provinces = province_views(views, catalog.key_figures.trang_chu, catalog.period_kinds.ma_don_vi_tu)
        newest = max((d for v in views if (d := opendata.modified(v))), default=None)
        pages.append(page("portal.md.j2", HOME, provinces=all_provinces, cap_nhat=newest))
        for province in all_provinces:
            if provinces is not None and province.name not in provinces:
                continue
            updated = max((d for v in province.communes if (d := opendata.modified(v))), default=None)
            shown = (province.name, province.communes, catalog.key_figures.trang_chu, province.reorganised_on, updated)
            kept = memo.get(province.md) if memo is not None else None
            if kept is not None and kept.still_shows(shown):
                pages.append(kept.page)
                continue
            pages.append(page("tinh.md.j2", province.md, province=province, cap_nhat=updated))
            if memo is not None:
                memo[province.md] = RenderedProvince(shown, pages[-1])
    chosen = [c for c in views if provinces is None or c.xa.tinh in provinces]
    for pl in shown_lists(chosen):
        folder = pl.folder
        if memo is not None and folder in memo and memo[folder].view is pl:
            pages += memo[folder].pages
            continue
        first = len(pages)
        shared = {"pl": pl, "cap_nhat": pl.checked_on, "many": not single_commune(views),
                  "province_md": pl.name and province_page(pl.name)}
        for p in pl.procedures:
            pages.append(page("thu_tuc_chi_tiet.md.j2", p.md, p=p, **shared))
        for sector, procedures in pl.sectors:
            pages.append(page("thu_tuc_linh_vuc.md.j2", pl.sector_md(sector), sector=sector, procedures=procedures,
                              **shared))
        if memo is not None:
            memo[folder] = RenderedCommune(pl, pages[first:])
    for done, c in enumerate(chosen, 1):
        progress(done, len(chosen))
        if memo is not None and c.slug in memo and memo[c.slug].view is c:
            pages += memo[c.slug].pages
            continue
        first = len(pages)
        p = c.pages
        updated = opendata.modified(c)
        pages.append(page("xa.md.j2", p["home"], c=c, cap_nhat=updated, jsonld=opendata.organization(c, site_url)))
        for kind in ("thu_tuc", "phan_anh", "thong_bao", "ke_hoach", "bao_cao", "lich_su"):
            template = "bao_cao_ds.md.j2" if kind == "bao_cao" else f"{kind}.md.j2"
            pages.append(page(template, p[kind], c=c, cap_nhat=updated))
        for pv in c.periods:
            pages.append(page("bao_cao.md.j2", pv.md, c=c, pv=pv, sectors=sectors, cap_nhat=opendata.period_date(pv)))
            if pv.appendix_md:
                pages.append(page("phu_luc.md.j2", pv.appendix_md, c=c, pv=pv, cap_nhat=opendata.period_date(pv)))
        if memo is not None:
            memo[c.slug] = RenderedCommune(c, pages[first:])
    return pages

"""Render every page of the portal to Markdown text from the templates.

Text from the data can never become markup: every `{{ value }}` passes through
`finalize`, which escapes HTML and the characters Markdown would act on. Only
the template itself, and filters that return Markup built from escaped parts,
produce markup.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import richtext
from .compute import sector_total
from .models.types import tel_href
from .numbers import ratio, vn_number
from .slug import slugify

TEMPLATES = Path(__file__).with_name("templates")

# HTML's special characters and those Markdown (and its extensions) would act on, as entities.
_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]#!|~^$"})


def escape_text(value) -> Markup:
    """Plain text that stays text in both Markdown and HTML."""
    text = re.sub(r"\s+", " ", str(value))
    return Markup(text.translate(_ENTITIES))


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
        so=vn_number,
        ty_le=ratio,
        tel=tel_href,
        richtext=richtext.parse,
        ngay=lambda d: d.strftime("%d/%m/%Y") if d else "",
        slug=slugify,
    )
    return env


def page_url(md_path: str) -> str:
    """The site URL of a Markdown file under directory URLs: a/b.md -> a/b/, a/index.md -> a/."""
    if md_path == "index.md":
        return ""
    if md_path.endswith("/index.md"):
        return md_path[: -len("index.md")]
    return md_path[: -len(".md")] + "/"


def relative_url(from_md: str, to_md: str, anchor: str = "") -> str:
    """A link between two generated pages, as the browser will resolve it."""
    here = page_url(from_md) or "."
    there = page_url(to_md) or "."
    rel = posixpath.relpath(there, here.rstrip("/") or ".")
    rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


@dataclass
class RenderedPage:
    path: str  # relative to the docs dir, e.g. thinh-duc/thu-tuc/index.md
    text: str


def render_site(views: list, catalog, env: jinja2.Environment) -> list[RenderedPage]:
    """Every generated page of the portal, in memory; nothing is written here."""
    sectors = {s.ma: s for s in catalog.sectors.linh_vuc}
    env.globals.update(
        link=relative_url,
        procedure_url=lambda code: catalog.sectors.lien_ket_thu_tuc.format(ma=code),
    )

    def page(template: str, path: str, **context) -> RenderedPage:
        return RenderedPage(path, env.get_template(template).render(page=path, **context))

    pages: list[RenderedPage] = []
    if len(views) > 1:
        provinces: dict[str, list] = {}
        for view in views:
            provinces.setdefault(view.xa.tinh, []).append(view)
        pages.append(page("portal.md.j2", "index.md", provinces=sorted(provinces.items())))
    for c in views:
        p = c.pages
        pages.append(page("xa.md.j2", p["home"], c=c))
        pages.append(page("thu_tuc.md.j2", p["thu_tuc"], c=c))
        pages.append(page("phan_anh.md.j2", p["phan_anh"], c=c))
        pages.append(page("thong_bao.md.j2", p["thong_bao"], c=c))
        pages.append(page("ke_hoach.md.j2", p["ke_hoach"], c=c))
        pages.append(page("bao_cao_ds.md.j2", p["bao_cao"], c=c))
        for pv in c.periods:
            pages.append(page("bao_cao.md.j2", pv.md, c=c, pv=pv, sectors=sectors,
                              sector_total=sector_total(pv.period)))
    return pages

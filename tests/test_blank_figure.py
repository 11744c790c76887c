"""A figure not reported reads the same wherever it is shown (issue 23, item 7): an appendix cell, a commune's key
figure, a chart's table and its description for screen readers, a province's comparison. The words are written once
(`no_figure` in generator/templates/_macros.md.j2), so a webmaster who words it otherwise in an override
(`plugins.cchc.templates_dir`) changes every place at once.

The sample portal, Thịnh Đức with two more periods (tests/fixtures/mau-thu-nghiem): its history has a period without
appendix, a blank in each chart; Phù Liễn's home and appendix have blanks, and so does Hải Phòng's comparison.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.pipeline.build import generate
from generator.render.pages import TEMPLATES
from test_templates import _commune_on_two_templates

SHIPPED = "{% macro no_figure() %}Không có số liệu{% endmacro %}"
OWN = "Chưa báo cáo"


def _page(docs: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((docs / path).read_text(encoding="utf-8"), "html.parser")


def _text(node) -> str:
    return " ".join(node.get_text(" ").split())


def _appendix_cell(docs):
    return _text(_page(docs, "phu-lien/bao-cao/2025-q3/phu-luc.md").select_one("tr#chi-tieu-2-2 td.so"))


def _key_figure(docs):
    return _text(_page(docs, "phu-lien/index.md").select_one(".cchc-key-figures .cchc-key-blank"))


def _chart_table(docs):
    history = _page(docs, "thinh-duc/lich-su.md")
    return _text(history.select_one("figure.cchc-chart + div table tbody tr:last-child td.so"))


def _chart_description(docs):
    """The last period's words in the first chart's <desc> (read out, not shown: within a sentence, in lower case)."""
    desc = _text(_page(docs, "thinh-duc/lich-su.md").find("desc"))
    return desc.split("; ")[-1].rstrip(". ").removeprefix("Quý III 2024 ")


def _province_comparison(docs):
    table = _page(docs, "tinh/hai-phong/index.md").find("table")
    return next(_text(td) for td in table.tbody.find_all("td") if td.select_one(".cchc-sr"))


PLACES = {
    "an appendix cell": (_appendix_cell, str),
    "a key figure on a commune's home": (_key_figure, str),
    "a chart's table": (_chart_table, str),
    "a chart's description": (_chart_description, str.lower),
    "a province's comparison": (_province_comparison, str),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The Markdown of the portal as shipped, and with a webmaster's override wording a blank "Chưa báo cáo"."""
    tmp = tmp_path_factory.mktemp("blank")
    data = _commune_on_two_templates(Path(shutil.copytree(Path(__file__).parents[1] / "data", tmp / "data")))
    overrides = tmp / "templates"
    overrides.mkdir()
    macros = (TEMPLATES / "_macros.md.j2").read_text(encoding="utf-8")
    (overrides / "_macros.md.j2").write_text(macros.replace(SHIPPED, SHIPPED.replace("Không có số liệu", OWN)),
                                             encoding="utf-8")
    generate(data, tmp / "shipped")
    generate(data, tmp / "own", templates=overrides)
    return {"Không có số liệu": tmp / "shipped", OWN: tmp / "own"}


@pytest.mark.parametrize("where", sorted(PLACES))
@pytest.mark.parametrize("words", ["Không có số liệu", OWN])
def test_a_blank_figure_reads_the_same_in_every_place(built, words, where):
    read, case = PLACES[where]
    assert read(built[words]) == case(words)

"""One figure, one spelling per reader (issue 23, item 6): a typed figure is printed as the clerk typed it wherever a
person reads it (the appendix page, the Word report: the Vietnamese way, all its decimals); only a computed ratio is
rounded; the CSV keeps the full value. Built for real: `mkdocs build --strict`, `cchc export`, the site's CSV.

Expected spellings are typed here, not taken from the generator.
"""

from __future__ import annotations

import copy
from pathlib import Path

import docx
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import DATA, built_project, data_with_only, edit
from generator.models.catalog import MauChiTieu
from test_export import exported
from test_opendata import read_csv

BLANK = "Không có số liệu"

# code: (what the row holds, page, Word report, CSV)
SPELLINGS = {
    "3.3.5": ("typed 98,15 on a ty_le row", "98,15", "98,15", "98.15"),
    "3.4.2": ("ratio computed from 509/519", "98,1", "98,1", repr(509 / 519 * 100)),
    "6.1.a": ("a count typed 1.180.000", "1.180.000", "1.180.000", "1180000"),
    "1.2.1": ("a blank", BLANK, "", ""),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Thịnh Đức alone, its percentage 3.3.5 typed 98,15: the site built, the Word report exported."""
    tmp = tmp_path_factory.mktemp("spelling")
    data = data_with_only(tmp / "data", "thinh-duc")
    edit(data, "xa/thinh-duc/2024-q1.yaml", '    "3.3.5": 36\n', '    "3.3.5": "98,15"\n')
    site = built_project(tmp, data) / "site"
    return site, exported(tmp, data)


def page_value(site: Path, code: str) -> str:
    page = BeautifulSoup((site / "thinh-duc" / "bao-cao" / "2024-q1" / "phu-luc" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    cell = copy.copy(page.select_one(f"tr#chi-tieu-{code.replace('.', '-')} td.so"))
    for unit in cell.select(".cchc-unit"):  # the unit repeated under the value for phones
        unit.extract()
    return " ".join(cell.get_text(" ").split())


def word_value(path: Path, code: str) -> str:
    """The value cell of a row of the Word appendix, found by its place in the template (its STT cell holds the
    form's numbering: "Trong đó" or nothing for a 'Trong đó' row, never the portal's code)."""
    template = MauChiTieu.model_validate(yaml.safe_load((DATA / "danh-muc" / "chi-tieu" / "2024.yaml").read_text(encoding="utf-8")))
    table = docx.Document(str(path)).tables[2]  # the appendix
    return table.rows[1 + [row.ma for row, _, _ in template.rows()].index(code)].cells[3].text


@pytest.mark.parametrize("code", sorted(SPELLINGS))
def test_each_reader_gets_the_figure_in_its_spelling(built, code):
    site, word = built
    what, page, in_word, in_csv = SPELLINGS[code]
    csv_rows = {r["ma"]: r for r in read_csv(site / "thinh-duc" / "du-lieu" / "2024-q1-chi-tieu.csv")}
    assert (page_value(site, code), word_value(word, code), csv_rows[code]["so_lieu"]) == (page, in_word, in_csv), what

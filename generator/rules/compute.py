"""Derived figures: sums and their one blank member, ratios from their components, group summaries from their rows.

A figure that can be computed is computed here and nowhere else; the value the
report printed is kept beside it so the checker can compare and the page can
disclose a difference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from generator.models.catalog import ChiTieuMau
from generator.models.portal import Period

Number = Optional[float]


@dataclass
class Figure:
    row: ChiTieuMau
    depth: int
    component: bool  # a "Trong đó" row
    first_component: bool  # the first of its "Trong đó" group: shows the label
    value: Number  # what the page shows; None is a blank, never a zero
    computed: bool  # value computed from other rows
    printed: Number  # as printed in the issued report, when it differs in kind from value
    note: Optional[str]  # what the data notes beside it, shown on the site: the report's note and the portal's
    report_note: Optional[str]  # the report's own note (ghi_chu), the one the signed Word report prints
    undefined: bool = False  # a ratio whose denominator is zero
    derived_from: list = field(default_factory=list)  # the codes a computed sum or sum member comes from
    published: bool = False  # a ratio given only as its source published it (so_lieu_bao_cao, no components): value is that
    difference: bool = False  # derived_from[0] minus the others (a sum's blank member), else their sum

    @property
    def code(self) -> str:
        return self.row.ma

    @property
    def computed_ratio(self) -> bool:
        """A percentage the generator computed: the one kind of figure written rounded for people
        (core/numbers.figure_number); a typed figure is written as typed."""
        return self.computed and self.row.kieu == "ty_le"


@dataclass
class PeriodFigures:
    rows: list[Figure]
    by_code: dict[str, Figure]

    def value(self, code: str) -> Number:
        fig = self.by_code.get(code)
        return fig.value if fig else None


def compute(period: Period) -> PeriodFigures:
    if period.template is None:  # a period without an appendix
        return PeriodFigures([], {})
    entries = period.ky.phu_luc.chi_tieu
    rows: list[Figure] = []
    for row, depth, component in period.template.rows():
        entry = entries.get(row.ma)
        notes = (entry.ghi_chu, entry.ghi_chu_cong) if entry else ()
        rows.append(
            Figure(
                row=row,
                depth=depth,
                component=component,
                first_component=row.ma in period.template.first_components,
                value=entry.gia_tri if entry else None,
                computed=False,
                printed=entry.so_lieu_bao_cao if entry else None,
                note=" ".join(n for n in notes if n) or None,
                report_note=entry.ghi_chu if entry else None,
            )
        )
    by_code = {fig.code: fig for fig in rows}
    for fig in rows:
        fig.computed = fig.row.is_computed
    changed = True
    while changed:  # until nothing changes: a figure may come from one computed in another way (the template has no cycle)
        changed = _fill_sums(rows, by_code)
        for fig in rows:
            if fig.row.is_computed:
                value, undefined = _derived(fig.row, by_code)
                if (value, undefined) != (fig.value, fig.undefined):
                    fig.value, fig.undefined, changed = value, undefined, True
    for fig in rows:  # a share published without its components ("85 % online"): a figure of its own, not computed
        if fig.row.is_ratio and fig.value is None and not fig.undefined and fig.printed is not None:
            fig.value, fig.computed, fig.published = fig.printed, False, True
    return PeriodFigures(rows, by_code)


def _derived(row: ChiTieuMau, by_code: dict[str, Figure]) -> tuple[Number, bool]:
    """A ratio from its components (undefined when the denominator is 0), a group's summary from its row."""
    if row.tom_tat:
        return by_code[row.tom_tat].value, False
    num, den = by_code[row.tu_so].value, by_code[row.mau_so].value
    if num is None or den is None:
        return None, False
    if den == 0:
        return None, True
    return num / den * 100, False


def _fill_sums(rows: list[Figure], by_code: dict[str, Figure]) -> bool:
    """A sum row whose total or one member alone is blank: that one is computed from the others.

    Repeated until nothing changes, so a member computed in one sum can complete another. A member that would come
    out negative stays blank: the checker says the given parts exceed the total. True when something was filled.
    """
    sums = [fig for fig in rows if fig.row.tong]
    filled = False
    changed = True
    while changed:
        changed = False
        for total in sums:
            members = [by_code[code] for code in total.row.tong]
            blanks = [fig for fig in [total, *members] if fig.value is None]
            if len(blanks) != 1 or blanks[0].row.is_computed:
                continue
            blank = blanks[0]
            if blank is total:
                blank.value = sum(fig.value for fig in members)
                blank.derived_from = list(total.row.tong)
            else:
                value = total.value - sum(fig.value for fig in members if fig is not blank)
                if value < 0:
                    continue
                blank.value = value
                blank.derived_from = [total.code] + [fig.code for fig in members if fig is not blank]
                blank.difference = True
            blank.computed = True
            changed = filled = True
    return filled


def sector_total(period: Period) -> int | None:
    """The procedures of all sectors together; blank when the period lists no sectors (not 0 procedures)."""
    return sum(entry.so_thu_tuc for entry in period.ky.linh_vuc) if period.ky.linh_vuc else None

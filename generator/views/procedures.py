"""What the procedure pages show: a province's list, each entry with the national facts of its code under it.

The decision's facts (time limit, fee, place, legal basis as the province states them) come first; the national
record gives what a decision does not state (the documents to bring, the steps, the result). A fact neither states
is left out and the page says where the full text lives: it is never shown blank as if it were a fact.

Where a province's list is not imported yet, its communes show the national records alone, said as such: what a
citizen must bring is the same in every province, the fee and the time the province sets may differ. A list marked
partial (chua_du: only some of the province's decisions found) shows its entries and, on its own pages, the national
records of the procedures it lacks, each said as such.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.core.official import province_full_name
from generator.core.site_paths import procedure_downloads, procedure_folder, procedure_page, procedure_sector_page
from generator.models.catalog import LinhVuc
from generator.models.portal import Catalog, ProcedureList
from generator.models.procedures import QuyetDinhCongBo, ThayDoi, ThuTucQuocGia, ThuTucTinh


@dataclass(frozen=True)
class Change:
    """One line of an entry's history: what a decision did to it."""

    change: ThayDoi
    decision: QuyetDinhCongBo


@dataclass
class ProcedureView:
    entry: ThuTucTinh | None  # None: a national record shown before its province's list is imported
    national: ThuTucQuocGia | None  # None: a catalogue-level entry (the decision's facts only)
    sector: LinhVuc
    md: str
    history: list[Change]
    supplement: bool = False  # a national record on a partial province list's pages: its decisions do not list it yet

    @property
    def code(self) -> str:
        return self.entry.ma if self.entry else self.national.ma

    @property
    def name(self) -> str:
        return self.entry.ten if self.entry else self.national.ten

    @property
    def common(self) -> bool:
        return bool(self.national and self.national.thong_dung)

    @property
    def abolished(self) -> bool:
        return bool(self.entry and self.entry.abolished)

    def _stated(self, field: str):
        """The decision's fact, else the national record's."""
        return (self.entry and getattr(self.entry, field)) or (self.national and getattr(self.national, field))

    @property
    def time_limit(self) -> str | None:
        return self._stated("thoi_han")

    @property
    def fee(self) -> str | None:
        return self._stated("phi_le_phi")

    @property
    def legal_basis(self) -> list[str]:
        stated = [self.entry.can_cu_phap_ly] if self.entry and self.entry.can_cu_phap_ly else []
        return stated or (self.national.can_cu_phap_ly if self.national else [])

    @property
    def last_decision(self) -> QuyetDinhCongBo | None:
        return self.history[-1].decision if self.history else None


@dataclass
class ProcedureListView:
    """A province's list as its communes' pages show it; its pages are the same for every commune of the province."""

    name: str | None  # the province, as the profiles write it; None: the national records (no list imported yet)
    listing: ProcedureList | None
    procedures: list[ProcedureView]  # every entry, abolished ones too (their pages keep the history)
    sectors: list[tuple[LinhVuc, list[ProcedureView]]] = field(default_factory=list)  # those in force, by sector

    @property
    def full_name(self) -> str | None:
        return province_full_name(self.name) if self.name else None

    @property
    def folder(self) -> str:
        return procedure_folder(self.name)

    @property
    def downloads(self) -> dict[str, str]:
        return procedure_downloads(self.name)

    def sector_md(self, sector: LinhVuc) -> str:
        return procedure_sector_page(self.name, sector.ma)

    @property
    def decisions(self) -> list[QuyetDinhCongBo]:
        return list(self.listing.listing.quyet_dinh) if self.listing else []

    @property
    def partial(self) -> bool:
        """The province's list holds only the decisions found so far (chua_du): its pages say so."""
        return bool(self.listing and self.listing.listing.chua_du)

    @property
    def current(self) -> list[ProcedureView]:
        return [p for s in self.sectors for p in s[1]]

    @property
    def entries(self) -> list[ProcedureView]:
        """The province's own entries, abolished ones too: what its downloads hold (a partial list's national records
        are not the province's)."""
        return [p for p in self.procedures if p.entry]

    @property
    def listed(self) -> list[ProcedureView]:
        """Those in force by the province's decisions (all of current, unless the list is partial)."""
        return [p for p in self.current if not p.supplement]

    @property
    def supplement(self) -> list[ProcedureView]:
        """A partial list's national records of procedures its decisions do not list yet."""
        return [p for p in self.current if p.supplement]

    @property
    def common(self) -> list[ProcedureView]:
        return [p for p in self.current if p.common]

    @property
    def abolished(self) -> list[ProcedureView]:
        return [p for p in self.procedures if p.abolished]

    @property
    def checked_on(self) -> dt.date | None:
        if self.listing is None:
            return max((p.national.cap_nhat for p in self.procedures), default=None)
        return self.listing.listing.cap_nhat


def shown_lists(communes: list) -> list[ProcedureListView]:
    """The procedure lists these communes' views show, each once, in the order of their folders: one set of pages,
    one search index and one set of downloads per list, whatever its number of communes."""
    return sorted({c.procedure_list.folder: c.procedure_list for c in communes if c.procedure_list}.values(),
                  key=lambda pl: pl.folder)


def _by_sector(catalog: Catalog, procedures: list[ProcedureView]) -> list[tuple[LinhVuc, list[ProcedureView]]]:
    """In the catalogue's order of sectors, each sector's procedures, the common ones first."""
    by_sector = [(sector, sorted((p for p in procedures if p.sector is sector), key=lambda p: (not p.common, p.name)))
                 for sector in catalog.sectors.linh_vuc]
    return [(s, ps) for s, ps in by_sector if ps]


def national_view(catalog: Catalog) -> ProcedureListView | None:
    """The national records as a list of their own, for the communes of a province whose list is not imported."""
    sectors = {s.ma: s for s in catalog.sectors.linh_vuc}
    procedures = [ProcedureView(None, record, sectors[record.linh_vuc], procedure_page(None, record.ma), [])
                  for record in catalog.procedures.values()]
    return ProcedureListView(None, None, procedures, _by_sector(catalog, procedures)) if procedures else None


def procedure_list_views(catalog: Catalog) -> dict[str | None, ProcedureListView]:
    """Every province's list that has been imported, by the province's slug, and the national records under None
    (when there are any)."""
    sectors = {s.ma: s for s in catalog.sectors.linh_vuc}
    views = {}
    for slug, listing in catalog.procedure_lists.items():
        name = listing.listing.tinh
        decisions = {d.so: d for d in listing.listing.quyet_dinh}
        procedures = [
            ProcedureView(entry, catalog.procedures.get(entry.ma), sectors[entry.linh_vuc],
                          procedure_page(name, entry.ma), [Change(c, decisions[c.quyet_dinh]) for c in entry.lich_su])
            for entry in listing.listing.thu_tuc
        ]
        in_force = {id(e) for e in listing.listing.in_force()}
        current = [p for p in procedures if id(p.entry) in in_force]
        if listing.listing.chua_du:  # the common procedures it lacks, from the national records, on its own pages
            listed = {entry.ma for entry in listing.listing.thu_tuc}
            supplement = [ProcedureView(None, record, sectors[record.linh_vuc], procedure_page(name, record.ma), [], True)
                          for record in catalog.procedures.values() if record.ma not in listed]
            procedures, current = procedures + supplement, current + supplement
        views[slug] = ProcedureListView(name, listing, procedures, _by_sector(catalog, current))
    if (national := national_view(catalog)) is not None:
        views[None] = national
    return views

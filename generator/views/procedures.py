"""What the procedure pages show: a province's list, each entry with the national facts of its code under it.

The decision's facts (time limit, fee, place, legal basis as the province states them) come first; the national
record gives what a decision does not state (the documents to bring, the steps, the result). A fact neither states
is left out and the page says where the full text lives: it is never shown blank as if it were a fact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.core.official import province_full_name
from generator.core.site_paths import procedure_downloads, procedure_folder, procedure_page
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
    entry: ThuTucTinh
    national: ThuTucQuocGia | None  # None: a catalogue-level entry (the decision's facts only)
    sector: LinhVuc
    md: str
    history: list[Change]

    @property
    def code(self) -> str:
        return self.entry.ma

    @property
    def name(self) -> str:
        return self.entry.ten

    @property
    def common(self) -> bool:
        return bool(self.national and self.national.thong_dung)

    @property
    def abolished(self) -> bool:
        return self.entry.abolished

    @property
    def time_limit(self) -> str | None:
        return self.entry.thoi_han or (self.national and self.national.thoi_han)

    @property
    def fee(self) -> str | None:
        return self.entry.phi_le_phi or (self.national and self.national.phi_le_phi)

    @property
    def legal_basis(self) -> list[str]:
        stated = [self.entry.can_cu_phap_ly] if self.entry.can_cu_phap_ly else []
        return stated or (self.national.can_cu_phap_ly if self.national else [])

    @property
    def last_decision(self) -> QuyetDinhCongBo:
        return self.history[-1].decision


@dataclass
class ProcedureListView:
    """A province's list as its communes' pages show it; its pages are the same for every commune of the province."""

    name: str  # the province, as the profiles write it
    listing: ProcedureList
    procedures: list[ProcedureView]  # every entry, abolished ones too (their pages keep the history)
    sectors: list[tuple[LinhVuc, list[ProcedureView]]] = field(default_factory=list)  # those in force, by sector

    @property
    def full_name(self) -> str:
        return province_full_name(self.name)

    @property
    def folder(self) -> str:
        return procedure_folder(self.name)

    @property
    def downloads(self) -> dict[str, str]:
        return procedure_downloads(self.name)

    @property
    def decisions(self) -> list[QuyetDinhCongBo]:
        return list(self.listing.listing.quyet_dinh)

    @property
    def current(self) -> list[ProcedureView]:
        return [p for s in self.sectors for p in s[1]]

    @property
    def common(self) -> list[ProcedureView]:
        return [p for p in self.current if p.common]

    @property
    def abolished(self) -> list[ProcedureView]:
        return [p for p in self.procedures if p.abolished]

    @property
    def checked_on(self) -> dt.date | None:
        return self.listing.listing.cap_nhat


def procedure_list_views(catalog: Catalog) -> dict[str, ProcedureListView]:
    """Every province's list that has been imported, by the province's slug."""
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
        by_sector = [(sector, sorted((p for p in procedures if p.sector is sector and id(p.entry) in in_force),
                                     key=lambda p: (not p.common, p.name)))
                     for sector in catalog.sectors.linh_vuc]
        views[slug] = ProcedureListView(name, listing, procedures, [(s, ps) for s, ps in by_sector if ps])
    return views

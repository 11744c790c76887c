"""Build what each page shows from the models and the computed figures.

Nothing here touches the disk or produces markup: it decides which page lives
at which path, which period is the latest, which plans and notices a commune
has issued, and which findings each page must disclose.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.core.names import committee_name, commune_name, period_name
from generator.core.numbers import figure_number, vn_number
from generator.core.official import province_full_name
from generator.core.problems import say
from generator.core.site_paths import appendix_page, commune_pages, page_url, province_page, report_page
from generator.core.slug import slugify
from generator.models.catalog import LinhVuc, VanBanPhapLy
from generator.models.commune import KenhPhanAnh, ThuTuc, Xa
from generator.models.period import VanBan
from generator.models.portal import Catalog, Commune, Period
from generator.models.types import tel_href
from generator.rules.checks import KINDS, CheckedPeriod, Finding
from generator.rules.compute import Figure, PeriodFigures, sector_total

from .charts import Chart, build_chart
from .procedures import ProcedureListView


@dataclass
class PeriodView:
    period: Period
    figures: PeriodFigures
    findings: list[Finding]
    md: str  # path of its report page (the narrative, as issued)
    title: str  # "Quý I năm 2024"
    appendix_md: str | None  # its appendix page (the indicator table), a page of its own; None without an appendix
    unit_kind: str  # its commune's kind (xã, phường, đặc khu), as its pages name it
    previous: "PeriodView | None" = None
    next: "PeriodView | None" = None
    _by_subject: dict[str, list[Finding]] = field(init=False, repr=False)

    def __post_init__(self):
        self._by_subject = {}
        for finding in self.findings:
            self._by_subject.setdefault(finding.subject, []).append(finding)

    def findings_about(self, code: str) -> list[Finding]:
        """The findings about one appendix row (its subject is the row's code), in the order the checker found them."""
        return self._by_subject.get(code, [])

    @property
    def ky(self):
        return self.period.ky

    @property
    def slug(self) -> str:
        return self.period.slug

    def key_figure(self, ident: str):
        """This period's figure for a portal key figure id, or None when its template has no row that means it."""
        row = self.period.template.key_rows.get(ident) if self.period.template else None
        return self.figures.by_code[row.ma] if row else None

    @property
    def sector_total(self) -> int | None:
        """The procedures of all the sectors this period lists; blank when it lists none (compute.sector_total)."""
        return sector_total(self.period)

    @property
    def source_name(self) -> str:
        """The period's source as the pages and the feed name it within a sentence: "báo cáo kết quả CCHC Quý I năm
        2024", or "số liệu CCHC đã công bố Quý III năm 2025" for figures published without a report."""
        return say("nguon_ky_bao_cao" if self.ky.is_report else "nguon_ky_cong_bo", ky=self.title)

    @property
    def source_title(self) -> str:
        """The same name heading a page or starting a sentence."""
        return self.source_name[:1].upper() + self.source_name[1:]

    @property
    def appendix_title(self) -> str:
        """The appendix's own title as the report prints it, else its template's caption: the page and the Word
        report alike."""
        return self.ky.phu_luc.tieu_de or self.period.template.tieu_de

    @property
    def printed_label(self) -> str:
        """What a printed value beside a computed one is: printed in the issued report, or stated where the commune
        published its figures."""
        return say("nhan_so_bao_cao_in" if self.ky.is_report else "nhan_so_cong_bo")

    def published_mark(self, fig: Figure | None) -> str | None:
        """What marks a share given only as published, without its components (compute: Figure.published), wherever it
        is shown: a published figure and whose (the period's source, or its issued report), never a computed one;
        None for any other figure."""
        if fig is None or not fig.published:
            return None
        if self.ky.is_report:
            return say("so_lieu_cong_bo_bao_cao")
        return say("so_lieu_cong_bo_nguon", nguon=self.ky.nguon.ten)

    @property
    def reason_label(self) -> str:
        """Whose reason an acknowledgement gives: the commune's, for its own report; the portal maintainers', for
        figures they copied from where the commune published them."""
        return say("nhan_giai_thich_cua_xa", loai=self.unit_kind) if self.ky.is_report else say("nhan_ghi_chu_cua_cong")

    @property
    def disclosed(self) -> list[Finding]:
        """Acknowledged errors: published, with the clerk's reason, so no citizen is misled."""
        return [f for f in self.findings if f.disclosed]

    def disclosed_about(self, fig: Figure) -> list[Finding]:
        """The disclosed findings about one appendix row itself: explained beside it, and listed once in the report."""
        return [f for f in self.findings_about(fig.code) if f.disclosed]

    def disclosed_for(self, fig: Figure) -> list[Finding]:
        """The disclosed findings a shown figure carries, wherever it is shown (home, comparison, downloads): its
        row's, and for a computed figure those of the rows it comes from (a share of a disputed count is disputed: an
        online share of 108,3 % from a part over its whole is marked where it is shown, not only at the count)."""
        return [f for code in self._sources(fig, set()) for f in self.findings_about(code) if f.disclosed]

    def disputed_sources(self, fig: Figure) -> list[str]:
        """The other rows a computed figure comes from whose findings it carries: the appendix points to their notes."""
        return [code for code in self._sources(fig, set())[1:] if any(f.disclosed for f in self.findings_about(code))]

    def _sources(self, fig: Figure, seen: set[str]) -> list[str]:
        """fig's code, then, when it is computed, the codes it is computed from, through other computed ones."""
        if fig.code in seen:
            return []
        seen.add(fig.code)
        codes = [fig.code]
        if fig.computed:
            row = fig.row
            inputs = [row.tom_tat] if row.tom_tat else [row.tu_so, row.mau_so] if row.is_ratio else fig.derived_from
            for code in inputs:
                codes += self._sources(self.figures.by_code[code], seen)
        return codes

    @property
    def disclosed_outside_table(self) -> list["FindingNote"]:
        """Those not shown beside an appendix row (names, websites, staffing)."""
        return [self.note_of(f) for f in self.disclosed if f.subject not in self.figures.by_code]

    @property
    def rows_with_mismatch(self) -> list:
        return [fig for fig in self.figures.rows if self.disclosed_about(fig)]

    def note_of(self, finding: Finding) -> "FindingNote":
        return FindingNote(citizen_text(finding, self.figures), self.reason_label, finding.problem.acknowledged)

    @property
    def sector_total_notes(self) -> list["FindingNote"]:
        """Disclosed findings about the sectors' total (the procedures page shows them under its table)."""
        wording = KINDS["tong-linh-vuc-lech"].wording
        return [self.note_of(f) for f in self.disclosed if f.problem.code == wording]

    @property
    def plans_issued(self) -> list[VanBan]:
        """The plans the report lists where it inserts `ke_hoach`: those issued in the period, not those it continues."""
        return [d for d in self.ky.ke_hoach if not d.tiep_tuc]

    @property
    def appendix_rows(self) -> list["AppendixRow"]:
        return [appendix_row(self, fig) for fig in self.figures.rows]


@dataclass(frozen=True)
class FindingNote:
    """A disclosed finding as a citizen reads it: what disagrees, worded for them, and the published reason."""

    text: str
    reason_label: str  # "Giải thích của xã:" or "Ghi chú của cổng:"
    reason: str


@dataclass(frozen=True)
class AppendixRow:
    """One row of the appendix table as its page shows it."""

    fig: Figure
    value: str | None  # None: nothing in the cell (a heading row), else value_text's (a blank reads "not reported")
    shows_value: bool  # a heading row shows no value, unless it summarises one
    unit: str  # after a value, "" for a blank or a row without unit
    notes: list[str]  # the note cell's sentences, in order
    findings: list[FindingNote]  # disclosed beside it
    disputed_sources: list[str]  # the rows it is computed from whose notes explain a mismatch it carries

    @property
    def group(self) -> bool:
        return self.fig.row.kieu == "nhom"


def appendix_row(pv: PeriodView, fig: Figure) -> AppendixRow:
    notes = [fig.note] if fig.note else []
    by_code = pv.figures.by_code
    if fig.undefined:
        notes.append(say("ghi_chu_mau_so_0"))
    elif fig.published:
        notes.append(say("ghi_chu_cong_bo", dau=pv.published_mark(fig)))
    elif fig.row.is_ratio and fig.value is not None:
        notes.append(say("ghi_chu_tinh_tu", tu=_number(by_code[fig.row.tu_so]), mau=_number(by_code[fig.row.mau_so])))
    elif fig.derived_from:
        notes.append(say("ghi_chu_tinh_bang", cac_ma=(" − " if fig.difference else " + ").join(fig.derived_from)))
    if fig.printed is not None and fig.computed:
        notes.append(say("ghi_chu_so_in", nhan=pv.printed_label, so=figure_number(fig.printed) + figure_unit(fig.row)))
    shows = fig.row.kieu != "nhom" or bool(fig.row.tom_tat)
    unit = fig.row.don_vi if fig.value is not None and fig.row.don_vi else ""
    return AppendixRow(fig, value_text(fig), shows, unit, notes, [pv.note_of(f) for f in pv.disclosed_about(fig)],
                       pv.disputed_sources(fig))


def _number(fig: Figure) -> str:
    """A figure's number as pages write it (core/numbers.figure_number): as typed, a computed ratio rounded."""
    return figure_number(fig.value, computed_ratio=fig.computed_ratio, medium="page")


def value_text(fig: Figure | None) -> str | None:
    """A figure's value as every page writes it: a typed figure as typed (the Vietnamese way, all its decimals), a
    computed ratio rounded (core/numbers.figure_number), a coded answer with its label; None for a blank (or no such
    figure), which pages show as "not reported"."""
    if fig is None or fig.value is None:
        return None
    labels = [m.nhan for m in fig.row.thang_do if m.gia_tri == fig.value] if fig.row.kieu == "thang_do" else []
    return _number(fig) + "".join(f" ({label})" for label in labels)


def citizen_text(finding: Finding, figures: PeriodFigures) -> str:
    """A finding as a citizen reads it (messages.yaml: `<wording>_cong_dan`): indicators named by their label, no
    codes or field names; the clerk keeps the message that names them. Each detail that is an indicator's code is
    offered to the wording as `ten_<detail>`, the label in quotes."""
    details = dict(finding.problem.details)
    for key, value in finding.problem.details.items():
        if isinstance(value, str) and value in figures.by_code:
            details[f"ten_{key}"] = say("ten_chi_tieu", ten=figures.by_code[value].row.ten)
    return say(f"{finding.problem.code}_cong_dan", **details)


@dataclass
class KeyFigureView:
    """One of the portal's key figures (so-lieu-chung.yaml, trang_chu) in one period, as the commune's home shows it."""

    label: str
    figure: Figure  # of the row that declares it
    side_text: str | None = None  # the figure beside it (phu), in its sentence: "trong đó 2.255 hồ sơ trực tuyến"
    mismatch: bool = False  # a disclosed finding is about it: the home points to the appendix's note
    published: str | None = None  # PeriodView.published_mark: a share given only as published, and whose

    @property
    def value(self) -> str | None:
        return value_text(self.figure)

    @property
    def unit(self) -> str:
        """What follows the value on the home: " %" after a percentage, "/100 điểm" after a score, nothing after a count."""
        return figure_unit(self.figure.row)

    @property
    def text(self) -> str | None:
        """The value with its unit ("98,1 %"); None for a blank, which the home shows apart from the values."""
        return figure_text(self.figure)


def online_level(muc_do: str | None) -> str | None:
    """A procedure's online public service level as citizens read it ("Toàn trình", "Một phần", "Mức độ 3"); None
    when the record does not say."""
    if muc_do is None:
        return None
    return say({"toan-trinh": "dich_vu_cong_toan_trinh", "mot-phan": "dich_vu_cong_mot_phan",
                "khong": "dich_vu_cong_khong"}.get(muc_do, "dich_vu_cong_muc_do"),
               muc_do=muc_do)


def figure_unit(row) -> str:
    if row.kieu == "ty_le":
        return say("don_vi_so_lieu_ty_le")
    if row.kieu == "diem":
        return say("don_vi_so_lieu_diem_toi_da", toi_da=vn_number(row.toi_da)) if row.toi_da else say("don_vi_so_lieu_diem")
    return ""


def figure_text(fig: Figure | None) -> str | None:
    """A figure as a value with its unit, where it stands among figures of other kinds (the home's key figures, the
    province comparison): value_text's value, then figure_unit's unit; None for a blank."""
    value = value_text(fig)
    return None if value is None else value + figure_unit(fig.row)


@dataclass
class SectorView:
    sector: LinhVuc
    count: int | None  # as the latest report states it; None when the report gives no count
    procedures: list[ThuTuc]


@dataclass
class DocumentView:
    doc: VanBan
    period: PeriodView


@dataclass
class CommuneView:
    commune: Commune
    pages: dict[str, str]  # page kind -> Markdown path
    periods: list[PeriodView]  # newest first
    sectors: list[SectorView] = field(default_factory=list)
    sector_total: int | None = None
    plans: list[DocumentView] = field(default_factory=list)
    notices: list[DocumentView] = field(default_factory=list)
    one_stop_law: list[VanBanPhapLy] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    key_figures: list[KeyFigureView] = field(default_factory=list)  # of the latest period, only those its template has
    province_md: str | None = None  # its province page, in a portal of many communes
    channels: list[KenhPhanAnh] = field(default_factory=list)  # its own, then its province's, then the national ones
    procedure_list: ProcedureListView | None = None  # a post-reform unit's: its province's list, else the national one

    @property
    def xa(self):
        return self.commune.xa

    @property
    def slug(self) -> str:
        return self.commune.slug

    @property
    def latest(self) -> PeriodView | None:
        return self.periods[0] if self.periods else None

    @property
    def full_name(self) -> str:
        return commune_name(self.xa.loai, self.xa.ten)

    @property
    def committee(self) -> str:
        """Its People's Committee, which issues its reports: "UBND xã Thịnh Đức"."""
        return committee_name(self.xa.loai, self.xa.ten)

    @property
    def province_full_name(self) -> str:
        return province_full_name(self.xa.tinh)

    @property
    def home_title(self) -> str:
        """Its home's browser title: in a portal of many communes it names the province too (names repeat across
        provinces)."""
        return f"{self.full_name} – {self.province_full_name}" if self.province_md else self.full_name

    @property
    def urls(self) -> dict[str, str]:
        """Each of its pages' site URL by kind (home, thu_tuc…), for what the theme links outside the page: the drawer's
        menu."""
        return {kind: page_url(md) for kind, md in self.pages.items()}

    @property
    def charts_drawn(self) -> bool:
        """Some history chart has a line to draw (two periods or more with its figure)."""
        return any(chart.drawn for chart in self.charts)

    @property
    def sectors_counted(self) -> int:
        """Sectors for which the latest report states a number of procedures (not zero)."""
        return sum(1 for s in self.sectors if s.count)

    @property
    def sector_total_notes(self) -> list[FindingNote]:
        return self.latest.sector_total_notes if self.latest else []

    @property
    def shared_phones(self) -> list[tuple[KenhPhanAnh, str]]:
        """The telephone numbers of its province's and the national channels: whom to call while its centre has none."""
        own = set(map(id, self.xa.kenh_phan_anh))
        return [(k, phone) for k in self.channels if id(k) not in own for phone in k.dien_thoai]

    @property
    def office_heading(self) -> str:
        """The office's own name; when the profile has none yet, what a commune of its era calls it: a commune with a
        post-reform code has a public administration service centre, an older one a one-stop office."""
        if self.xa.bo_phan_mot_cua:
            return self.xa.bo_phan_mot_cua.ten
        return say("mot_cua_chua_co_sau_sap_nhap" if self.xa.post_reform else "mot_cua_chua_co_truoc_sap_nhap")


@dataclass
class ComparisonRow:
    """A commune in its province's comparison: its figures of the compared period, one per key figure compared."""

    commune: CommuneView
    period: PeriodView | None  # its period compared; None: it has not reported that period
    values: list[str | None]  # figure_text of each column (value and unit); None: blank, or no such row in its template
    published: list[str | None] = field(default_factory=list)  # PeriodView.published_mark of each column


@dataclass
class ProvinceView:
    name: str  # as the profiles write it: "Hồ Chí Minh"
    md: str
    communes: list[CommuneView]
    columns: list[str] = field(default_factory=list)  # the key figures compared (so-lieu-chung.yaml trang_chu), by label
    rows: list[ComparisonRow] = field(default_factory=list)  # one per commune compared, all of one period
    compared: str | None = None  # the period compared, by name ("Quý III năm 2025"); None: no commune compared has one
    former: list[CommuneView] = field(default_factory=list)  # units that no longer exist, never compared with the new
    reorganised_on: dt.date | None = None  # the day the former units ceased (ky-bao-cao.yaml ma_don_vi_tu)

    @property
    def full_name(self) -> str:  # as shown: "Thành phố Hồ Chí Minh"
        return province_full_name(self.name)

    @property
    def reporting(self) -> bool:
        """A commune compared has the compared period: the comparison is shown."""
        return any(row.period for row in self.rows)


def _period_order(pv: PeriodView) -> tuple[int, int]:
    return pv.ky.nam, pv.period.kind.thu_tu


def province_views(views: list[CommuneView], keys=(), reorganised_on: dt.date | None = None) -> list[ProvinceView]:
    """Communes grouped by province, for a portal of more than one commune; keys: the key figures their comparison
    shows (so-lieu-chung.yaml trang_chu), only through the ids.

    Only figures of one period are compared: the latest period the province's post-reform units report. A former unit
    (no code of the current list: it ceased on reorganised_on) is never their peer: it is listed apart, with its last
    report. A province of former units only compares them with each other, at their latest period."""
    groups: dict[str, list[CommuneView]] = {}
    for view in views:
        groups.setdefault(view.xa.tinh, []).append(view)
    provinces = []
    for name, communes in sorted(groups.items()):
        communes = sorted(communes, key=lambda c: c.full_name)
        peers = [c for c in communes if c.xa.post_reform] or communes
        former = [c for c in communes if c not in peers]
        latest = max((pv for c in peers for pv in c.periods), key=_period_order, default=None)
        rows = []
        for c in peers:
            pv = next((p for p in c.periods if latest and p.slug == latest.slug), None)
            figs = [pv.key_figure(k.so_lieu) if pv else None for k in keys]
            rows.append(ComparisonRow(c, pv, [figure_text(f) for f in figs], [pv.published_mark(f) if pv else None for f in figs]))
        provinces.append(ProvinceView(name, province_page(name), communes, [k.nhan for k in keys], rows,
                                      latest.title if latest else None, former, reorganised_on))
    return provinces


def feedback_channels(xa: Xa, catalog: Catalog) -> list[KenhPhanAnh]:
    """The commune's own channels, then its province's (data/tinh/), then the national ones; a shared channel the
    commune already lists (same name or same web address) is not shown twice."""
    province = catalog.provinces.get(slugify(xa.tinh))
    channels = list(xa.kenh_phan_anh)
    seen = {slugify(k.ten) for k in channels} | {k.dia_chi_web for k in channels if k.dia_chi_web}
    for k in [*(province.kenh_phan_anh if province else []), *catalog.national_channels]:
        if slugify(k.ten) in seen or (k.dia_chi_web and k.dia_chi_web in seen):
            continue
        seen |= {slugify(k.ten), k.dia_chi_web}
        channels.append(k)
    return channels


def contact(c: CommuneView) -> dict:
    """Whom a reader of the commune's pages can contact, shown in the same place (the footer) on every page.

    Plain data for the page's front matter: the theme renders it, and links to the feedback page from the site root.
    """
    channels = c.channels
    return {
        "ten": c.committee,
        "dia_chi": c.xa.dia_chi,
        "website": c.xa.website,
        "phan_anh": page_url(c.pages["phan_anh"]),
        "dien_thoai": [{"so": p, "tel": tel_href(p), "noi": k.co_quan or k.ten} for k in channels for p in k.dien_thoai],
        "email": [{"dia_chi": e, "noi": k.co_quan or k.ten} for k in channels for e in k.email],
    }


def build_commune_view(commune: Commune, catalog: Catalog, checked: dict[str, CheckedPeriod], single: bool,
                       lists: dict[str, ProcedureListView] | None = None) -> CommuneView:
    """checked: period slug -> that period as computed and checked; lists: the provinces' procedure lists by slug
    (views/procedures.py), of which a post-reform unit shows its province's: a former unit keeps its own records."""
    periods = [
        PeriodView(p, checked[p.slug].figures, checked[p.slug].findings, md=report_page(commune.slug, p.slug),
                   title=period_name(p.kind, p.ky.nam), appendix_md=appendix_page(commune.slug, p.slug) if p.template else None,
                   unit_kind=commune.xa.loai)
        for p in reversed(commune.periods)
    ]
    for newer, older in zip(periods, periods[1:]):
        newer.previous, older.next = older, newer
    view = CommuneView(commune, commune_pages(commune.slug, single), periods)
    view.charts = _charts(periods, catalog)
    view.key_figures = key_figures(view.latest, catalog) if view.latest else []
    view.province_md = None if single else province_page(commune.xa.tinh)
    view.channels = feedback_channels(commune.xa, catalog)
    if commune.xa.post_reform:  # its province's list, else (not imported yet) the national records
        listed = catalog.procedure_list_of(commune.xa)
        view.procedure_list = (lists or {}).get(listed.slug if listed else None)
    latest = view.latest
    procedures = commune.procedures.thu_tuc if commune.procedures else []
    counts = {e.linh_vuc: e for e in latest.ky.linh_vuc} if latest else {}
    for sector in catalog.sectors.linh_vuc:
        entry = counts.get(sector.ma)
        own = [p for p in procedures if p.linh_vuc == sector.ma]
        if entry or own:
            view.sectors.append(
                SectorView(sector, entry.so_thu_tuc if entry else None, own)
            )
    if latest:
        view.sector_total = latest.sector_total
    view.plans = _documents(periods, "ke_hoach")
    view.notices = _documents(periods, "thong_bao")
    if latest:
        when = latest.ky.den_ngay
        view.one_stop_law = [
            law
            for law in catalog.legal.van_ban
            if law.chu_de == "mot-cua" and law.hieu_luc_tu <= when and (law.het_hieu_luc is None or when <= law.het_hieu_luc)
        ]
    return view


def key_figures(pv: PeriodView, catalog: Catalog) -> list[KeyFigureView]:
    """The home's key figures for one period, joined only through the key-figure ids; those its template lacks are left out."""
    out = []
    for k in catalog.key_figures.trang_chu:
        fig = pv.key_figure(k.so_lieu)
        if fig is None:
            continue
        side = pv.key_figure(k.phu) if k.phu else None
        side_text = k.nhan_phu.replace("{so}", _number(side)) if k.nhan_phu and side is not None and side.value is not None else None
        out.append(KeyFigureView(k.nhan, fig, side_text, bool(pv.disclosed_for(fig)), pv.published_mark(fig)))
    return out


def _charts(periods: list[PeriodView], catalog: Catalog) -> list[Chart]:
    """The portal's history charts, each value taken from its own period's row that declares the figure (never by code).

    A period whose template has no such row is a blank point; a chart none of whose figures any period has is left out.
    """
    if not periods:
        return []
    oldest_first = list(reversed(periods))
    labels = [period_name(pv.period.kind, pv.ky.nam, short=True) for pv in oldest_first]
    charts = []
    for chart in catalog.key_figures.lich_su:
        figures = [[pv.key_figure(line.so_lieu) for pv in oldest_first] for line in chart.chuoi]
        if not any(fig is not None for line in figures for fig in line):
            continue
        series = [(line.nhan, [fig.value if fig else None for fig in figs]) for line, figs in zip(chart.chuoi, figures)]
        drawn = build_chart(chart.tieu_de, chart.don_vi, labels, series, chart.toi_da)
        for line, figs in zip(drawn.series, figures):  # the value's kind decides how it is written, as everywhere
            line.texts = [value_text(fig) for fig in figs]
            line.published = [pv.published_mark(fig) for pv, fig in zip(oldest_first, figs)]
            line.said = [(label, value_with_unit(fig, chart.don_vi), pv.published_mark(fig))
                         for label, pv, fig in zip(labels, oldest_first, figs) if fig is not None and fig.value is not None]
        charts.append(drawn)
    return charts


def value_with_unit(fig: Figure, unit: str) -> str:
    """A figure said in a sentence: figure_text's value and unit, and after a count the unit it is counted in
    ("753 hồ sơ")."""
    return figure_text(fig) if figure_unit(fig.row) else f"{value_text(fig)} {unit.lower()}"


def _documents(periods: list[PeriodView], group: str) -> list[DocumentView]:
    """Each document once, from the newest report that lists it, newest document first."""
    seen = {}
    for pv in periods:
        for doc in getattr(pv.ky, group):
            seen.setdefault(doc.so, DocumentView(doc, pv))
    return sorted(seen.values(), key=lambda d: (d.doc.ngay, d.doc.so), reverse=True)

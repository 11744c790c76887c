"""Build what each page shows from the models and the computed figures.

Nothing here touches the disk or produces markup: it decides which page lives
at which path, which period is the latest, which plans and notices a commune
has issued, and which findings each page must disclose.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .charts import Chart, build_chart
from .checks import CheckedPeriod, Finding
from .compute import PeriodFigures, sector_total
from .models.catalog import LinhVuc, VanBanPhapLy
from .models.commune import KenhPhanAnh, ThuTuc, Xa
from .models.period import VanBan
from .models.types import tel_href
from .numbers import vn_number
from .official import province_full_name
from .problems import say
from .reader import Catalog, Commune, Period
from .site_paths import PROVINCES, page_url
from .slug import slugify


@dataclass
class PeriodView:
    period: Period
    figures: PeriodFigures
    findings: list[Finding]
    md: str  # path of its report page (the narrative, as issued)
    title: str  # "Quý I năm 2024"
    appendix_md: str | None  # its appendix page (the indicator table), a page of its own; None without an appendix
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
    def printed_label(self) -> str:
        """What a printed value beside a computed one is: printed in the issued report, or stated where the commune
        published its figures."""
        return say("nhan_so_bao_cao_in" if self.ky.bao_cao else "nhan_so_cong_bo")

    @property
    def reason_label(self) -> str:
        """Whose reason an acknowledgement gives: the commune's, for its own report; the portal maintainers', for
        figures they copied from where the commune published them."""
        return say("nhan_giai_thich_cua_xa" if self.ky.bao_cao else "nhan_ghi_chu_cua_cong")

    @property
    def disclosed(self) -> list[Finding]:
        """Acknowledged errors: published, with the clerk's reason, so no citizen is misled."""
        return [f for f in self.findings if f.disclosed]

    @property
    def disclosed_outside_table(self) -> list[Finding]:
        """Those not shown beside an appendix row (names, websites, staffing)."""
        return [f for f in self.disclosed if f.subject not in self.figures.by_code]

    @property
    def rows_with_mismatch(self) -> list:
        return [fig for fig in self.figures.rows if any(f.disclosed for f in self.findings_about(fig.code))]


@dataclass
class KeyFigureView:
    """One of the portal's key figures (so-lieu-chung.yaml, trang_chu) in one period."""

    label: str
    figure: object  # the compute.Figure of the row that declares it; None when the period's template has none
    side: object = None  # the figure shown beside it (phu), when there is one
    side_text: str | None = None

    @property
    def unit(self) -> str:
        """What follows the value on the home: " %" after a percentage, "/100 điểm" after a score, nothing after a count."""
        return figure_unit(self.figure.row)


def figure_unit(row) -> str:
    if row.kieu == "ty_le":
        return say("don_vi_so_lieu_ty_le")
    if row.kieu == "diem":
        return say("don_vi_so_lieu_diem_toi_da", toi_da=vn_number(row.toi_da)) if row.toi_da else say("don_vi_so_lieu_diem")
    return ""


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
        return f"{self.xa.loai.capitalize()} {self.xa.ten}"

    @property
    def province_full_name(self) -> str:
        return province_full_name(self.xa.tinh)

    @property
    def office_heading(self) -> str:
        """The office's own name; when the profile has none yet, what a commune of its era calls it: a commune with a
        post-reform code has a public administration service centre, an older one a one-stop office."""
        if self.xa.bo_phan_mot_cua:
            return self.xa.bo_phan_mot_cua.ten
        return say("mot_cua_chua_co_sau_sap_nhap" if self.xa.ma_don_vi else "mot_cua_chua_co_truoc_sap_nhap")


@dataclass
class ProvinceView:
    name: str  # as the profiles write it: "Hồ Chí Minh"
    md: str
    communes: list[CommuneView]

    @property
    def full_name(self) -> str:  # as shown: "Thành phố Hồ Chí Minh"
        return province_full_name(self.name)


def province_page(name: str) -> str:
    return f"{PROVINCES}/{slugify(name)}/index.md"


def province_views(views: list[CommuneView]) -> list[ProvinceView]:
    """Communes grouped by province, for a portal of more than one commune."""
    groups: dict[str, list[CommuneView]] = {}
    for view in views:
        groups.setdefault(view.xa.tinh, []).append(view)
    return [
        ProvinceView(name, province_page(name), sorted(communes, key=lambda c: c.full_name))
        for name, communes in sorted(groups.items())
    ]


def period_title(period: Period) -> str:
    return period.kind.tieu_de.format(ten=period.kind.ten, nam=period.ky.nam)


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
        "ten": f"UBND {c.xa.loai} {c.xa.ten}",
        "dia_chi": c.xa.dia_chi,
        "website": c.xa.website,
        "phan_anh": page_url(c.pages["phan_anh"]),
        "dien_thoai": [{"so": p, "tel": tel_href(p), "noi": k.co_quan or k.ten} for k in channels for p in k.dien_thoai],
        "email": [{"dia_chi": e, "noi": k.co_quan or k.ten} for k in channels for e in k.email],
    }


def commune_pages(slug: str, single: bool) -> dict[str, str]:
    return {
        "home": "index.md" if single else f"{slug}/index.md",
        "thu_tuc": f"{slug}/thu-tuc.md",
        "phan_anh": f"{slug}/phan-anh-kien-nghi.md",
        "thong_bao": f"{slug}/thong-bao.md",
        "ke_hoach": f"{slug}/ke-hoach.md",
        "bao_cao": f"{slug}/bao-cao/index.md",
        "lich_su": f"{slug}/lich-su.md",
    }


def build_commune_view(commune: Commune, catalog: Catalog, checked: dict[str, CheckedPeriod], single: bool) -> CommuneView:
    """checked: period slug -> that period as computed and checked."""
    periods = [
        PeriodView(p, checked[p.slug].figures, checked[p.slug].findings, md=f"{commune.slug}/bao-cao/{p.slug}.md", title=period_title(p),
                   appendix_md=f"{commune.slug}/bao-cao/{p.slug}/phu-luc.md" if p.template else None)
        for p in reversed(commune.periods)
    ]
    for newer, older in zip(periods, periods[1:]):
        newer.previous, older.next = older, newer
    view = CommuneView(commune, commune_pages(commune.slug, single), periods)
    view.charts = _charts(periods, catalog)
    view.key_figures = key_figures(view.latest, catalog) if view.latest else []
    view.province_md = None if single else province_page(commune.xa.tinh)
    view.channels = feedback_channels(commune.xa, catalog)
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
        out.append(KeyFigureView(k.nhan, fig, side, k.nhan_phu if side is not None and side.value is not None else None))
    return out


def _charts(periods: list[PeriodView], catalog: Catalog) -> list[Chart]:
    """The portal's history charts, each value taken from its own period's row that declares the figure (never by code).

    A period whose template has no such row is a blank point; a chart none of whose figures any period has is left out.
    """
    if not periods:
        return []
    oldest_first = list(reversed(periods))
    labels = [f"{pv.period.kind.ten} {pv.ky.nam}" for pv in oldest_first]
    charts = []
    for chart in catalog.key_figures.lich_su:
        figures = [[pv.key_figure(line.so_lieu) for pv in oldest_first] for line in chart.chuoi]
        if not any(fig is not None for line in figures for fig in line):
            continue
        series = [(line.nhan, [fig.value if fig else None for fig in figs]) for line, figs in zip(chart.chuoi, figures)]
        charts.append(build_chart(chart.tieu_de, chart.don_vi, labels, series, chart.toi_da))
    return charts


def _documents(periods: list[PeriodView], group: str) -> list[DocumentView]:
    """Each document once, from the newest report that lists it, newest document first."""
    seen = {}
    for pv in periods:
        for doc in getattr(pv.ky, group):
            seen.setdefault(doc.so, DocumentView(doc, pv))
    return sorted(seen.values(), key=lambda d: (d.doc.ngay, d.doc.so), reverse=True)

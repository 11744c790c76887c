"""The figures as data: CSV and JSON downloads, the data.json catalogue, Atom feeds, robots.txt.

Each file is serialised by a library (csv, json from the validated models,
feedgen for Atom); this module only decides what goes in which file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from generator.core.names import committee_name
from generator.core.numbers import figure_number
from generator.core.problems import say
from generator.core.site_paths import (
    DATA_CATALOGUE,
    HOME,
    PORTAL_FEED,
    PORTAL_FILES,
    RenderedPage,
    commune_downloads,
    commune_feed,
    page_url,
    period_downloads,
)
from generator.core.slug import slugify
from generator.views.context import CommuneView, PeriodView
from generator.views.procedures import ProcedureListView, shown_lists

from .export_docx import Report

POD_SCHEMA = "https://project-open-data.cio.gov/v1.1/schema"
CSV_MEDIA = "text/csv"
JSON_MEDIA = "application/json"
DOCX_MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FEED_ENTRIES = 50  # a feed lists the newest entries only, so its size does not grow with the portal


def downloads(c: CommuneView, pv: PeriodView | None = None) -> dict[str, str]:
    """Where a commune's (or one of its periods') files live, relative to the docs dir."""
    if pv is None:
        return commune_downloads(c.slug)
    return period_downloads(c.slug, pv.slug, appendix=pv.appendix_md is not None, report=pv.ky.is_report)


DOCUMENT_COLUMNS = ["xa", "loai", "so", "ngay", "trich_yeu", "tiep_tuc", "ky_bao_cao"]

# `ma` is a code of the period's template (`mau`): only `so_lieu_chung` (the portal's key-figure id) means the same
# thing across templates, periods and communes.
INDICATOR_COLUMNS = [
    "xa", "ky", "mau", "ma", "so_lieu_chung", "chi_tieu", "don_vi", "so_lieu", "tinh_tu_dong", "chi_co_so_cong_bo",
    "so_lieu_bao_cao", "ghi_chu", "phat_hien_da_xac_nhan",
]


def _number(value):
    """Machine-readable numbers (core/numbers.figure_number): a dot for decimals, the full value, never rounded (as
    JSON writes it); blank stays blank."""
    return figure_number(value, medium="machine")


def _text(value: str) -> str:
    """A cell a spreadsheet must show as text: a leading =, +, - or @ would make it a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _yes_no(value: bool) -> str:
    """A yes/no column as the CSV writes it."""
    return say("du_lieu_co" if value else "du_lieu_khong")


def indicator_rows(c: CommuneView, pv: PeriodView) -> list[list[str]]:
    rows = []
    template = pv.ky.phu_luc.mau if pv.ky.phu_luc else ""
    for fig in pv.figures.rows:
        acknowledged = [f.id for f in pv.disclosed_for(fig)]
        rows.append([
            c.slug, pv.slug, template, fig.code, fig.row.so_lieu_chung or "", _text(fig.row.ten), _text(fig.row.don_vi or ""), _number(fig.value),
            _yes_no(fig.computed), _yes_no(fig.published), _number(fig.printed), _text(fig.note or ""), "; ".join(acknowledged),
        ])
    return rows


def _csv_lines(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def _csv(header: list[str], rows: list[list[str]]) -> str:
    return "\ufeff" + _csv_lines([header, *rows])  # Excel needs the BOM to read Vietnamese as UTF-8


def period_json(c: CommuneView, pv: PeriodView) -> dict:
    return {
        "xa": c.slug,
        "ky": pv.slug,
        "du_lieu": pv.ky.model_dump(mode="json"),
        "so_lieu_tinh": {fig.code: fig.value for fig in pv.figures.rows if fig.computed},
        # A share given only as published, without its components (compute: Figure.published), and whose it is.
        "so_lieu_cong_bo": {fig.code: {"gia_tri": fig.value, "nguon": pv.published_mark(fig)}
                            for fig in pv.figures.rows if fig.published},
        # The portal's key figures this period's template declares (so-lieu-chung.yaml): the only join across templates.
        "so_lieu_chung": {fig.row.so_lieu_chung: fig.value for fig in pv.figures.rows if fig.row.so_lieu_chung},
        "phat_hien": [
            {"ma": f.id, "muc_do": f.problem.severity, "thong_diep": f.problem.message, "ly_do": f.problem.acknowledged or None}
            for f in pv.findings
        ],
    }


def commune_json(c: CommuneView) -> dict:
    return {
        "xa": c.slug,
        "thong_tin": c.xa.model_dump(mode="json"),
        "thu_tuc": c.commune.procedures.model_dump(mode="json")["thu_tuc"] if c.commune.procedures else [],
        "ky": [period_json(c, pv) for pv in c.periods],
    }


def _json_text(value) -> str:
    # Compact: json's C encoder is used only without indentation, and these files are for programs.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _json(value) -> str:
    return _json_text(value) + "\n"


def modified(c: CommuneView) -> dt.date | None:
    """When a commune's data last changed: the latest report's issue (or compilation) date."""
    return period_date(c.latest) if c.latest else None


def period_date(pv: PeriodView) -> dt.date:
    """The report's issue date, else the appendix's, else the day the figures were published, else the window's end."""
    ky = pv.ky
    return ((ky.bao_cao and ky.bao_cao.ngay_ban_hanh) or (ky.phu_luc and ky.phu_luc.ngay_lap)
            or (ky.nguon and ky.nguon.ngay) or ky.den_ngay)


def _absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path


def contact_point(name: str, own: str | None, site_contact: dict | None) -> dict:
    """Whom a dataset's user writes to: its publisher at its own e-mail (a commune's: the first of its feedback
    channels); without one, the portal's maintainers (mkdocs.yml `extra.lien_he`, whose `email` list Project Open
    Data needs: a province's procedure list is compiled by them). No address is ever made up: without either,
    hasEmail is left out."""
    if own:
        return {"@type": "vcard:Contact", "fn": name, "hasEmail": f"mailto:{own}"}
    portal = next((m["dia_chi"] for m in (site_contact or {}).get("email") or [] if m.get("dia_chi")), None)
    if portal:
        return {"@type": "vcard:Contact", "fn": site_contact.get("ten") or portal, "hasEmail": f"mailto:{portal}"}
    return {"@type": "vcard:Contact", "fn": name}


def catalogue(views: list[CommuneView], site_url: str, site_contact: dict | None = None) -> dict:
    """data.json in the Project Open Data v1.1 schema: one dataset per commune."""
    datasets = []
    for c in views:
        files = downloads(c)
        distributions = [
            {"@type": "dcat:Distribution", "title": say("du_lieu_chi_tieu_xa", xa=c.full_name), "downloadURL": _absolute(site_url, files["chi_tieu"]),
             "mediaType": CSV_MEDIA, "format": "CSV"},
            {"@type": "dcat:Distribution", "title": say("du_lieu_json_xa", xa=c.full_name), "downloadURL": _absolute(site_url, files["json"]),
             "mediaType": JSON_MEDIA, "format": "JSON"},
        ]
        for pv in c.periods:
            per = downloads(c, pv)
            if "chi_tieu" in per:
                distributions.append({"@type": "dcat:Distribution", "title": say("du_lieu_chi_tieu_ky", ky=pv.title),
                                      "downloadURL": _absolute(site_url, per["chi_tieu"]), "mediaType": CSV_MEDIA, "format": "CSV"})
            if "bao_cao" in per:
                distributions.append({"@type": "dcat:Distribution", "title": say("du_lieu_bao_cao_ky", ky=pv.title),
                                      "downloadURL": _absolute(site_url, per["bao_cao"]), "mediaType": DOCX_MEDIA, "format": "DOCX"})
        first, last = (c.periods[-1].ky.tu_ngay, c.periods[0].ky.den_ngay) if c.periods else (None, None)
        dataset = {
            "@type": "dcat:Dataset",
            "title": say("du_lieu_tieu_de", xa=c.full_name, tinh=c.province_full_name),
            "description": say("du_lieu_mo_ta", ubnd=c.committee),
            "keyword": [*say("du_lieu_tu_khoa").split("; "), c.xa.ten, c.province_full_name],
            "modified": (modified(c) or dt.date.today()).isoformat(),
            "publisher": {"@type": "org:Organization", "name": c.committee},
            "contactPoint": contact_point(c.committee, next((e for k in c.xa.kenh_phan_anh for e in k.email), None),
                                          site_contact),  # its own channels: a shared channel's e-mail is not its
            "identifier": _absolute(site_url, page_url(c.pages["home"])),
            "accessLevel": "public",
            "landingPage": _absolute(site_url, page_url(c.pages["bao_cao"])),
            "language": ["vi"],
            "distribution": distributions,
        }
        if first and last:
            dataset["temporal"] = f"{first.isoformat()}/{last.isoformat()}"
        datasets.append(dataset)
    for pl in procedure_lists(views):
        datasets.append({
            "@type": "dcat:Dataset",
            "title": say("du_lieu_thu_tuc_tieu_de", tinh=pl.full_name),
            "description": say("du_lieu_thu_tuc_mo_ta", tinh=pl.full_name,
                               quyet_dinh=", ".join(f"{d.so} ({d.ngay.isoformat()})" for d in pl.decisions)),
            "keyword": [*say("du_lieu_thu_tuc_tu_khoa").split("; "), pl.full_name],
            "modified": max(d.in_force_from for d in pl.decisions).isoformat(),
            "publisher": {"@type": "org:Organization", "name": say("du_lieu_thu_tuc_co_quan", tinh=pl.full_name)},
            "contactPoint": contact_point(say("du_lieu_thu_tuc_co_quan", tinh=pl.full_name), None, site_contact),
            "identifier": _absolute(site_url, pl.downloads["json"]),
            "accessLevel": "public",
            "language": ["vi"],
            "distribution": [
                {"@type": "dcat:Distribution", "title": say("du_lieu_thu_tuc_csv", tinh=pl.full_name),
                 "downloadURL": _absolute(site_url, pl.downloads["csv"]), "mediaType": CSV_MEDIA, "format": "CSV"},
                {"@type": "dcat:Distribution", "title": say("du_lieu_thu_tuc_json", tinh=pl.full_name),
                 "downloadURL": _absolute(site_url, pl.downloads["json"]), "mediaType": JSON_MEDIA, "format": "JSON"},
            ],
        })
    return {
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@id": _absolute(site_url, DATA_CATALOGUE),
        "@type": "dcat:Catalog",
        "conformsTo": POD_SCHEMA,
        "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
        "dataset": datasets,
    }


def organization(c: CommuneView, site_url: str | None) -> dict:
    """schema.org JSON-LD for a commune home: the People's Committee with a ContactPoint per feedback channel."""
    org = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": committee_name(c.xa.loai, c.xa.ten, full=True),
        "address": {"@type": "PostalAddress", "addressRegion": c.province_full_name, "addressCountry": "VN"},
        "contactPoint": [],
    }
    if c.xa.dia_chi:
        org["address"]["streetAddress"] = c.xa.dia_chi
    if c.xa.website:
        org["sameAs"] = [c.xa.website]
    if site_url:
        org["url"] = _absolute(site_url, page_url(c.pages["home"]))
    for k in c.channels:
        point = {"@type": "ContactPoint", "contactType": say("du_lieu_loai_lien_he"), "name": k.ten, "availableLanguage": "vi"}
        if k.dien_thoai:
            point["telephone"] = k.dien_thoai[0]
        if k.fax:
            point["faxNumber"] = k.fax[0]
        if k.email:
            point["email"] = k.email[0]
        if k.dia_chi_web:
            point["url"] = k.dia_chi_web
        org["contactPoint"].append(point)
    return org


@dataclass(frozen=True)
class FeedEntry:
    date: dt.date
    title: str
    md: str  # the page it links to
    summary: str


def _entries(c: CommuneView):
    """An entry for each period report and each notice of a commune."""
    for pv in c.periods:
        summary = pv.ky.bao_cao.tieu_de if pv.ky.is_report else pv.ky.nguon.ten
        yield FeedEntry(period_date(pv), say("tin_ky", xa=c.full_name, nguon=pv.source_name), pv.md, summary)
    for d in c.notices:
        yield FeedEntry(d.doc.ngay, say("tin_thong_bao", xa=c.full_name, so=d.doc.so), c.pages["thong_bao"], d.doc.trich_yeu)


def atom(title: str, feed_path: str, home_md: str, entries, site_url: str) -> str:
    feed = FeedGenerator()
    feed.id(_absolute(site_url, feed_path))
    feed.title(title)
    feed.language("vi")
    feed.link(href=_absolute(site_url, feed_path), rel="self")
    feed.link(href=_absolute(site_url, page_url(home_md)), rel="alternate")
    newest = sorted(entries, key=lambda e: (e.date, e.title), reverse=True)[:FEED_ENTRIES]
    for e in reversed(newest):
        entry = feed.add_entry()
        url = _absolute(site_url, page_url(e.md))
        entry.id(f"{url}#{slugify(e.title)}")
        entry.title(e.title)
        entry.link(href=url)
        entry.summary(e.summary)
        entry.updated(dt.datetime.combine(e.date, dt.time(), dt.timezone.utc))
    stamp = newest[0].date if newest else dt.date(2000, 1, 1)
    feed.updated(dt.datetime.combine(stamp, dt.time(), dt.timezone.utc))
    return feed.atom_str(pretty=True).decode("utf-8")


def where_to_go(c: CommuneView) -> dict:
    """What a procedure's page shows of the commune it was reached from (theme/assets/noi-nop.js): its centre, and
    whom to call while the centre has no telephone."""
    office = c.xa.bo_phan_mot_cua
    return {
        "ten": c.full_name,
        "thu_tuc": page_url(c.pages["thu_tuc"]),
        "noi_nop": {"ten": c.office_heading, "dia_chi": office and office.dia_chi,
                    "gio_lam_viec": office and office.gio_lam_viec, "dien_thoai": list(office.dien_thoai) if office else []},
        "goi": [{"so": phone, "noi": k.ten} for k, phone in c.shared_phones],
    }


def _commune_files(c: CommuneView, rows: list, commune: dict, site_url: str | None) -> list[RenderedPage]:
    """The files holding all of one commune's periods."""
    paths = downloads(c)
    documents = [
        [c.slug, kind, d.doc.so, d.doc.ngay.isoformat(), _text(d.doc.trich_yeu), _yes_no(d.doc.tiep_tuc), d.period.slug]
        for kind, docs in (("ke_hoach", c.plans), ("thong_bao", c.notices)) for d in docs
    ]
    files = [
        RenderedPage(paths["chi_tieu"], _csv(INDICATOR_COLUMNS, rows)),
        RenderedPage(paths["van_ban"], _csv(DOCUMENT_COLUMNS, documents)),
        RenderedPage(paths["json"], _json(commune)),
        RenderedPage(paths["noi_nop"], _json(where_to_go(c))),
    ]
    if site_url:
        feed = commune_feed(c.slug)
        files.append(RenderedPage(feed, atom(say("tin_xa", xa=c.full_name), feed, c.pages["home"], _entries(c), site_url)))
    return files


PROCEDURE_COLUMNS = ["tinh", "ma", "ma_dia_phuong", "ten", "linh_vuc", "thoi_han", "phi_le_phi", "dia_diem",
                     "can_cu_phap_ly", "con_hieu_luc", "quyet_dinh_cuoi", "trang"]


def procedure_lists(views: list[CommuneView]) -> list[ProcedureListView]:
    """The provinces' lists that the communes of these views show, each once (not the national records)."""
    return [pl for pl in shown_lists(views) if pl.listing]


def _procedure_entries(pl: ProcedureListView):
    """A feed entry for each change a decision made to the list: procedures listed, amended, abolished."""
    for p in pl.procedures:
        for h in p.history:
            yield FeedEntry(h.decision.in_force_from, say(f"tin_thu_tuc_{h.change.viec.replace('-', '_')}", ten=p.name,
                                                         so=h.decision.so), p.md, h.decision.trich_yeu)


def procedure_list_files(pl: ProcedureListView, site_url: str | None) -> list[RenderedPage]:
    """A province's list as CSV and JSON (every entry, abolished ones with their history), and its feed."""
    paths = pl.downloads
    rows = [[pl.name, p.code, p.entry.ma_dia_phuong or "", _text(p.name), p.sector.ma, _text(p.entry.thoi_han or ""),
             _text(p.entry.phi_le_phi or ""), _text(p.entry.dia_diem or ""), _text(p.entry.can_cu_phap_ly or ""),
             _yes_no(not p.abolished), p.last_decision.so, page_url(p.md)] for p in pl.entries]
    listing = pl.listing.listing.model_dump(mode="json")
    files = [RenderedPage(paths["csv"], _csv(PROCEDURE_COLUMNS, rows)), RenderedPage(paths["json"], _json(listing))]
    if site_url and pl.entries:
        files.append(RenderedPage(paths["feed"], atom(say("tin_thu_tuc_tinh", tinh=pl.full_name), paths["feed"],
                                                      pl.entries[0].md, _procedure_entries(pl), site_url)))
    return files


@dataclass(frozen=True)
class CommuneData:
    """One commune's share of the downloads, as kept between rebuilds while its view is the same object."""

    view: CommuneView
    rows: bytes  # its indicator rows, as lines of the portal-wide CSV (UTF-8: see RenderedPage)
    json: bytes  # its entry in the portal-wide JSON, as UTF-8 text
    files: list[RenderedPage]  # its own files (none in a join)
    reports: list[Report]  # its period reports, when they are made apart (else they are among files)


def _commune_data(c: CommuneView, site_url: str | None, communes: bool, sector_names: dict[str, str],
                  apart: bool) -> CommuneData:
    """One commune's indicator rows (CSV lines) and JSON, as the portal-wide files hold them, and (communes) its
    files; its reports are made now, or only listed when they are made apart."""
    files: list[RenderedPage] = []
    reports: list[Report] = []
    rows = []
    for pv in c.periods:
        paths = downloads(c, pv)
        period_rows = indicator_rows(c, pv)
        rows += period_rows
        if communes:
            if "chi_tieu" in paths:
                files.append(RenderedPage(paths["chi_tieu"], _csv(INDICATOR_COLUMNS, period_rows)))
            counts = [[c.slug, pv.slug, e.linh_vuc, e.so_thu_tuc] for e in pv.ky.linh_vuc]
            files.append(RenderedPage(paths["linh_vuc"], _csv(["xa", "ky", "linh_vuc", "so_thu_tuc"], counts)))
            files.append(RenderedPage(paths["json"], _json(period_json(c, pv))))
            if pv.ky.is_report:
                report = Report(paths["bao_cao"], c, pv, sector_names)
                if apart:
                    reports.append(report)
                else:
                    files.append(RenderedPage(report.path, report.content()))
    commune = commune_json(c)
    if communes:
        files += _commune_files(c, rows, commune, site_url)
    return CommuneData(c, _csv_lines(rows).encode("utf-8"), _json_text(commune).encode("utf-8"), files, reports)


def open_data_files(
    views: list[CommuneView], site_url: str | None, portal_title: str, *, communes: bool = True, portal: bool = True,
    sector_names: dict[str, str] | None = None, site_contact: dict | None = None, memo: dict | None = None,
    reports: list[Report] | None = None,
) -> list[RenderedPage]:
    """Every download, plus (when the site's address is known) the catalogue, the feeds and robots.txt.

    Each period with a report also gets its official document (.docx, `cchc export`); sector_names (code → name)
    name the sectors the report lists without a name of its own.

    A shard writes only its communes' files (portal=False); the join writes only the portal's (communes=False).
    memo: commune slug -> its CommuneData from the previous run (pipeline.build.Memo), reused while the view is the
    same object. The portal-wide files are joined from each commune's text: a save re-encodes one commune.
    reports (a whole build, generator/pipeline/documents.py): the .docx reports are listed there instead of being made;
    a memo must be used one way only (Memo's settings say which).
    """
    files: list[RenderedPage] = []
    everything, all_rows = [], []
    for c in views:
        known = memo.get(c.slug) if memo is not None else None
        if known is None or known.view is not c:
            known = _commune_data(c, site_url, communes, sector_names or {}, reports is not None)
            if memo is not None:
                memo[c.slug] = known
        all_rows.append(known.rows)
        everything.append(known.json)
        files += known.files
        if reports is not None:
            reports += known.reports
    if communes:
        for pl in procedure_lists(views):
            files += procedure_list_files(pl, site_url)
    if not portal:
        return files
    files.append(RenderedPage(PORTAL_FILES["chi_tieu"], _csv(INDICATOR_COLUMNS, []).encode("utf-8") + b"".join(all_rows)))
    files.append(RenderedPage(PORTAL_FILES["json"], b'{"xa":[' + b",".join(everything) + b"]}\n"))
    if site_url:
        files.append(RenderedPage(DATA_CATALOGUE, _json(catalogue(views, site_url, site_contact))))
        all_entries = [e for c in views for e in _entries(c)]
        files.append(RenderedPage(PORTAL_FEED, atom(portal_title or site_url, PORTAL_FEED, HOME, all_entries, site_url)))
        files.append(RenderedPage("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {_absolute(site_url, 'sitemap.xml')}\n"))
    return files

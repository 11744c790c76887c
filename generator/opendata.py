"""The figures as data: CSV and JSON downloads, the data.json catalogue, Atom feeds, robots.txt.

Each file is serialised by a library (csv, json from the validated models,
feedgen for Atom); this module only decides what goes in which file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from feedgen.feed import FeedGenerator

from .context import CommuneView, PeriodView
from .export_docx import report_docx
from .problems import say
from .site_paths import PORTAL_DOWNLOADS, RenderedPage, page_url
from .slug import slugify

POD_SCHEMA = "https://project-open-data.cio.gov/v1.1/schema"
CSV_MEDIA = "text/csv"
JSON_MEDIA = "application/json"
DOCX_MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FEED_ENTRIES = 50  # a feed lists the newest entries only, so its size does not grow with the portal


def downloads(c: CommuneView, pv: PeriodView | None = None) -> dict[str, str]:
    """Where a commune's (or one of its periods') files live, relative to the docs dir."""
    base = f"{c.slug}/du-lieu"
    if pv is None:
        return {"chi_tieu": f"{base}/{c.slug}-chi-tieu.csv", "json": f"{base}/{c.slug}.json", "van_ban": f"{base}/{c.slug}-van-ban.csv"}
    files = {"linh_vuc": f"{base}/{pv.slug}-linh-vuc.csv", "json": f"{base}/{pv.slug}.json"}
    if pv.appendix_md:  # a period without an appendix has no indicator table to download
        files["chi_tieu"] = f"{base}/{pv.slug}-chi-tieu.csv"
    if pv.ky.bao_cao is not None:  # the official report in Word, for a period that has a report
        files["bao_cao"] = f"{base}/{pv.slug}-bao-cao.docx"
    return files


PORTAL = {"chi_tieu": f"{PORTAL_DOWNLOADS}/toan-bo-chi-tieu.csv", "json": f"{PORTAL_DOWNLOADS}/toan-bo.json"}

DOCUMENT_COLUMNS = ["xa", "loai", "so", "ngay", "trich_yeu", "tiep_tuc", "ky_bao_cao"]

# `ma` is a code of the period's template (`mau`): only `so_lieu_chung` (the portal's key-figure id) means the same
# thing across templates, periods and communes.
INDICATOR_COLUMNS = [
    "xa", "ky", "mau", "ma", "so_lieu_chung", "chi_tieu", "don_vi", "so_lieu", "tinh_tu_dong", "so_lieu_bao_cao", "ghi_chu",
    "phat_hien_da_xac_nhan",
]


def _number(value):
    """Machine-readable numbers: a dot for decimals, ratios to two places; blank stays blank."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _text(value: str) -> str:
    """A cell a spreadsheet must show as text: a leading =, +, - or @ would make it a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def indicator_rows(c: CommuneView, pv: PeriodView) -> list[list[str]]:
    rows = []
    template = pv.ky.phu_luc.mau if pv.ky.phu_luc else ""
    for fig in pv.figures.rows:
        acknowledged = [f.id for f in fig.findings if f.disclosed]
        rows.append([
            c.slug, pv.slug, template, fig.code, fig.row.so_lieu_chung or "", _text(fig.row.ten), _text(fig.row.don_vi or ""), _number(fig.value),
            "có" if fig.computed else "không", _number(fig.printed), _text(fig.note or ""), "; ".join(acknowledged),
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


def contact_point(c: CommuneView, site_contact: dict | None) -> dict:
    """Whom a dataset's user writes to: the commune, at the first e-mail of its feedback channels; when it publishes
    none, the portal's maintainers (mkdocs.yml `extra.lien_he`, whose `email` list Project Open Data needs). No
    address is ever made up: without either, hasEmail is left out."""
    own = next((e for k in c.channels for e in k.email), None)
    if own:
        return {"@type": "vcard:Contact", "fn": f"UBND {c.xa.loai} {c.xa.ten}", "hasEmail": f"mailto:{own}"}
    portal = next((m["dia_chi"] for m in (site_contact or {}).get("email") or [] if m.get("dia_chi")), None)
    if portal:
        return {"@type": "vcard:Contact", "fn": site_contact.get("ten") or portal, "hasEmail": f"mailto:{portal}"}
    return {"@type": "vcard:Contact", "fn": f"UBND {c.xa.loai} {c.xa.ten}"}


def catalogue(views: list[CommuneView], site_url: str, site_contact: dict | None = None) -> dict:
    """data.json in the Project Open Data v1.1 schema: one dataset per commune."""
    datasets = []
    for c in views:
        files = downloads(c)
        distributions = [
            {"@type": "dcat:Distribution", "title": f"{c.full_name}: các chỉ tiêu CCHC (CSV)", "downloadURL": _absolute(site_url, files["chi_tieu"]),
             "mediaType": CSV_MEDIA, "format": "CSV"},
            {"@type": "dcat:Distribution", "title": f"{c.full_name}: toàn bộ dữ liệu (JSON)", "downloadURL": _absolute(site_url, files["json"]),
             "mediaType": JSON_MEDIA, "format": "JSON"},
        ]
        for pv in c.periods:
            per = downloads(c, pv)
            if "chi_tieu" in per:
                distributions.append({"@type": "dcat:Distribution", "title": f"{pv.title}: các chỉ tiêu (CSV)",
                                      "downloadURL": _absolute(site_url, per["chi_tieu"]), "mediaType": CSV_MEDIA, "format": "CSV"})
            if "bao_cao" in per:
                distributions.append({"@type": "dcat:Distribution", "title": f"{pv.title}: văn bản báo cáo (Word)",
                                      "downloadURL": _absolute(site_url, per["bao_cao"]), "mediaType": DOCX_MEDIA, "format": "DOCX"})
        first, last = (c.periods[-1].ky.tu_ngay, c.periods[0].ky.den_ngay) if c.periods else (None, None)
        dataset = {
            "@type": "dcat:Dataset",
            "title": f"Kết quả cải cách hành chính – {c.full_name}, {c.province_full_name}",
            "description": f"Các chỉ tiêu cải cách hành chính, số thủ tục theo lĩnh vực và báo cáo từng kỳ của UBND {c.xa.loai} {c.xa.ten}.",
            "keyword": ["cải cách hành chính", "CCHC", "thủ tục hành chính", c.xa.ten, c.province_full_name],
            "modified": (modified(c) or dt.date.today()).isoformat(),
            "publisher": {"@type": "org:Organization", "name": f"UBND {c.xa.loai} {c.xa.ten}"},
            "contactPoint": contact_point(c, site_contact),
            "identifier": _absolute(site_url, page_url(c.pages["home"])),
            "accessLevel": "public",
            "landingPage": _absolute(site_url, page_url(c.pages["bao_cao"])),
            "language": ["vi"],
            "distribution": distributions,
        }
        if first and last:
            dataset["temporal"] = f"{first.isoformat()}/{last.isoformat()}"
        datasets.append(dataset)
    return {
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@id": _absolute(site_url, "data.json"),
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
        "name": f"Ủy ban nhân dân {c.xa.loai} {c.xa.ten}",
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
        point = {"@type": "ContactPoint", "contactType": "phản ánh, kiến nghị", "name": k.ten, "availableLanguage": "vi"}
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


def _entries(c: CommuneView):
    """(date, title, page, summary) for each period report and each notice of a commune."""
    for pv in c.periods:
        if pv.ky.bao_cao:
            yield period_date(pv), f"{c.full_name}: báo cáo kết quả CCHC {pv.title}", pv.md, pv.ky.bao_cao.tieu_de
        else:
            yield period_date(pv), say("tin_so_lieu_cong_bo", xa=c.full_name, ky=pv.title), pv.md, pv.ky.nguon.ten
    for d in c.notices:
        yield d.doc.ngay, f"{c.full_name}: Thông báo số {d.doc.so}", c.pages["thong_bao"], d.doc.trich_yeu


def atom(title: str, feed_path: str, home_md: str, entries, site_url: str) -> str:
    feed = FeedGenerator()
    feed.id(_absolute(site_url, feed_path))
    feed.title(title)
    feed.language("vi")
    feed.link(href=_absolute(site_url, feed_path), rel="self")
    feed.link(href=_absolute(site_url, page_url(home_md)), rel="alternate")
    newest = sorted(entries, key=lambda e: (e[0], e[1]), reverse=True)[:FEED_ENTRIES]
    for date, entry_title, md, summary in reversed(newest):
        entry = feed.add_entry()
        url = _absolute(site_url, page_url(md))
        entry.id(f"{url}#{slugify(entry_title)}")
        entry.title(entry_title)
        entry.link(href=url)
        entry.summary(summary)
        entry.updated(dt.datetime.combine(date, dt.time(), dt.timezone.utc))
    stamp = newest[0][0] if newest else dt.date(2000, 1, 1)
    feed.updated(dt.datetime.combine(stamp, dt.time(), dt.timezone.utc))
    return feed.atom_str(pretty=True).decode("utf-8")


def _commune_files(c: CommuneView, rows: list, commune: dict, site_url: str | None) -> list[RenderedPage]:
    """The files holding all of one commune's periods."""
    paths = downloads(c)
    documents = [
        [c.slug, kind, d.doc.so, d.doc.ngay.isoformat(), _text(d.doc.trich_yeu), "có" if d.doc.tiep_tuc else "không", d.period.slug]
        for kind, docs in (("ke_hoach", c.plans), ("thong_bao", c.notices)) for d in docs
    ]
    files = [
        RenderedPage(paths["chi_tieu"], _csv(INDICATOR_COLUMNS, rows)),
        RenderedPage(paths["van_ban"], _csv(DOCUMENT_COLUMNS, documents)),
        RenderedPage(paths["json"], _json(commune)),
    ]
    if site_url:
        feed = f"{c.slug}/feed.xml"
        files.append(RenderedPage(feed, atom(f"{c.full_name}: công khai CCHC", feed, c.pages["home"], _entries(c), site_url)))
    return files


def _commune_data(c: CommuneView, site_url: str | None, communes: bool,
                  sector_names: dict[str, str]) -> tuple[str, str, list[RenderedPage]]:
    """One commune's indicator rows (CSV lines) and JSON, as the portal-wide files hold them, and (communes) its
    files."""
    files: list[RenderedPage] = []
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
            if pv.ky.bao_cao is not None:
                files.append(RenderedPage(paths["bao_cao"], report_docx(c, pv, sector_names)))
    commune = commune_json(c)
    if communes:
        files += _commune_files(c, rows, commune, site_url)
    return _csv_lines(rows), _json_text(commune), files


def open_data_files(
    views: list[CommuneView], site_url: str | None, portal_title: str, *, communes: bool = True, portal: bool = True,
    sector_names: dict[str, str] | None = None, site_contact: dict | None = None, memo: dict | None = None,
) -> list[RenderedPage]:
    """Every download, plus (when the site's address is known) the catalogue, the feeds and robots.txt.

    Each period with a report also gets its official document (.docx, `cchc export`); sector_names (code → name)
    name the sectors the report lists without a name of its own.

    A shard writes only its communes' files (portal=False); the join writes only the portal's (communes=False).
    memo (mkdocs serve): commune slug -> (view, rows, JSON, files) from the previous run, reused while the view is
    the same object. The portal-wide files are joined from each commune's text: a save re-encodes one commune.
    """
    files: list[RenderedPage] = []
    everything, all_rows = [], []
    for c in views:
        known = memo.get(c.slug) if memo is not None else None
        if known is None or known[0] is not c:
            known = (c, *_commune_data(c, site_url, communes, sector_names or {}))
            if memo is not None:
                memo[c.slug] = known
        _, rows, commune, commune_files = known
        all_rows.append(rows)
        everything.append(commune)
        files += commune_files
    if not portal:
        return files
    files.append(RenderedPage(PORTAL["chi_tieu"], _csv(INDICATOR_COLUMNS, []) + "".join(all_rows)))
    files.append(RenderedPage(PORTAL["json"], '{"xa":[' + ",".join(everything) + "]}\n"))
    if site_url:
        files.append(RenderedPage("data.json", _json(catalogue(views, site_url, site_contact))))
        all_entries = [e for c in views for e in _entries(c)]
        files.append(RenderedPage("feed.xml", atom(portal_title or site_url, "feed.xml", "index.md", all_entries, site_url)))
        files.append(RenderedPage("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {_absolute(site_url, 'sitemap.xml')}\n"))
    return files

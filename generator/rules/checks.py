"""The consistency checker: figures in one report that cannot all be true.

Each finding has a stable id "<subject>/<kind>", so a clerk can acknowledge it in the data with a reason. The kind
is one of KINDS below, written out, never derived from its wording; the subject names what the finding is about:
an indicator by its code ("3.4.2/ty-le-lech"), a plan or notice by its number ("ke_hoach/18-KH-UBND/ngay-ngoai-ky"),
never by a position in a list, so renaming wording or inserting a plan breaks no acknowledgement. An acknowledged
finding no longer stops the build and is disclosed on the page; an acknowledgement that matches no finding is
itself an error.
"""

from __future__ import annotations

import difflib
import functools
import math
from dataclasses import dataclass
from urllib.parse import urlsplit

from generator.core import official
from generator.core.dates import vn_date
from generator.core.names import commune_name
from generator.core.numbers import agrees, figure_number
from generator.core.problems import Problem, problem, say
from generator.core.richtext import parse
from generator.core.slug import fold
from generator.models.catalog import DanhMucKy, LienKetThuyetMinh
from generator.models.portal import Commune, Period
from generator.models.procedures import DanhMucThuTucTinh

from .compute import PeriodFigures, sector_total


@dataclass(frozen=True)
class FindingKind:
    id: str  # the last part of a finding's id, which acknowledgements name: change it and they break
    severity: str  # "error" stops the build until acknowledged; "warning" does not
    wording: str  # the message code in messages.yaml


KINDS = {kind.id: kind for kind in (
    FindingKind("ty-le-lech", "error", "ty_le_lech"),
    FindingKind("ty-le-khong-xac-dinh", "error", "ty_le_khong_xac_dinh"),
    FindingKind("nhom-lech", "error", "nhom_lech"),
    FindingKind("tong-lech", "error", "tong_lech"),
    FindingKind("ngoai-khoang-phan-tram", "error", "ngoai_khoang_phan_tram"),
    FindingKind("ngoai-thang-do", "error", "ngoai_thang_do"),
    FindingKind("so-dem-khong-hop-le", "error", "so_dem_khong_hop_le"),
    FindingKind("so-tien-am", "error", "so_tien_am"),
    FindingKind("ngoai-khoang-diem", "error", "ngoai_khoang_diem"),
    FindingKind("diem-am", "error", "diem_am"),
    FindingKind("thanh-phan-vuot-tong", "error", "thanh_phan_vuot_tong"),
    FindingKind("bien-che-vuot", "error", "bien_che_vuot"),
    FindingKind("tong-thanh-phan-vuot", "error", "tong_thanh_phan_vuot"),
    FindingKind("tong-phan-tram-vuot", "error", "tong_phan_tram_vuot"),
    FindingKind("tu-so-vuot-mau-so", "error", "tu_so_vuot_mau_so"),
    FindingKind("ty-le-in-ngoai-khoang", "error", "ty_le_in_ngoai_khoang"),
    FindingKind("tong-linh-vuc-lech", "error", "tong_linh_vuc_lech"),
    FindingKind("thuyet-minh-lech", "error", "thuyet_minh_lech"),
    FindingKind("dat-chuan-vuot", "error", "dat_chuan_vuot"),
    FindingKind("nhan-su-giao-lech", "error", "nhan_su_giao_lech"),
    FindingKind("nhan-su-lech", "error", "nhan_su_lech"),
    FindingKind("co-ho-so-khong-co-thu-tuc", "error", "co_ho_so_khong_co_thu_tuc"),
    FindingKind("so-thu-tuc-khac-danh-muc", "warning", "so_thu_tuc_khac_danh_muc"),
    FindingKind("cua-so-lech", "warning", "cua_so_lech"),
    FindingKind("ngay-ngoai-ky", "warning", "ngay_ngoai_ky"),
    FindingKind("bao-cao-sau-han", "warning", "bao_cao_sau_han"),
    FindingKind("nguoi-ky-viet-khac", "error", "nguoi_ky_viet_khac"),
    FindingKind("website-viet-khac", "error", "website_viet_khac"),
)}


def document_subject(group: str, number: str) -> str:
    """A plan or notice named by its number, unique within a period: "ke_hoach/18-KH-UBND"."""
    return f"{group}/{number.replace('/', '-')}"


@dataclass(frozen=True)
class PartsOfWhole:
    """Rows a template declares parts of one whole: whatever is blank, the known parts never add up to more."""

    whole: str
    parts: tuple[str, ...]
    subject: str  # the row a finding is about
    kind: str
    summed: bool = False  # a sum's members: all known, they must equal it, which total() says (one fact, one finding)


def parts_of_wholes(rows) -> list[PartsOfWhole]:
    """Every part-of-a-whole a template declares, each once: a sum's members (tong) and a row's parts (cac_phan) under
    it, a row under the one it may not exceed (khong_vuot), and a ratio's numerator under its denominator (a share
    never exceeds 100 %) unless one of those already bounds it: one fact, one finding."""
    declared = []
    for row in rows:
        if row.tong:
            declared.append(PartsOfWhole(row.ma, tuple(row.tong), row.ma, "tong-thanh-phan-vuot", summed=True))
        if row.cac_phan and set(row.cac_phan) != set(row.tong):
            declared.append(PartsOfWhole(row.ma, tuple(row.cac_phan), row.ma, "tong-thanh-phan-vuot"))
        if row.khong_vuot:
            declared.append(PartsOfWhole(row.khong_vuot, (row.ma,), row.ma, "thanh-phan-vuot-tong"))
    bounded = {(part, d.whole) for d in declared for part in d.parts}
    declared += [PartsOfWhole(row.mau_so, (row.tu_so,), row.ma, "tu-so-vuot-mau-so")
                 for row in rows if row.is_ratio and (row.tu_so, row.mau_so) not in bounded]
    return declared


@dataclass(frozen=True)
class Finding:
    """What checking a period returns: one finding, its problem made with the clerk's acknowledgement when there is one."""

    id: str
    problem: Problem

    @property
    def subject(self) -> str:
        return self.id.rsplit("/", 1)[0]

    @property
    def disclosed(self) -> bool:
        """Published beside the figure, with the clerk's reason: an acknowledged error (the one rule for every page
        and download; an acknowledged warning, such as a data window, is not a contradiction in the figures)."""
        return bool(self.problem.acknowledged) and self.problem.severity == "error"


@dataclass(frozen=True)
class CheckedPeriod:
    """One period as computed and checked, as the views take it: its figures and the findings about them."""

    figures: PeriodFigures
    findings: list[Finding]


class _PeriodChecker:
    def __init__(self, commune: Commune, period: Period, figures: PeriodFigures, kinds: DanhMucKy, reasons: dict[str, str],
                 listing: DanhMucThuTucTinh | None = None):
        self.commune = commune
        self.listing = listing
        self.kinds = kinds
        self.period = period
        self.figs = figures
        self.reasons = reasons  # finding id -> the clerk's reason
        self.findings: list[Finding] = []

    def add(self, subject: str, kind: str, loc: tuple, **details):
        line, col = self.period.where.at(*loc)
        found = KINDS[kind]
        ident = f"{subject}/{found.id}"
        prob = problem(found.wording, self.period.where.file, line, col, loc, severity=found.severity, finding=ident,
                       acknowledged=self.reasons.get(ident, ""), **details)
        self.findings.append(Finding(ident, prob))

    def loc(self, code: str) -> tuple:
        return ("phu_luc", "chi_tieu", code)

    def run(self) -> list[Finding]:
        for fig in self.figs.rows:
            self.row(fig)
        self.parts()
        self.narrative()
        self.procedure_list()
        self.staffing()
        self.online()
        self.dates()
        self.names()
        return self.findings

    def row(self, fig):
        row, value, code = fig.row, fig.value, fig.code
        by_code = self.figs.by_code
        printed = {"in": figure_number(fig.printed), "noi_ghi": say("noi_ghi_bao_cao" if self.period.ky.is_report else "noi_ghi_cong_bo")}
        if row.is_ratio and not fig.published and fig.printed is not None and (fig.undefined or value is not None):
            num, den = by_code[row.tu_so].value, by_code[row.mau_so].value
            if fig.undefined:
                self.add(code, "ty-le-khong-xac-dinh", self.loc(code), ma=code, **printed, mau_so=row.mau_so)
            elif not agrees(fig.printed, value):
                self.add(code, "ty-le-lech", self.loc(code), ma=code, **printed,
                         tu_so=row.tu_so, mau_so=row.mau_so, tu=figure_number(num), mau=figure_number(den), tinh=figure_number(value, computed_ratio=True))
        elif row.kieu == "ty_le" and fig.printed is not None and not 0 <= fig.printed <= 100:
            # a printed share with no computed one to compare with: at least a share
            self.add(code, "ty-le-in-ngoai-khoang", self.loc(code), ma=code, **printed)
        if row.tom_tat and fig.printed is not None and value is not None and fig.printed != value:
            self.add(code, "nhom-lech", self.loc(code), ma=code, **printed, tom_tat=row.tom_tat, gia_tri=figure_number(value))
        if row.tong:
            self.total(fig)
        if value is None or fig.computed or fig.published:  # a published share: its printed value is checked above
            return
        if row.kieu == "ty_le" and not 0 <= value <= 100:
            self.add(code, "ngoai-khoang-phan-tram", self.loc(code), ma=code, gia_tri=figure_number(value))
        if row.kieu == "thang_do" and value not in {m.gia_tri for m in row.thang_do}:
            allowed = ", ".join(f"{m.gia_tri} ({m.nhan})" for m in row.thang_do)
            self.add(code, "ngoai-thang-do", self.loc(code), ma=code, gia_tri=figure_number(value), cho_phep=allowed)
        if row.kieu == "so_luong" and (value < 0 or not float(value).is_integer()):
            self.add(code, "so-dem-khong-hop-le", self.loc(code), ma=code, gia_tri=figure_number(value))
        if row.kieu == "so_tien" and value < 0:
            self.add(code, "so-tien-am", self.loc(code), ma=code, gia_tri=figure_number(value))
        if row.kieu == "diem" and row.toi_da is not None and not 0 <= value <= row.toi_da:
            self.add(code, "ngoai-khoang-diem", self.loc(code), ma=code, gia_tri=figure_number(value), toi_da=figure_number(row.toi_da))
        elif row.kieu == "diem" and value < 0:
            self.add(code, "diem-am", self.loc(code), ma=code, gia_tri=figure_number(value))
        assigned = by_code.get(row.bien_che_giao) if row.bien_che_giao else None
        if assigned is not None and assigned.value is not None and value > assigned.value:
            self.add(code, "bien-che-vuot", self.loc(code), ma=code, gia_tri=figure_number(value), giao=assigned.code, gia_tri_giao=figure_number(assigned.value))
        if row.cung_mot_tong:
            parts = [by_code[c.ma].value for c in row.trong_do if by_code[c.ma].value is not None]
            if sum(parts) > 100:
                self.add(code, "tong-phan-tram-vuot", self.loc(code), ma=code, tong=figure_number(sum(parts)))
        if row.tong_thu_tuc_linh_vuc:
            total = sector_total(self.period)
            if total is not None and total != value:
                self.add(code, "tong-linh-vuc-lech", ("linh_vuc",), ma=code, tong=figure_number(total), gia_tri=figure_number(value))

    def procedure_list(self):
        """The number of procedures a period states (its sectors' counts and their total, or the row that must equal
        that total) against the province's list in force on the period's last day: a difference is a warning that
        names both numbers and the decision (the list may have changed during the period). Not against a partial
        list (chua_du)."""
        day = self.period.ky.den_ngay
        if self.listing and self.listing.chua_du:  # a partial list counts what was found, not what the commune handles
            return
        decisions = [d for d in self.listing.quyet_dinh if d.in_force_from <= day] if self.listing else []
        if not decisions:
            return
        decision = max(decisions, key=lambda d: d.in_force_from)
        in_force = self.listing.in_force(day)
        said = {"quyet_dinh": decision.so, "ngay": vn_date(day)}
        stated, loc = sector_total(self.period), ("linh_vuc",)
        if stated is None:
            row = next((f for f in self.figs.rows if f.row.tong_thu_tuc_linh_vuc and f.value is not None), None)
            stated, loc = (row.value, self.loc(row.code)) if row else (None, loc)
        if stated is not None and stated != len(in_force):
            self.add("thu_tuc", "so-thu-tuc-khac-danh-muc", loc, bao_cao=figure_number(stated),
                     danh_muc=figure_number(len(in_force)), linh_vuc="", **said)
        for i, entry in enumerate(self.period.ky.linh_vuc):
            listed = sum(1 for e in in_force if e.linh_vuc == entry.linh_vuc)
            if entry.so_thu_tuc != listed:
                self.add(f"linh_vuc/{entry.linh_vuc}", "so-thu-tuc-khac-danh-muc", ("linh_vuc", i, "so_thu_tuc"),
                         bao_cao=figure_number(entry.so_thu_tuc), danh_muc=figure_number(listed),
                         linh_vuc=say("trong_linh_vuc", linh_vuc=entry.linh_vuc), **said)

    def total(self, fig):
        """A sum row whose members are all known equals their sum (with blanks, parts() compares)."""
        members = [self.figs.value(code) for code in fig.row.tong]
        if fig.value is None or None in members:
            return
        added = sum(members)
        if not math.isclose(added, fig.value, rel_tol=1e-9, abs_tol=1e-9):
            self.add(fig.code, "tong-lech", self.loc(fig.code), ma=fig.code, gia_tri=figure_number(fig.value), tong=figure_number(added),
                     cac_ma=" + ".join(fig.row.tong))

    def parts(self):
        """Known parts never exceed their whole, however many parts are blank (the template's declarations:
        parts_of_wholes)."""
        for declared in parts_of_wholes([fig.row for fig in self.figs.rows]):
            whole = self.figs.value(declared.whole)
            known = [code for code in declared.parts if self.figs.value(code) is not None]
            added = sum(self.figs.value(code) for code in known)
            if whole is None or not known or added <= whole or math.isclose(added, whole, rel_tol=1e-9, abs_tol=1e-9):
                continue
            if declared.summed and len(known) == len(declared.parts):
                continue
            code, loc = declared.subject, self.loc(declared.subject)
            if declared.kind == "thanh-phan-vuot-tong":
                self.add(code, declared.kind, loc, ma=code, gia_tri=figure_number(added), tong=declared.whole, gia_tri_tong=figure_number(whole))
            elif declared.kind == "tu-so-vuot-mau-so":
                self.add(code, declared.kind, loc, ma=code, tu_so=known[0], mau_so=declared.whole, tu=figure_number(added),
                         mau=figure_number(whole))
            else:
                self.add(code, declared.kind, loc, ma=code, gia_tri=figure_number(whole), tong=figure_number(added), cac_ma=", ".join(known))

    def narrative(self):
        for i, claim in enumerate(self.period.ky.doi_chieu):
            fig = self.figs.by_code.get(claim.chi_tieu)
            if fig is None or fig.value is None:
                continue
            shown = figure_number(fig.value, computed_ratio=fig.computed_ratio) + (" %" if fig.row.kieu == "ty_le" else "")
            if not agrees(claim.gia_tri, fig.value):
                self.add(claim.chi_tieu, "thuyet-minh-lech", ("doi_chieu", i, "gia_tri"), noi=figure_number(claim.gia_tri),
                         trich=claim.trich_dan, ma=claim.chi_tieu, bang=shown)

    def staffing(self):
        staff = self.period.ky.nhan_su
        if staff is None:
            return
        links = self.period.template.lien_ket if self.period.template else LienKetThuyetMinh()
        for group, done, total in (("can_bo", staff.can_bo_dat_chuan, staff.can_bo), ("cong_chuc", staff.cong_chuc_dat_chuan, staff.cong_chuc)):
            if done > total:
                self.add(f"nhan_su/{group}", "dat-chuan-vuot", ("nhan_su", f"{group}_dat_chuan"), nhom=say(f"nhom_{group}"),
                         dat_chuan=done, tong=total)
        assigned = self.figs.value(links.bien_che_giao) if links.bien_che_giao else None
        if assigned is not None and assigned != staff.bien_che:
            self.add("nhan_su", "nhan-su-giao-lech", ("nhan_su", "bien_che"), bien_che=staff.bien_che, ma=links.bien_che_giao, gia_tri=figure_number(assigned))
        present = self.figs.value(links.bien_che_co_mat) if links.bien_che_co_mat else None
        counted = staff.can_bo + staff.cong_chuc
        if present is not None and present != counted:
            self.add("nhan_su", "nhan-su-lech", ("nhan_su",), can_bo=staff.can_bo, cong_chuc=staff.cong_chuc, co_mat=counted,
                     bien_che=staff.bien_che, thieu=len(staff.chuc_danh_con_thieu), ma=links.bien_che_co_mat, gia_tri=figure_number(present))

    def online(self):
        if self.period.template is None:
            return
        links = self.period.template.lien_ket
        if not links.ho_so_truc_tuyen or not links.thu_tuc_co_ho_so_truc_tuyen:
            return
        received = self.figs.value(links.ho_so_truc_tuyen)
        counts = [self.figs.value(c) for c in links.thu_tuc_co_ho_so_truc_tuyen]
        if received and all(c == 0 for c in counts):
            subject = links.ho_so_truc_tuyen
            self.add(subject, "co-ho-so-khong-co-thu-tuc", self.loc(subject), ho_so=figure_number(received), ma_ho_so=subject,
                     cac_ma=", ".join(links.thu_tuc_co_ho_so_truc_tuyen))

    def dates(self):
        ky, kind = self.period.ky, self.period.kind
        start, end = self.kinds.window(kind, ky.nam, post_reform=self.commune.xa.post_reform)
        if (ky.tu_ngay, ky.den_ngay) != (start, end):
            self.add("tu_ngay", "cua-so-lech", ("tu_ngay",), tu=vn_date(ky.tu_ngay), den=vn_date(ky.den_ngay),
                     ky=kind.ten, tu_dung=vn_date(start), den_dung=vn_date(end))
        issued = ky.bao_cao.ngay_ban_hanh if ky.bao_cao else None
        due = kind.han_nop.in_year(ky.nam) if kind.han_nop else None
        if issued and due and issued > due:
            self.add("bao_cao", "bao-cao-sau-han", ("bao_cao", "ngay_ban_hanh"), ngay=vn_date(issued), han=vn_date(due), ky=kind.ten)
        for group in ("ke_hoach", "thong_bao"):
            for i, doc in enumerate(getattr(ky, group)):
                if not ky.tu_ngay <= doc.ngay <= ky.den_ngay:
                    self.add(document_subject(group, doc.so), "ngay-ngoai-ky", (group, i, "ngay"), loai=say(f"loai_{group}"),
                             so=doc.so, ngay=vn_date(doc.ngay), tu=vn_date(ky.tu_ngay), den=vn_date(ky.den_ngay))

    def names(self):
        """Names and websites written two ways within the issued report (nothing to compare without one)."""
        ky = self.period.ky
        if ky.bao_cao is None:
            return
        signers = [(say("noi_bao_cao"), ky.bao_cao.nguoi_ky, ("bao_cao", "nguoi_ky", "ho_ten"))]
        if ky.phu_luc and ky.phu_luc.nguoi_ky:
            signers.append((say("noi_phu_luc"), self.period.ky.phu_luc.nguoi_ky, ("phu_luc", "nguoi_ky", "ho_ten")))
        for (name_a, a, _), (name_b, b, loc_b) in zip(signers, signers[1:]):
            if a.ho_ten != b.ho_ten and _similar(a.ho_ten, b.ho_ten, 0.7):
                self.add("nguoi_ky", "nguoi-ky-viet-khac", loc_b, a=a.ho_ten, noi_a=name_a, b=b.ho_ten, noi_b=name_b)
        hosts: dict[str, tuple] = {}
        for url, loc in self.urls():
            host = (urlsplit(url).hostname or "").lower()
            if host:
                hosts.setdefault(host, loc)
        names = sorted(hosts)
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                if _similar(a, b, 0.85):
                    self.add("website", "website-viet-khac", hosts[b], a=a, b=b)

    def urls(self):
        if self.commune.xa.website:
            yield self.commune.xa.website, ("bao_cao",)
        texts = []
        if self.period.ky.bao_cao.mo_dau:
            texts.append((self.period.ky.bao_cao.mo_dau, ("bao_cao", "mo_dau")))

        def walk(sections, loc):
            for i, sec in enumerate(sections):
                for j, para in enumerate(sec.noi_dung):
                    if para.van_ban:
                        texts.append((para.van_ban, loc + (i, "noi_dung", j)))
                walk(sec.muc, loc + (i, "muc"))

        walk(self.period.ky.bao_cao.phan, ("bao_cao", "phan"))
        for text, loc in texts:
            for block in parse(text):
                for item in block.items:
                    for inline in item:
                        if inline.kind == "link" and inline.href.startswith("http"):
                            yield inline.href, loc


@functools.lru_cache(maxsize=4096)
def _similar(a: str, b: str, threshold: float) -> bool:
    return difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio() >= threshold


def _acknowledgements(period: Period) -> dict[str, tuple[str, tuple]]:
    """The clerk's acknowledgements in one period, at a value or in the list: finding id -> (reason, where it is written)."""
    reasons = {}
    for code, entry in (period.ky.phu_luc.chi_tieu if period.ky.phu_luc else {}).items():
        for kind, reason in entry.xac_nhan.items():
            reasons[f"{code}/{kind}"] = (reason, ("phu_luc", "chi_tieu", code, "xac_nhan", kind))
    for i, ack in enumerate(period.ky.xac_nhan):
        reasons[ack.phat_hien] = (ack.ly_do, ("xac_nhan", i, "phat_hien"))
    return reasons


def check_period(commune: Commune, period: Period, figures: PeriodFigures, kinds: DanhMucKy,
                 listing: DanhMucThuTucTinh | None = None) -> list[Finding]:
    """Findings of one period, each made with the clerk's acknowledgement when there is one; an acknowledgement that
    matches no finding is itself a finding. Nothing given is changed: the findings are what checking returns.
    listing: the province's procedure list the commune handles (a post-reform unit's), to compare the period's
    counts with."""
    reasons = _acknowledgements(period)
    findings = _PeriodChecker(commune, period, figures, kinds, {ident: reason for ident, (reason, _) in reasons.items()},
                              listing).run()
    found = {finding.id for finding in findings}
    for ident, (_, loc) in reasons.items():
        if ident not in found:
            line, col = period.where.at(*loc)
            findings.append(Finding(ident, problem("xac_nhan_thua", period.where.file, line, col, loc, ma=ident)))
    return findings


def check_commune_code(commune: Commune, kinds: DanhMucKy) -> list[Problem]:
    """A commune code is checked against the official list only for periods after the reform: the profile's kind and
    name are the code's, once folded (a fragment of the name is another name), and so is its province."""
    code = commune.xa.ma_don_vi
    if code is None or not any(p.ky.den_ngay >= kinds.ma_don_vi_tu for p in commune.periods):
        return []
    line, col = commune.where.at("ma_don_vi")
    entry = official.by_code().get(code)
    if entry is None:
        return [problem("ma_don_vi_khong_co", commune.where.file, line, col, ("ma_don_vi",), gia_tri=code)]
    written = commune_name(commune.xa.loai, commune.xa.ten)
    if not official.names(written, entry):
        return [problem("ma_don_vi_khac_ten", commune.where.file, line, col, ("ma_don_vi",), gia_tri=code,
                        ten_dung=entry.full_name, ten=written)]
    if fold(commune.xa.tinh) != fold(entry.tinh):  # the province decides its pages and comparisons
        line, col = commune.where.at("tinh")
        return [problem("ma_don_vi_khac_tinh", commune.where.file, line, col, ("tinh",), gia_tri=code,
                        ten_dung=entry.full_name, tinh_dung=entry.tinh, tinh=commune.xa.tinh)]
    return []

"""`cchc import`, step 2: the report's text: heading, sections, plans and notices, sectors, staffing, signatories,
the commune that issued it, and the feedback channels and website it states.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

from generator.core.dates import parse_day_first, stated_window
from generator.core.problems import say
from generator.models.catalog import DanhMucLinhVuc

from .import_docx import Line, fold, upper

# A Roman numeral that stays in capitals in a title: "QUÝ IV NĂM 2025" -> "quý IV năm 2025", "PHẦN II".
_TITLE_ROMAN = re.compile(r"\b(quý|phần|mục|chương|phụ lục|khóa|khoá|nhóm)\s+([ivxlc]+)\b")


def _sentence(text: str) -> str:
    """A heading printed in capitals, written the way the data writes titles."""
    if not upper(text):
        return text
    return _TITLE_ROMAN.sub(lambda m: f"{m.group(1)} {m.group(2).upper()}", text[0] + text[1:].lower())


_ITEM = re.compile(r"^\s*([-+•]|\d{1,3}[.)])\s+")
_ROMAN = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X)\.\s+(\S.*)$")
_NUMBERED = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
_NUMBER_LINE = re.compile(r"^Số\s*:?\s*(\d*)(?:\s*(?:…|\.{2,}))?\s*/\s*([A-ZĐ][A-Za-zĐđ0-9-]*)\s*$")
PLACE_DATE = re.compile(r"^(?P<noi>[^,]{2,60}),\s*(?P<ngay>ngày\b.*\bnăm\s+\d{4})\.?\s*$", re.IGNORECASE)
_DATE_WORDS = re.compile(r"ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})", re.IGNORECASE)
# A plan or notice named anywhere in a sentence ("… về <subject>", or in a list "…: <subject>"); its subject ends at
# the sentence's end or where the next one is named.
_DOC = re.compile(
    r"(?P<loai>Kế hoạch|Thông báo) số:?\s*(?P<so>\d{1,5}/(?:KH|TB)(?:-[A-Za-zĐđ0-9]{1,10}){1,3})"
    r"(?:\s+ngày\s+(?P<ngay>\d{1,2}/\d{1,2}/\d{4}))?(?:\s+của\s+[^,.;:]{1,80}?)?(?:\s+về\s+(?:việc\s+)?|:\s+)(?P<trich>.+?)"
    r"(?=\.(?:\s|$)|$|[,;]?\s+(?:và|cùng)\s+(?:các\s+)?(?:Kế hoạch|Thông báo) số|;\s)"
)
# The date of a document named without one, from earlier in its sentence: "Ngày 04/7/2025, UBND phường ban hành Kế
# hoạch số 05/KH-UBND về …".
_DATE_BEFORE = re.compile(r"\b[Nn]gày\s+(\d{1,2}/\d{1,2}/\d{4})\b(?!.*\.\s)")
# A sentence that states a phone number or an e-mail address for feedback without the "label: value" lines a channel
# is read from: listed for the clerk, never dropped.
_CHANNEL_SENTENCE = re.compile(r"đường dây nóng|phản ánh|kiến nghị|hộp thư|thư điện tử", re.IGNORECASE)
_SECTOR = re.compile(r"^\d{1,2}[.)]\s*(?P<ten>Lĩnh vực\s.+?)\s*:\s*(?P<so>\d+)\s*(?:TTHC|thủ tục)\.?\s*$", re.IGNORECASE)
# A line of a feedback channel: "Gửi qua/đến …", or "<label>: …" with one of these labels.
_CONTACT = ("gui truc tuyen", "co quan tiep nhan", "dia chi", "so dien thoai", "dien thoai", "so fax", "fax", "thu dien tu", "email", "e mail")
_NOT_CONTACT = ("dia chi tru so",)
# The parts of a feedback channel as reports print them ("Số điện thoại chuyên dùng: … số fax: …").
_CONTACT_FIELD = re.compile(
    r"(?P<key>gửi qua|gửi đến(?: cơ quan)?|gửi trực tuyến|cơ quan tiếp nhận|địa chỉ thư điện tử|thư điện tử|e-?mail|số điện thoại[^:\d]{0,20}|điện thoại[^:\d]{0,20}"
    r"|số fax|fax|địa chỉ liên hệ|(?<!tại )địa chỉ|trang thông tin điện tử|website)\s*:?\s*",
    re.IGNORECASE,
)
_PHONE = re.compile(r"\+?\d[\d. ()-]{6,17}\d")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_WEBSITE = re.compile(r"trang thông tin điện tử(?: của (?:UBND |Ủy ban nhân dân )?(?:xã|phường|đặc khu|thị trấn)[^:<]{0,40})?\s*(?:tại)?\s*:?\s*<?(https?://[^\s<>]+[^\s<>.,;:)])", re.IGNORECASE)
_SEAT = re.compile(r"^(?:Địa chỉ trụ sở|Trụ sở)(?: (?:UBND|Ủy ban nhân dân) (?:xã|phường|đặc khu|thị trấn)[^:]{0,40})?\s*:\s*(.+?)\.?$", re.IGNORECASE)
# Who issued the report: "UBND XÃ NA RÌ", "ỦY BAN NHÂN DÂN" / "PHƯỜNG PHÙ LIỄN", "… của UBND phường Phù Liễn".
_ISSUER = re.compile(r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(xã|phường|đặc khu|thị trấn)\s+", re.IGNORECASE)
_URL = re.compile(r"(?<![<(])\b(https?://[^\s<>]+[^\s<>.,;:)])")


def join_broken(lines: list[Line]) -> list[Line]:
    """Lines a page break cut in two (the next starts in lower case or with a date) are one paragraph."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        first, last = line.plain[:1], prev.plain.rstrip()[-1:] if prev else ""
        continues = first.islower() or (first.isdigit() and last.isalpha() and not _ITEM.match(line.plain))
        if prev and not prev.strong and continues and last not in (".", ":", ";", "!", "?"):
            out[-1] = Line(f"{prev.text} {line.text}", False)
        else:
            out.append(line)
    return out


class Narrative:
    """Reads the report part: heading block, sections, plans, notices, sectors, signatories."""

    def __init__(self, sectors: DanhMucLinhVuc, notes: list[str]):
        self.sectors = sectors
        self.notes = notes
        self.bao_cao: dict = {"phan": []}
        self.docs = {"ke_hoach": [], "thong_bao": []}
        self.mentions: list[tuple[str, int, bool]] = []  # (kind, index, "tiếp tục" written before it)
        self.linh_vuc: list[dict] = []
        self.nhan_su: dict | None = None
        self.posts = False  # the vacant posts are being listed
        self.contacts: list[str] = []
        self.issuer_lines: list[str] = []  # the heading's lines in capitals: issuing body, national name
        self.seat: str | None = None  # the address of the commune's People's Committee, where stated
        self.website: str | None = None
        self.window: tuple[dt.date, dt.date] | None = None
        self.inserted: set[str] = set()
        self.run: str | None = None  # the structured block the previous paragraph went into

    def read(self, lines: list[Line]) -> None:
        i = self._head(lines)
        tail = next((j for j in range(i, len(lines)) if fold(lines[j].plain).startswith("noi nhan")), len(lines))
        self._body(lines[i:tail])
        self._tail(lines[tail + 1 :])

    def _head(self, lines: list[Line]) -> int:
        """Number, place and date, title, the opening paragraphs; returns where section I starts."""
        title_at = None
        opening: list[str] = []
        for i, line in enumerate(lines):
            text = line.plain
            if _ROMAN.match(text) and title_at is not None:
                self._opening(opening)
                return i
            if (m := _NUMBER_LINE.match(text)) and title_at is None:
                self.bao_cao["so"] = int(m.group(1)) if m.group(1) else None
                self.bao_cao["ky_hieu"] = m.group(2)
            elif (m := PLACE_DATE.match(text)) and title_at is None:
                self.bao_cao["dia_danh"] = m.group("noi").strip()
                self.bao_cao["ngay_ghi"], self.bao_cao["ngay_ban_hanh"] = date_line(m.group("ngay"))
            elif fold(text) == "bao cao" and title_at is None:
                title_at = i + 1
            elif title_at == i:
                self.bao_cao["tieu_de"] = text
            elif title_at is not None and not opening and line.strong and lines[i - 1].strong and i - 1 >= title_at:
                self.bao_cao["tieu_de"] += " " + text  # a subject printed on two bold lines
            elif title_at is not None:
                opening.append(_links(line.text))
            elif title_at is None and (upper(text) or _issuer(text) or fold(text).startswith(("xa ", "phuong ", "dac khu ", "thi tran "))):
                self.issuer_lines.append(text)
            elif not fold(text).startswith("doc lap"):
                self.notes.append(say("nhap_doan_khong_ro", van_ban=text))
        self._opening(opening)
        return len(lines)

    def _opening(self, paragraphs: list[str]) -> None:
        lead = next((k for k, p in enumerate(paragraphs) if "như sau" in p or stated_window(p)), min(1, len(paragraphs)))
        if paragraphs[:lead]:
            self.bao_cao["can_cu"] = " ".join(paragraphs[:lead])
        if paragraphs[lead:]:
            self.bao_cao["mo_dau"] = "\n\n".join(paragraphs[lead:])
        for p in paragraphs:
            if window := stated_window(p):
                self.window = window

    def _body(self, lines: list[Line]) -> None:
        top = section = None
        expected = 1
        channel = _channel_lines(lines)
        for i, line in enumerate(lines):
            text = line.plain
            if m := _ROMAN.match(text):
                top = section = {"so": m.group(1), "tieu_de": _sentence(m.group(2).strip())}
                self.bao_cao["phan"].append(top)
                expected, self.run = 1, None
                continue
            if section is None:
                continue
            m = _NUMBERED.match(text)
            heading_like = line.strong or (len(text) <= 120 and not text.endswith((".", ";", ":", ",")))
            if m and int(m.group(1)) == expected and heading_like and not _SECTOR.match(text):
                section = {"so": m.group(1), "tieu_de": _sentence(m.group(2).strip())}
                top.setdefault("muc", []).append(section)
                expected, self.run = expected + 1, None
                continue
            self._paragraph(section, line, i in channel)

    def _paragraph(self, section: dict, line: Line, channel: bool) -> None:
        text = _links(line.text)
        items = section.setdefault("noi_dung", [])
        block = self._structured(line.plain, channel)
        if block is not None and block not in self.inserted:
            self.inserted.add(block)
            items.append({"chen": block})
        elif block is None or block != self.run:
            # Plain text, or a list the report prints a second time: kept as written.
            if items and isinstance(items[-1], str) and _marker(text) and _marker(text) == _marker(items[-1].split("\n")[-1]):
                items[-1] += "\n" + text
            else:
                items.append(text)
        self.run = block

    def _structured(self, plain: str, channel: bool) -> str | None:
        """The structured block this paragraph is an entry of, its content recorded; None for plain text."""
        if m := _SECTOR.match(plain):
            self._sector(m.group("ten"), int(m.group("so")))
            return "linh_vuc"
        if channel:
            self.contacts.append(plain)
            return "kenh_phan_anh"
        if (_PHONE.search(plain) or _EMAIL.search(plain)) and _CHANNEL_SENTENCE.search(plain):
            self.notes.append(say("nhap_kenh_trong_cau", van_ban=plain))
        if m := _SEAT.match(plain):
            self.seat = self.seat or m.group(1).strip()
        if m := _WEBSITE.search(plain):
            self.website = self.website or m.group(1)
        if staff := _staffing(plain):
            self.nhan_su = self.nhan_su or staff
            return "nhan_su"
        if self.run == "nhan_su" and self.nhan_su is not None and not self.nhan_su["chuc_danh_con_thieu"] or self.posts:
            # The posts still vacant, listed under the staffing sentence: "Còn thiếu các chức danh:" / "- …".
            if re.fullmatch(r"còn thiếu(?: các)?(?: chức danh)?\s*:", plain.strip(), re.IGNORECASE):
                self.posts = True
                return "nhan_su"
            if self.posts and (m := _ITEM.match(plain)):
                self.nhan_su["chuc_danh_con_thieu"].append(plain[m.end() :].strip(" ;."))
                return "nhan_su"
            self.posts = False
        listed = next((kind for kind in ("ke_hoach", "thong_bao") if self._only_new_document(plain, kind)), None)
        self._documents(plain)
        return listed

    def _only_new_document(self, plain: str, kind: str) -> bool:
        """A paragraph that is one not-yet-seen plan (or notice) and little else: an entry of the printed list."""
        matches = [m for m in _DOC.finditer(plain) if _KIND[m.group("loai")] == kind]
        if len(matches) != 1 or matches[0].start() > 40 or plain[matches[0].end() :].strip(" .") != "":
            return False
        m = matches[0]
        return m.group("ngay") is not None and parse_day_first(m.group("ngay")) is not None and not any(d["so"] == m.group("so") for d in self.docs[kind])

    def _documents(self, plain: str) -> None:
        for m in _DOC.finditer(plain):
            kind = _KIND[m.group("loai")]
            if any(d["so"] == m.group("so") for d in self.docs[kind]):
                continue
            printed = m.group("ngay") or next((d.group(1) for d in _DATE_BEFORE.finditer(plain[: m.start()])), None)
            if printed is None:
                self.notes.append(say("nhap_van_ban_khong_ngay", loai=m.group("loai"), so=m.group("so"), van_ban=m.group(0)))
                continue
            if parse_day_first(printed) is None:
                self.notes.append(say("nhap_ngay_sai", loai=m.group("loai"), so=m.group("so"), ngay=printed))
                continue
            trich = m.group("trich").strip()
            self.docs[kind].append({"so": m.group("so"), "ngay": parse_day_first(printed), "trich_yeu": trich[:1].upper() + trich[1:]})
            self.mentions.append((kind, len(self.docs[kind]) - 1, "tiep tuc" in fold(plain[: m.start()])))

    def _sector(self, printed: str, count: int) -> None:
        code = match_sector(printed, self.sectors)
        if code is None:
            self.notes.append(say("nhap_linh_vuc_khong_khop", ten=printed, so=count))
        elif any(s["linh_vuc"] == code for s in self.linh_vuc):
            self.notes.append(say("nhap_linh_vuc_lap", ten=printed, so=count, ma=code))
        else:
            self.linh_vuc.append({"linh_vuc": code, "so_thu_tuc": count, "ten_trong_bao_cao": printed})

    def _tail(self, lines: list[Line]) -> None:
        """Recipients, then the signature block."""
        recipients, signer = [], {}
        for line in lines:
            text = line.plain
            if _ITEM.match(text) and not signer:
                recipients.append(_ITEM.sub("", text, count=1))
            elif upper(text) and "ho_ten" not in signer:
                key = "tm" if text.startswith("TM.") else "chuc_vu"
                signer.setdefault("chuc_vu", [])
                if key == "tm":
                    signer["tm"] = text
                else:
                    signer["chuc_vu"].append(text)
            elif signer and "ho_ten" not in signer and re.fullmatch(r"\(.*\)", text):
                continue  # "(Đã ký)", "(Ký, đóng dấu)": where the signature goes
            elif signer and "ho_ten" not in signer:
                signer["ho_ten"] = text
            else:
                self.notes.append(say("nhap_doan_khong_ro", van_ban=text))
        if recipients:
            self.bao_cao["noi_nhan"] = recipients
        if signer:
            self.bao_cao["nguoi_ky"] = {k: signer[k] for k in ("tm", "chuc_vu", "ho_ten") if signer.get(k)}

    def issuer(self) -> tuple[str, str] | None:
        """(kind, name) of the commune the report comes from: its heading, else its title, else its opening."""
        heading = self.issuer_lines
        for prev, line in zip([""] + heading, heading):
            if fold(prev) in ("uy ban nhan dan", "ubnd") and fold(line).split(" ")[0] in ("xa", "phuong", "dac", "thi"):
                line = f"UBND {line}"
            if found := _issuer(line):
                return found
        for text in (self.bao_cao.get("tieu_de") or "", self.bao_cao.get("can_cu") or "", self.bao_cao.get("mo_dau") or ""):
            if found := _issuer(text):
                return found
        return None

    def channels(self) -> list[tuple[dict, list[str]]]:
        """The feedback channels the report states, as kenh_phan_anh entries, each with the lines stating it."""
        channels: list[dict] = []
        lines: list[list[str]] = []
        fresh = False  # the last channel was started by its "- <name>: <description>" line and has nothing else yet
        for printed in self.contacts:
            text = printed.replace("<", "").replace(">", "")
            if m := _ITEM.match(text):
                name, _, description = text[m.end() :].partition(": ")
                channels.append({"ten": name.strip(" :;."), **({"mo_ta": description.strip()} if description.strip() else {})})
                lines.append([printed])
                fresh = True
                continue
            fields = list(_CONTACT_FIELD.finditer(text))
            if not fields or fields[0].start() != 0:
                continue
            for field, following in zip(fields, fields[1:] + [None]):
                key = fold(field.group("key"))
                value = text[field.end() : following.start() if following else len(text)].strip(" ,;.")
                if key.startswith(("gui qua", "gui den")) and not fresh or not channels:
                    channels.append({})
                    lines.append([])
                if printed not in lines[-1]:
                    lines[-1].append(printed)
                fresh = False
                channel = channels[-1]
                if key.startswith("gui truc tuyen") and (web := _URL_PLAIN.search(value)):
                    channel["dia_chi_web"] = web.group(0)
                elif key.startswith("co quan tiep nhan"):
                    channel["co_quan"] = value
                elif key.startswith("gui den") and channel.get("ten"):
                    channel["co_quan"] = value
                elif key.startswith("gui qua") and channel.get("ten"):
                    if web := _URL_PLAIN.search(value):
                        channel["dia_chi_web"] = web.group(0)
                elif key.startswith("gui qua"):
                    web = _URL_PLAIN.search(value)
                    name = re.split(r"\s+tại(?:\s+địa chỉ)?\b|:", value)[0].strip(" ,")
                    channel["ten"] = name[:1].upper() + name[1:]
                    if web:
                        channel["dia_chi_web"] = web.group(0)
                elif key.startswith("gui den"):
                    channel["ten"] = channel["co_quan"] = value
                elif "thu dien tu" in key or "mail" in key:
                    channel.setdefault("email", []).extend(_EMAIL.findall(value))
                elif "fax" in key:
                    channel.setdefault("fax", []).extend(p.strip() for p in _PHONE.findall(value))
                elif "dien thoai" in key:
                    channel.setdefault("dien_thoai", []).extend(p.strip() for p in _PHONE.findall(value))
                elif key.startswith("dia chi"):
                    channel["dia_chi"] = value
                elif web := _URL_PLAIN.search(value):
                    channel["dia_chi_web"] = web.group(0)
        return [(c, printed) for c, printed in zip(channels, lines) if c.get("ten")]

    def documents(self, start: dt.date | None) -> dict[str, list]:
        """Plans and notices in order of first mention; "tiếp tục" or dated before the window: carried on."""
        for kind, index, carried in self.mentions:
            doc = self.docs[kind][index]
            if carried or (start and doc["ngay"] < start):
                doc["tiep_tuc"] = True
        return self.docs


_KIND = {"Kế hoạch": "ke_hoach", "Thông báo": "thong_bao"}
_URL_PLAIN = re.compile(r"https?://[^\s<>]+[^\s<>.,;:)]")


def _contact_line(plain: str) -> bool:
    folded = fold(plain)
    if folded.startswith(("gui qua", "gui den")):
        return True
    return ":" in plain[:45] and folded.startswith(_CONTACT) and not folded.startswith(_NOT_CONTACT)


def _channel_lines(lines: list[Line]) -> set[int]:
    """Which lines state a feedback channel: its field lines, and a list item ("- <name>: …") right before them."""
    fields = {i for i, line in enumerate(lines) if _contact_line(line.plain)}
    heads = {i - 1 for i in fields if i > 0 and i - 1 not in fields and _ITEM.match(lines[i - 1].plain)}
    return fields | heads


def _issuer(text: str) -> tuple[str, str] | None:
    """("phường", "Phù Liễn") from "UBND PHƯỜNG PHÙ LIỄN" or "… của UBND phường Phù Liễn báo cáo …"."""
    for m in _ISSUER.finditer(text):
        rest = text[m.end() :]
        if upper(m.group(0)):
            name = " ".join(re.split(r"[,.;:()]", rest)[0].split())
        else:  # the name's words are the capitalised ones after the kind
            name = " ".join(_leading(rest.split(), lambda w: w[:1].isupper() or w.isdigit())).strip(",.;:()")
        if name:
            return m.group(1).lower(), name.title() if upper(name) else name
    return None


def _leading(words: list[str], keep) -> list[str]:
    out = []
    for word in words:
        if not keep(word):
            break
        out.append(word)
        if word[-1:] in ",.;:)":
            break
    return out


def _marker(text: str) -> str | None:
    """The kind of list item a line is ("-", "+", "•" or "1."), so that only like items are grouped."""
    m = _ITEM.match(text)
    return None if m is None else ("1." if m.group(1)[0].isdigit() else m.group(1))


def _links(text: str) -> str:
    return _URL.sub(r"<\1>", text)


def printed_date(text: str) -> dt.date | None:
    """The first complete date a sentence prints, in words ("ngày 01 tháng 7 năm 2025") or figures ("01/7/2025")."""
    words, figures = _DATE_WORDS.search(text), re.search(r"\b\d{1,2}/\d{1,2}/\d{4}\b", text)
    if words and (figures is None or words.start() < figures.start()):
        return date_line(words.group(0))[1]
    return parse_day_first(figures.group(0)) if figures else None


def date_line(printed: str) -> tuple[str, dt.date | None]:
    """The date line as the data keeps it ("ngày … tháng 3 năm 2024"), and the date when it is complete."""
    m = _DATE_WORDS.search(printed)
    if not m:
        return " ".join(printed.split()), None
    day, month, year = m.groups()
    shown = f"ngày {day or '…'} tháng {month or '…'} năm {year}"
    date = dt.date(int(year), int(month), int(day)) if day and month and parse_day_first(f"{day}/{month}/{year}") else None
    return shown, date


def _staffing(plain: str) -> dict | None:
    """The staffing sentence: "có 21 biên chế …, 12/12 cán bộ đạt chuẩn, 07/07 công chức …, còn thiếu …"."""
    bien_che = re.search(r"(\d+)\s+biên chế", plain)
    can_bo = re.search(r"(\d+)\s*/\s*(\d+)\s+cán bộ", plain)
    cong_chuc = re.search(r"(\d+)\s*/\s*(\d+)\s+công chức", plain)
    if not (bien_che and can_bo and cong_chuc):
        return None
    missing = re.search(r"còn thiếu\s+(.+?)\.?$", plain)
    posts = re.split(r",\s*|\s+và\s+", missing.group(1)) if missing else []
    return {
        "bien_che": int(bien_che.group(1)),
        "can_bo": int(can_bo.group(2)),
        "can_bo_dat_chuan": int(can_bo.group(1)),
        "cong_chuc": int(cong_chuc.group(2)),
        "cong_chuc_dat_chuan": int(cong_chuc.group(1)),
        "chuc_danh_con_thieu": [re.sub(r"^\d+\s+(chức danh|công chức|cán bộ)\s+", "", p).strip() for p in posts if p.strip()],
    }


def sector_key(text: str) -> str:
    """A sector's name as compared: folded, without a leading "Lĩnh vực" nor "và"."""
    words = fold(text).split()
    if words[:2] == ["linh", "vuc"]:
        words = words[2:]
    return " ".join(w for w in words if w != "va")


def match_sector(printed: str, sectors: DanhMucLinhVuc) -> str | None:
    """The catalogue sector a printed name means ("Lĩnh vực giao thông vận tải" → giao-thong-van-tai)."""
    target = sector_key(printed)
    scored = [(max(difflib.SequenceMatcher(None, target, sector_key(s.ten)).ratio(),
                   difflib.SequenceMatcher(None, target, sector_key(s.ma)).ratio()), s.ma) for s in sectors.linh_vuc]
    score, code = max(scored)
    return code if score >= 0.8 else None


def appendix_footer(lines: list[Line], phu_luc: dict, notes: list[str]) -> list[str]:
    """Place and date of the appendix, who prepared it and who signed it; returns the appendix's title lines."""
    signer: dict = {}
    title: list[str] = []
    preparer_next = False
    for line in lines:
        text = line.plain
        if fold(text).startswith(("phu luc", "kem theo")) or (text.startswith("(") and "kèm theo" in text.lower()):
            continue
        if (m := PLACE_DATE.match(text)) and "ho_ten" not in signer:
            phu_luc["dia_danh"] = m.group("noi").strip()
            phu_luc["ngay_lap"] = date_line(m.group("ngay"))[1]
        elif fold(text) == "nguoi lap bieu":
            preparer_next = True
        elif not (signer or phu_luc.get("dia_danh") or preparer_next or upper(text)):
            title.append(text)  # the appendix's title, in capitals or not
        elif upper(text) and "ho_ten" not in signer:
            if not signer and not phu_luc.get("dia_danh"):
                title.append(text)  # the appendix's title lines
                continue
            preparer_next = False
            signer.setdefault("chuc_vu", []).append(text)
        elif re.fullmatch(r"\(.*\)", text) and (preparer_next or (signer and "ho_ten" not in signer)):
            continue  # "(Đã ký)", "(Ký, ghi rõ họ tên)": where the signature goes
        elif preparer_next:
            phu_luc["nguoi_lap"], preparer_next = text, False
        elif signer and "ho_ten" not in signer:
            signer["ho_ten"] = text
        else:
            notes.append(say("nhap_doan_khong_ro", van_ban=text))
    if signer.get("ho_ten"):
        tm = [t for t in signer["chuc_vu"] if t.startswith("TM.")]
        phu_luc["nguoi_ky"] = {**({"tm": tm[0]} if tm else {}), "chuc_vu": [t for t in signer["chuc_vu"] if t not in tm], "ho_ten": signer["ho_ten"]}
    return title

"""Vietnamese text without its diacritics, the one rule (what a citizen or clerk types on a phone: "đ" as "d"); the
one form texts are compared in (`fold`: official names, the importer's headings and labels); URL slugs from it:
"Đăng ký khai sinh" -> "dang-ky-khai-sinh"; and the one rule naming a commune's folder."""

import re
import unicodedata


def strip_diacritics(text: str) -> str:
    """ "Đăng ký" -> "Dang ky": every mark off, "đ" as "d"; case and everything else kept."""
    text = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c))


def fold(text: str) -> str:
    """The form two texts are compared in: "Phường Phù-Liễn" -> "phuong phu lien": no marks, "đ" as "d", no case, any
    run of punctuation a single space; "%" kept, because the importer tells a unit "%" from others by it."""
    return " ".join(re.sub(r"[^a-z0-9%]+", " ", strip_diacritics(text).lower()).split())


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", strip_diacritics(text).lower()).strip("-")


def commune_slug(ten: str, ma_don_vi: str | None) -> str:
    """The folder (and URL) of a commune: its name, "phu-lien"; followed by its 5-digit code only when the official
    list has another commune of the same name once folded (names repeat across provinces): "ba-dinh-00004".

    The result depends only on the commune and the official list, never on which folders exist already, so a
    commune gets the same folder on every portal. A commune without a code (merged before 1/7/2025) keeps its name.
    """
    from .official import name_repeats

    slug = slugify(ten)
    return f"{slug}-{ma_don_vi}" if ma_don_vi and name_repeats(ten) else slug

"""URL slugs without diacritics: "Đăng ký khai sinh" -> "dang-ky-khai-sinh"."""

import re
import unicodedata


def slugify(text: str) -> str:
    text = str(text).replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")

"""The official report's Word layout, read from docx_layout.yaml: one home for the exporter and the importer.

`cchc export` writes each part of the report with a named paragraph style and a sentence pattern from this file;
`cchc import` recognises a document written that way by the same style names and reads each value back with the
same patterns (`fill` and `match` are inverses), so the two cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path

import yaml

_LAYOUT = Path(__file__).with_name("docx_layout.yaml")
_FIELD = re.compile(r"\{(\w+)\}")


@lru_cache(maxsize=1)
def layout() -> dict:
    with _LAYOUT.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def words(key: str):
    """A fixed wording or sentence pattern (the `loi` block)."""
    return layout()["loi"][key]


def style_name(key: str, tang: int | None = None) -> str:
    name = layout()["kieu"][key]["ten"]
    return name.format(tang=tang) if tang is not None else name


def fill(pattern: str, **values) -> str:
    return pattern.format(**values)


@lru_cache(maxsize=None)
def _regex(pattern: str) -> re.Pattern:
    parts, pos = [], 0
    for m in _FIELD.finditer(pattern):
        parts.append(re.escape(pattern[pos : m.start()]))
        parts.append(f"(?P<{m.group(1)}>.*?)")
        pos = m.end()
    parts.append(re.escape(pattern[pos:]))
    return re.compile("".join(parts), re.S)


def match(pattern: str, text: str) -> dict | None:
    """The values `fill(pattern, …)` was given to produce text, or None when text is not of that shape."""
    m = _regex(pattern).fullmatch(text)
    return m.groupdict() if m else None


def prefix(pattern: str) -> str:
    """What a list pattern prints before its content ("- " for "- {noi_dung}")."""
    return pattern.split("{", 1)[0]


def date_words(day: dt.date | None) -> str:
    """ "ngày 05 tháng 3 năm 2024": days under 10 and months 1–2 with a leading 0 (Nghị định 30/2020)."""
    if day is None:
        return words("chua_ngay")
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return fill(words("ngay"), ngay=f"{day.day:02d}", thang=month, nam=day.year)


def number_cell(code: str, component: bool, first_component: bool) -> str:
    """What the form's STT column prints for a row: its code; "Trong đó" beside the first of a run of 'Trong đó' rows
    and nothing beside the others (their codes, 1.1.a, are the portal's own, never printed)."""
    if not component:
        return code
    return words("trong_do") if first_component else ""

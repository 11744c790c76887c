"""Vietnamese number formatting: "." groups thousands, "," is the decimal mark."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

Medium = Literal["page", "word", "machine"]


def vn_number(value, decimals: int | None = None) -> str:
    """1180000 -> "1.180.000"; 98.07 -> "98,1" (ratios); None -> ""."""
    if value is None:
        return ""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{value:,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".") if "." in text else text
    if text == "-0":  # a negative value that rounds to nothing
        text = "0"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def ratio(value) -> str:
    """A percentage shown with at most one decimal."""
    return vn_number(round(value, 1) if value is not None else None, 1)


def figure_number(value, *, computed_ratio: bool = False, medium: Medium = "page") -> str:
    """A figure as text, the one rule wherever a figure is written; "" for a blank.

    medium: who reads it. A person ("page": the site, "word": the Word report) reads a typed figure as the clerk typed
    it, the Vietnamese way with all its decimals (98,15; 1.180.000); only a computed ratio (computed_ratio) is
    rounded, by `ratio`'s rule (509/519 -> 98,1). A machine ("machine": CSV) reads the full value with a dot for
    decimals, never rounded (98.15; 98.07321772639692; 1180000), as JSON writes it."""
    if value is None:
        return ""
    if medium == "machine":
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if medium not in ("page", "word"):
        raise ValueError(f"unknown medium: {medium!r}")
    if computed_ratio:
        return ratio(value)
    return vn_number(value, decimals_of(round(value, 9)))  # a sum's float noise (0.1 + 0.2) is not a decimal typed


def decimals_of(value) -> int:
    """How many decimals a printed value carries (98,1 -> 1; 30 -> 0)."""
    if value is None or float(value).is_integer():
        return 0
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent  # 98.1 -> -1; 1.5e-05 -> -6
    return max(0, -exponent)


def agrees(printed, computed) -> bool:
    """True when printed is computed rounded to the precision it was printed with."""
    tolerance = 0.5 * 10 ** -decimals_of(printed) + 1e-9
    return abs(printed - computed) <= tolerance

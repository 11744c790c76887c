"""Vietnamese number formatting: "." groups thousands, "," is the decimal mark."""

from __future__ import annotations

from decimal import Decimal


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

"""The free-text formatting: paragraphs, lists, bold and safe links, parsed into a tree (table-driven)."""

from __future__ import annotations

import pytest
from pydantic_core import PydanticCustomError

from generator.core.richtext import Inline, check_links, parse


def tree(text: str) -> list:
    return [(b.kind, b.start, [[(i.kind, i.text, i.href) for i in item] for item in b.items]) for b in parse(text)]


T = lambda text: ("text", text, "")  # noqa: E731
B = lambda text: ("strong", text, "")  # noqa: E731
L = lambda text, href: ("link", text, href)  # noqa: E731


@pytest.mark.parametrize("text, expected", [
    ("", []),
    ("a\nb", [("p", 1, [[T("a b")]])]),
    ("a\n\n\n\nb", [("p", 1, [[T("a")]]), ("p", 1, [[T("b")]])]),
    ("- a\n- b", [("ul", 1, [[T("a")], [T("b")]])]),
    ("+ a\n• b", [("ul", 1, [[T("a")], [T("b")]])]),
    ("1. a\n2. b", [("ol", 1, [[T("a")], [T("b")]])]),
    ("3) a\n4) b", [("ol", 3, [[T("a")], [T("b")]])]),
    ("1. a\n\n2. b", [("ol", 1, [[T("a")]]), ("ol", 2, [[T("b")]])]),
    # a long item wrapped onto the next line continues the item (it was a paragraph beginning "- a")
    ("- a\n  b\n- c", [("ul", 1, [[T("a b")], [T("c")]])]),
    ("1. a\nb", [("ol", 1, [[T("a b")]])]),
    ("a\n- b", [("p", 1, [[T("a - b")]])]),
    ("**a** b", [("p", 1, [[B("a"), T(" b")]])]),
    ("**a**b**c**", [("p", 1, [[B("a"), T("b"), B("c")]])]),
    ("a * b ** c", [("p", 1, [[T("a * b ** c")]])]),
    ("[x](https://a.vn)", [("p", 1, [[L("x", "https://a.vn")]])]),
    ("x <https://a.vn>.", [("p", 1, [[T("x "), L("https://a.vn", "https://a.vn"), T(".")]])]),
    ("<mailto:a@b.vn>", [("p", 1, [[L("a@b.vn", "mailto:a@b.vn")]])]),
    ("<tel:0208.3.854.636>", [("p", 1, [[L("0208.3.854.636", "tel:0208.3.854.636")]])]),
    ("[x](javascript:alert(1))", [("p", 1, [[T("[x](javascript:alert(1))")]])]),  # never a link
    ("<ftp://a.vn>", [("p", 1, [[T("<ftp://a.vn>")]])]),
    ("- [a](https://x.vn) **b**", [("ul", 1, [[L("a", "https://x.vn"), T(" "), B("b")]])]),
])
def test_parse(text, expected):
    assert tree(text) == expected


@pytest.mark.parametrize("text, refused", [
    ("[x](javascript:alert(1))", "javascript:alert(1))"),
    ("<data:text/html,x>", "data:text/html,x>"),
    ("[x]( file:///etc/passwd)", "file:///etc/passwd)"),
    ("[x](https://a.vn) <mailto:a@b.vn> <tel:1>", None),
    ("văn bản thường: không có liên kết", None),
])
def test_check_links(text, refused):
    if refused is None:
        assert check_links(text) == text
    else:
        with pytest.raises(PydanticCustomError) as exc:
            check_links(text)
        assert exc.value.context["gia_tri"] == refused


@pytest.mark.parametrize("href, external", [
    ("https://dichvucong.gov.vn", True), ("HTTP://a.vn", True), ("tel:0208", False), ("mailto:a@b.vn", False),
])
def test_a_link_to_another_site_is_told_apart(href, external):
    assert Inline("link", "x", href).external is external

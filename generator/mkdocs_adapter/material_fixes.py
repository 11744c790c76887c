"""Corrections to Material's markup where its templates offer no block to override.

Material's base.html writes `autocomplete="off"` on its two checkbox toggles (menu drawer, search), which HTML
allows only on text-like inputs: the W3C checker reports it on every page. Without it a browser may remember the
menu open after "back"; valid markup for assistive technology matters more.
"""

from __future__ import annotations

import re

_TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="\w+" type="checkbox" id="__\w+") autocomplete="off">')


def fix_material_markup(html: str) -> str:
    return _TOGGLE.sub(r"\1>", html)

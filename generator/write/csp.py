"""A Content-Security-Policy for each built page, allowing only its own inline scripts by hash.

Material for MkDocs writes a small inline script whose text differs per page
(it holds the relative site root), so the policy is computed per page after
the theme has rendered it: no 'unsafe-inline' for scripts, nothing from other hosts.
"""

from __future__ import annotations

import base64
import hashlib
import re

# From the end of <head> to the end of the content: navigation and content, where data is shown. A script
# there is never the theme's own, so it is never allowed to run, whatever put it there.
_DATA_REGION = re.compile(r"</head>.*</article>", re.S)
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_HEAD = re.compile(r"<head[^>]*>(\s*<meta charset=[^>]*>)?", re.I)

POLICY = (
    "default-src 'self'; script-src 'self' {wasm}{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


def script_hashes(html: str) -> list[str]:
    """Hashes of the theme's inline scripts; anything inside the content is never allowed to run."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(_DATA_REGION.sub("", html)):
        attrs = match.group("attrs")
        if "src=" in attrs or "application/json" in attrs or "application/ld+json" in attrs:
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return hashes


def add_policy(html: str, webassembly: bool = False) -> str:
    """Insert the page's CSP meta tag first in <head>, before any script runs.

    webassembly: the search page runs Pagefind's WebAssembly, which needs 'wasm-unsafe-eval' (no other page gets it).
    """
    wasm = "'wasm-unsafe-eval' " if webassembly else ""
    policy = POLICY.format(wasm=wasm, hashes=" ".join(sorted(set(script_hashes(html)))))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return _HEAD.sub(lambda m: m.group(0) + meta, html, count=1)

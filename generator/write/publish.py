"""Publish a build as a whole: site/ is replaced only when the build succeeded.

MkDocs writes straight into site_dir, so a build that fails half-way would leave
a mixed site. The plugin points MkDocs at a staging folder beside site/ and
this module swaps it in at the end, or throws it away.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def staging_dir(final: Path) -> Path:
    return final.parent / f".site-{os.getpid()}"


def swap_in(staging: Path, final: Path) -> None:
    """Replace final with staging; the old site is removed only once the new one is in place."""
    old = final.parent / f".site-old-{os.getpid()}"
    if final.exists():
        os.replace(final, old)
    os.replace(staging, final)
    shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)

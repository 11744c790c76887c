"""What one `mkdocs build` keeps for the next: the generator's results (build.Memo), in one file on disk.

Before MkDocs can list a single page, the generator reads, validates, checks and renders every commune: about 3 s
per 100 communes, the largest part of what a whole build adds to MkDocs. The next build loads those results and
redoes only the communes whose files changed (their content, hashed), as `mkdocs serve` does between saves.

The file counts only for the same generator: a fingerprint of every file of the generator package, the Python
version and the versions of the libraries that shape the results (LIBRARIES). A file made by another generator, or one that
cannot be read, is ignored (the build starts afresh; a warning for one that cannot be read); deleting it is always
safe. It is
written beside MkDocs, by a forked process, and replaced whole, so a build stopped halfway leaves the old one.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import importlib.metadata
import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path

from generator.core.priority import yield_to_mkdocs
from generator.core.problems import say

from .build import Memo
from .documents import can_fork

log = logging.getLogger("cchc")
FILE = "generator.pickle"
PACKAGE = Path(__file__).resolve().parent.parent  # generator/


# The libraries whose behaviour shapes what is kept: reading and validating, rendering, the feeds, official names.
LIBRARIES = ("pyyaml", "pydantic", "pydantic-core", "jinja2", "markupsafe", "markdown", "feedgen", "vietnam-provinces",
             "python-docx", "lxml")
REPORTS = "bao-cao"  # the folder of the period reports (.docx) kept by key (pipeline/documents.py)


def _libraries() -> list[str]:
    found = []
    for name in LIBRARIES:
        try:
            found.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name}==?")
    return found


@functools.cache
def fingerprint() -> str:
    """Which generator made a memo: its code, templates and wording, Python and the libraries (once per process:
    a build reads it for the memo and for every report's key). Its documentation (generator/README.md) makes nothing:
    an edit to it keeps the cache."""
    digest = hashlib.sha256(sys.version.encode())
    digest.update("\n".join(_libraries()).encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".md":
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def load(folder: Path) -> Memo | None:
    """The memo the last build left in folder, if this generator made it; None otherwise."""
    path = Path(folder) / FILE
    if not path.is_file():
        return None
    collecting = gc.isenabled()
    try:
        with path.open("rb") as fh:
            if pickle.load(fh) != fingerprint():
                log.info(say("bo_nho_dem_khac", tep=path))
                return None
            gc.disable()  # a million new objects, none of them garbage: collecting them as they come took 2/3 of the time
            memo = pickle.load(fh)
    except Exception as exc:  # whatever is wrong with the file, the build goes on without it
        log.warning(say("bo_nho_dem_loi", tep=path, loi=exc))
        return None
    finally:
        if collecting:
            gc.enable()
    if not isinstance(memo, Memo):
        return None
    memo.changed = False
    return memo


def report_keys(memo: Memo, reports: list, single: bool) -> list[str]:
    """One key per period report of a whole build (generate(..., reports=...) with memo): a digest of all it is made
    from, the generator (fingerprint), what every commune's pages depend on (the memo's settings: the catalogues,
    the provinces, the site's name and address…), its commune's files, whether the portal has one commune, and
    its path. A kept report is published while its key is the same (pipeline/documents.py)."""
    shared = hashlib.sha256(repr((fingerprint(), memo.settings, single)).encode()).hexdigest()  # once: serve asks at each save
    return [hashlib.sha256(repr((shared, memo.communes[r.commune.slug].files_key, r.path)).encode()).hexdigest()
            for r in reports]


def save(folder: Path, memo: Memo) -> None:
    """Write memo to folder, replacing the file whole; never fails the build (a note in the log instead). The
    template environment cannot be pickled, and the text of each written file is not kept: the next build compares
    with the disk, which may have changed in between."""
    folder = Path(folder)
    kept = dataclasses.replace(memo, env=None, written={})
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".cchc-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(fingerprint(), fh, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(kept, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / FILE)
    except Exception as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        log.warning(say("bo_nho_dem_khong_ghi", tep=folder / FILE, loi=exc))


class Saver:
    """save() in a process forked from the build, so that the build neither waits for it nor keeps the memo alive
    while MkDocs renders; where a process cannot be forked, save() in place."""

    def __init__(self, folder: Path, memo: Memo):
        self.pid = None
        if not can_fork():
            save(folder, memo)
            return
        self.pid = os.fork()
        if self.pid == 0:
            try:
                yield_to_mkdocs()
                save(folder, memo)
            finally:
                os._exit(0)

    def wait(self) -> None:
        if self.pid is not None:
            os.waitpid(self.pid, 0)
            self.pid = None

"""The period reports (.docx) of a whole build, made beside MkDocs.

MkDocs renders pages on one core, and a report is not a page: MkDocs only copies it. So in a whole `mkdocs build`
the generator leaves the reports to a worker: generate(..., reports=[]) lists them instead of making them, the
plugin starts a `Worker` (a process forked from the build, so it shares the build's checked data without copying
it), which makes them one after another and writes each into docs_dir as soon as it is made, and at the end of the
build the plugin waits for it and copies the reports into the site. A report that fails to be made fails the
build, which then leaves site/ as it was. A process with other threads running is not forked (`can_fork`): there
the reports are made in the build's own process, as `cchc render` does.

With the plugin's cache, each report made is kept (`<cache_dir>/bao-cao/<key>.docx`, the key: pipeline/cache.py
report_keys, what the report is made from); the next build publishes a kept report instead of making it again, and
forks no worker at all when every report is kept (a worker of 1,000 reports cost 15 s of CPU, and copy-on-write
page faults in the build while it ran).

`mkdocs serve` lists them too, so that it can start from what a build kept (its settings are then the build's), but
makes them in its own process (`make_here`): it cannot fork beside livereload's threads, and a save changes one
commune's reports at most.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import threading
import traceback
from pathlib import Path

from generator.core.priority import yield_to_mkdocs
from generator.core.problems import InternalError, UserError, say
from generator.render.export_docx import Report
from generator.write.writer import write_file


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def _make(reports: list[tuple[Report, str | None]], docs_dir: Path, kept: Path | None) -> tuple:
    """The worker: each report made and written in turn (and kept, under its key); what went wrong, if anything."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stopped: the file being written is removed (writer)
    try:
        for report, key in reports:
            content = report.content()
            write_file(docs_dir, report.path, content)
            if kept is not None:
                try:
                    write_file(kept, f"{key}.docx", content)
                except OSError:  # a report that cannot be kept is only made again next time
                    pass
    except OSError as exc:
        return ("user", say("tep_khong_ghi_duoc", tep=exc.filename or docs_dir, loi=exc.strerror or exc))
    except Exception:
        return ("bug", traceback.format_exc())
    return ("ok",)


class Worker:
    """A forked process making the reports. Forked by hand rather than with multiprocessing, which would keep the
    reports (and through them every commune's data) alive in the build until the end: here the build drops them and
    MkDocs reuses the memory."""

    def __init__(self, reports: list[Report], docs_dir: Path, kept: Path | None = None, keys: list[str] | None = None):
        """kept: the folder of the reports earlier builds made, by key (keys: one per report, in order)."""
        self.paths = [r.path for r in reports]
        self.docs_dir = Path(docs_dir)
        self.pid = None
        todo = _publish_kept(reports, keys, kept, self.docs_dir) if kept is not None else [(r, None) for r in reports]
        if not todo:
            return
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            yield_to_mkdocs()
            os.close(read)
            try:
                outcome = _make(todo, self.docs_dir, kept)
                with os.fdopen(write, "w", encoding="utf-8") as pipe:
                    json.dump(outcome, pipe)
            finally:
                os._exit(0)
        os.close(write)
        self.pipe = read

    def _outcome(self) -> list:
        if self.pid is None:  # every report was kept: nothing made
            return ["ok"]
        with os.fdopen(self.pipe, encoding="utf-8") as pipe:
            said = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        return json.loads(said) if said else ["bug", f"the report worker stopped (status {status})"]

    def finish(self, site_dir: Path) -> None:
        """Wait for the reports, then copy them into the site; raise if one could not be made."""
        outcome = self._outcome()
        if outcome[0] == "user":
            raise UserError(outcome[1])
        if outcome[0] == "bug":
            raise InternalError(outcome[1])
        for path in self.paths:
            target = Path(site_dir) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.docs_dir / path, target)  # a copy, not a link: the site's file gets the site's mode

    def stop(self) -> None:
        """The build failed: the reports are not needed."""
        if self.pid is not None:
            os.kill(self.pid, signal.SIGTERM)
        self._outcome()


def _publish_kept(reports: list[Report], keys: list[str], kept: Path, docs_dir: Path) -> list[tuple[Report, str]]:
    """Write into docs_dir each report kept under its key; the others, with their keys, are left to make. What
    else the folder holds (reports of an earlier state of the data, what a stopped worker left) is removed."""
    todo, names = [], {f"{key}.docx" for key in keys}
    for report, key in zip(reports, keys, strict=True):
        try:
            content = (kept / f"{key}.docx").read_bytes()
        except OSError:
            todo.append((report, key))
            continue
        try:
            write_file(docs_dir, report.path, content)
        except OSError as exc:
            raise UserError(say("tep_khong_ghi_duoc", tep=exc.filename or docs_dir, loi=exc.strerror or exc)) from None
    if kept.is_dir():
        for stale in kept.iterdir():
            if stale.name not in names and stale.is_file():
                stale.unlink(missing_ok=True)
    return todo


def make_here(reports: list[Report], keys: list[str], docs_dir: Path, kept: Path | None, made: dict[str, str]) -> list[str]:
    """`mkdocs serve`: write into docs_dir each report whose key is not the one made (path -> key, brought up to date)
    holds for its path, from kept when a build kept it, else made now (and kept). The paths written. Nothing is
    removed from kept: what serve does not need may be a build's next."""
    written = []
    try:
        for report, key in zip(reports, keys, strict=True):
            if made.get(report.path) == key:
                continue
            try:
                content = (kept / f"{key}.docx").read_bytes() if kept is not None else None
            except OSError:
                content = None
            if content is None:
                content = report.content()
                if kept is not None:
                    try:
                        write_file(kept, f"{key}.docx", content)
                    except OSError:  # only made again next time
                        pass
            if write_file(docs_dir, report.path, content):
                written.append(report.path)
            made[report.path] = key
    except OSError as exc:
        raise UserError(say("tep_khong_ghi_duoc", tep=exc.filename or docs_dir, loi=exc.strerror or exc)) from None
    return written

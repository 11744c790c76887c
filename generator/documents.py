"""The period reports (.docx) of a whole build, made beside MkDocs.

MkDocs renders pages on one core, and a report is not a page: MkDocs only copies it. So in a whole `mkdocs build`
the generator leaves the reports to a worker: generate(..., reports=[]) lists them instead of making them, the
plugin starts a `Worker` (a process forked from the build, so it shares the build's checked data without copying
it), which makes them one after another and writes each into docs_dir as soon as it is made, and at the end of the
build the plugin waits for it and copies the reports into the site. A report that fails to be made fails the
build, which then leaves site/ as it was. A process with other threads running is not forked (`can_fork`): there
the reports are made in the build's own process, as `cchc render` does.
"""

from __future__ import annotations

import multiprocessing
import shutil
import signal
import sys
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path

from .export_docx import report_docx
from .problems import InternalError, UserError, say
from .writer import write_file


@dataclass(frozen=True)
class Report:
    path: str  # relative to the docs dir
    commune: object  # CommuneView
    period: object  # PeriodView, with a report (`bao_cao`)
    sector_names: dict[str, str]

    def content(self) -> bytes:
        return report_docx(self.commune, self.period, self.sector_names)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _make(reports: list[Report], docs_dir: Path, sender) -> None:
    """The worker: each report made and written in turn; then ("ok",) or what went wrong, to the build."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stopped: the file being written is removed (writer)
    try:
        for report in reports:
            write_file(docs_dir, report.path, report.content())
    except OSError as exc:
        sender.send(("user", say("tep_khong_ghi_duoc", tep=exc.filename or docs_dir, loi=exc.strerror or exc)))
    except Exception:
        sender.send(("bug", traceback.format_exc()))
    else:
        sender.send(("ok",))
    finally:
        sender.close()


class Worker:
    def __init__(self, reports: list[Report], docs_dir: Path):
        self.paths = [r.path for r in reports]
        self.docs_dir = Path(docs_dir)
        context = multiprocessing.get_context("fork")
        self.receiver, sender = context.Pipe(duplex=False)
        self.process = context.Process(target=_make, args=(reports, self.docs_dir, sender), daemon=True)
        self.process.start()
        sender.close()

    def finish(self, site_dir: Path) -> None:
        """Wait for the reports, then copy them into the site; raise if one could not be made."""
        try:
            outcome = self.receiver.recv()
        except EOFError:
            outcome = None
        self.process.join()
        if outcome is None:
            outcome = ("bug", f"the report worker stopped (exit code {self.process.exitcode})")
        if outcome[0] == "user":
            raise UserError(outcome[1])
        if outcome[0] == "bug":
            raise InternalError(outcome[1])
        for path in self.paths:
            target = Path(site_dir) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.docs_dir / path, target)

    def stop(self) -> None:
        """The build failed: the reports are not needed."""
        self.process.terminate()
        self.process.join()

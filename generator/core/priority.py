"""Work a build does beside MkDocs yields to it.

MkDocs renders the pages on one core, and the build waits for it; the .docx reports, the results kept for the next
build and the search indexes run beside it. On a machine of two cores, four such processes would otherwise take
turns with MkDocs on both cores; at a lower priority they share what MkDocs leaves.
"""

from __future__ import annotations

import os

NICENESS = 10


def yield_to_mkdocs(pid: int = 0) -> None:
    """Lower the priority of a process (0: this one); where the system has no priorities, nothing."""
    if hasattr(os, "setpriority"):
        try:
            os.setpriority(os.PRIO_PROCESS, pid, min(19, os.getpriority(os.PRIO_PROCESS, pid) + NICENESS))
        except OSError:  # the process has ended already
            pass

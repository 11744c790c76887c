"""Progress of a long generation: a bar on a terminal, a plain line every tenth in CI logs."""

from __future__ import annotations

import sys


class Progress:
    def __init__(self, label: str, stream=None, every: int = 10):
        self.label = label
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.every = every
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        if total < 2:
            return
        percent = done * 100 // total
        if self.tty:
            bar = "#" * (percent // 5)
            self.stream.write(f"\r{self.label} [{bar:<20}] {done}/{total}")
            if done == total:
                self.stream.write("\n")
        elif percent // self.every != self.shown // self.every or done == total:
            self.stream.write(f"{self.label}: {done}/{total}\n")
        self.shown = percent
        self.stream.flush()

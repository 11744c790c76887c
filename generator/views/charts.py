"""Geometry of the history charts: where each point goes in the SVG, computed once here.

The SVG markup itself is written by the template (_chart.md.j2); this module only
turns a few series of numbers into coordinates and axis ticks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

WIDTH, HEIGHT = 480, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 48
DASHES = ["", "6 4", "2 3", "10 3 2 3"]  # told apart without colour


@dataclass
class Series:
    label: str
    values: list  # one per period, None where not reported
    dash: str = ""
    points: list = field(default_factory=list)  # (x, y, value) of reported values
    texts: list = field(default_factory=list)  # each value as pages write it, None where not reported (set by the view)
    said: list = field(default_factory=list)  # (period, value with its unit, published mark or None) of each reported value (set by the view)
    published: list = field(default_factory=list)  # each value's published mark (a share given only as published), else None (set by the view)

    @property
    def path(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in self.points)


@dataclass
class Chart:
    title: str
    unit: str
    periods: list[str]
    series: list[Series]
    ticks: list = field(default_factory=list)  # (y, value)
    xs: list = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    bottom_y: int = HEIGHT - BOTTOM
    right_x: int = WIDTH - RIGHT

    @property
    def drawn(self) -> bool:
        """A line to draw: some series has two points or more. Below that an axis with one dot (or none) says nothing
        a sentence does not say better: pages write the figures in words instead."""
        return any(len(s.points) >= 2 for s in self.series)


def _nice_ceiling(value: float) -> float:
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    return next(step * magnitude for step in (1, 2, 2.5, 5, 10) if value <= step * magnitude)


def build_chart(title: str, unit: str, periods: list[str], series: list[tuple[str, list]], fixed_max: float | None = None) -> Chart:
    """periods oldest first; series: (label, values per period). The axis runs from 0 (or below, for a negative value)
    to fixed_max, or higher when a value is above it (a printed 134 % is drawn, not off the chart)."""
    values = [v for _, vs in series for v in vs if v is not None]
    top = _nice_ceiling(max(values, default=0))
    if fixed_max is not None:
        top = fixed_max if max(values, default=0) <= fixed_max else top
    low = -_nice_ceiling(-min(values)) if min(values, default=0) < 0 else 0
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    n = len(periods)
    xs = [LEFT + (plot_w * (i + 0.5) / n) for i in range(n)]

    def y(value):
        return TOP + plot_h * (top - value) / (top - low)

    chart = Chart(title, unit, periods, [], xs=xs)
    chart.ticks = [(y(low + (top - low) * k / 4), low + (top - low) * k / 4) for k in range(5)]
    for i, (label, vs) in enumerate(series):
        s = Series(label, vs, DASHES[i % len(DASHES)])
        s.points = [(xs[j], y(v), v) for j, v in enumerate(vs) if v is not None]
        chart.series.append(s)
    return chart

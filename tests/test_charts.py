"""The history charts' geometry: every reported value inside the plot, blanks left out, ticks on the axis."""

from __future__ import annotations

import pytest

from generator.views.charts import BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH, build_chart

PLOT_TOP, PLOT_BOTTOM = TOP, HEIGHT - BOTTOM


@pytest.mark.parametrize("values, fixed_max, top, low", [
    ([98.1, 100, 94.3], 100, 100, 0),
    ([134, 50], 100, 200, 0),  # a printed 134 % stays on the chart
    ([504, 1200], None, 2000, 0),
    ([0, 0], None, 1, 0),
    ([None, None, 3], None, 5, 0),
    ([-5, 10], None, 10, -5),
    ([0.3], None, 0.5, 0),
])
def test_every_value_is_inside_the_plot_and_the_ticks_span_the_axis(values, fixed_max, top, low):
    chart = build_chart("T", "%", [f"k{i}" for i in range(len(values))], [("a", values)], fixed_max)
    assert [value for _, value in chart.ticks][0] == low and chart.ticks[-1][1] == top
    assert chart.ticks[0][0] == pytest.approx(PLOT_BOTTOM) and chart.ticks[-1][0] == pytest.approx(PLOT_TOP)
    for x, y, value in chart.series[0].points:
        assert LEFT <= x <= WIDTH - RIGHT and PLOT_TOP - 1e-9 <= y <= PLOT_BOTTOM + 1e-9, (value, y)


def test_a_blank_is_left_out_not_drawn_as_zero():
    chart = build_chart("T", "%", ["a", "b", "c"], [("s", [90, None, 95])], 100)
    assert [v for _, _, v in chart.series[0].points] == [90, 95]
    assert chart.series[0].values == [90, None, 95]


def test_series_are_told_apart_without_colour():
    chart = build_chart("T", "", ["a"], [(str(i), [i]) for i in range(5)])
    dashes = [s.dash for s in chart.series]
    assert len(set(dashes[:4])) == 4 and dashes[4] == dashes[0]


def test_no_periods_no_points():
    chart = build_chart("T", "", [], [("s", [])])
    assert chart.xs == [] and chart.series[0].points == []

"""Server-rendered SVG charts: the geometry is computed here, the markup is written by the
Jinja macros in `templates/study/_charts.html` (so every label is escaped).

A chart carries a title and a description for screen readers (`<title>`, `<desc>`); the
page also prints the same figures as a table. No JavaScript is involved.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

LABEL_CHARS = 34  # longer labels are cut, with the full text kept in a tooltip


@dataclass(frozen=True)
class Bar:
    label: str  # as drawn (possibly cut)
    full_label: str
    value_text: str
    y: float
    width: float


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    desc: str
    width: int
    height: int
    label_width: int
    plot_width: int
    bar_height: int
    bars: list[Bar]
    ticks: list[tuple[float, str]]  # (x, label) along the value axis


@dataclass(frozen=True)
class Column:
    label: str  # the x-axis label, or "" when this column is not labelled
    full_label: str
    x: float
    width: float
    y: float  # top of the column
    height: float
    value: int
    line_value: int
    line_y: float


@dataclass(frozen=True)
class ColumnChart:
    id: str
    title: str
    desc: str
    width: int
    height: int
    left: int
    top: int
    plot_width: int
    plot_height: int
    columns: list[Column]
    ticks: list[tuple[float, str]]  # (y, label) along the value axis
    column_name: str
    line_name: str

    @property
    def line_points(self) -> str:
        return " ".join(f"{c.x + c.width / 2:.1f},{c.line_y:.1f}" for c in self.columns)


def percent(value: float) -> str:
    return f"{round(value * 100)}%"


def bar_chart(
    chart_id: str,
    title: str,
    rows: Sequence[tuple[str, float]],
    maximum: float = 1.0,
    fmt: Callable[[float], str] = percent,
    desc_intro: str = "",
) -> BarChart:
    """Horizontal bars, one per (label, value); values run from 0 to `maximum`."""
    label_width, plot_width, bar_height, gap, top = 260, 320, 18, 8, 8
    scale = plot_width / maximum if maximum > 0 else 0
    bars = [
        Bar(
            label=_cut(label),
            full_label=label,
            value_text=fmt(value),
            y=top + n * (bar_height + gap),
            width=max(0.0, min(value, maximum)) * scale,
        )
        for n, (label, value) in enumerate(rows)
    ]
    height = top + len(bars) * (bar_height + gap) + 24
    ticks = [(label_width + f * plot_width, fmt(f * maximum)) for f in (0, 0.25, 0.5, 0.75, 1)]
    desc = desc_intro + "; ".join(f"{b.full_label}: {b.value_text}" for b in bars) + "."
    return BarChart(
        chart_id,
        title,
        desc,
        label_width + plot_width + 60,
        height,
        label_width,
        plot_width,
        bar_height,
        bars,
        ticks,
    )


def column_chart(
    chart_id: str,
    title: str,
    points: Sequence[tuple[str, int, int]],
    column_name: str,
    line_name: str,
) -> ColumnChart:
    """Columns for the first figure of each (label, figure, line figure) and a line for
    the second (which is never larger than the first: answered and correct)."""
    left, top, plot_width, plot_height = 44, 12, 600, 180
    peak = _nice_ceiling(max((p[1] for p in points), default=0))
    slot = plot_width / max(1, len(points))
    every = max(1, math.ceil(len(points) / 10))  # at most about ten labels on the axis
    width = min(slot * 0.7, 48)
    columns = []
    for n, (label, value, line_value) in enumerate(points):
        height = plot_height * value / peak
        columns.append(
            Column(
                label=label if n % every == 0 or n == len(points) - 1 else "",
                full_label=label,
                x=left + n * slot + (slot - width) / 2,
                width=width,
                y=top + plot_height - height,
                height=height,
                value=value,
                line_value=line_value,
                line_y=top + plot_height - plot_height * line_value / peak,
            )
        )
    ticks = [(top + plot_height - plot_height * f, f"{peak * f:g}") for f in (0, 0.5, 1)]
    each_day = (f"{p[0]}: {p[1]} {column_name.lower()}, {p[2]} {line_name.lower()}" for p in points)
    desc = f"{column_name} (columns) and {line_name} (line) per day: " + "; ".join(each_day) + "."
    return ColumnChart(
        chart_id,
        title,
        desc,
        left + plot_width + 10,
        top + plot_height + 40,
        left,
        top,
        plot_width,
        plot_height,
        columns,
        ticks,
        column_name,
        line_name,
    )


def _cut(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50 ... that is at least `value` (at least 1)."""
    if value <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude

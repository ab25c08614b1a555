"""Burn-up chart (累積グラフ) of the scan history, as geometry for an inline SVG template.

Only numbers and labels leave this module; the template draws them, so every label passes
through autoescape and the page needs no chart library.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..wareki import era_year, to_wareki, year_label

WIDTH, HEIGHT = 960, 320
LEFT, RIGHT, TOP, BOTTOM = 48, 24, 16, 40


@dataclass
class Series:
    """One line: key (CSS class), Japanese label, polyline points and the last value."""
    key: str
    label: str
    points: list[tuple[float, float]]
    last: int

    @property
    def polyline(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in self.points)


@dataclass
class Tick:
    position: float
    label: str


@dataclass
class BurnUpChart:
    width: int
    height: int
    left: int
    right: float        # x of the plot's right edge
    top: int
    bottom: float       # y of the plot's baseline
    series: list[Series] = field(default_factory=list)
    target_y: float = 0.0
    target: int = 0
    deadline_x: float = 0.0
    deadline_label: str = ""
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)


def nice_step(span: float, max_ticks: int = 6) -> int:
    """1, 2, 5, 10, 20, 50 … : the smallest round step giving at most ``max_ticks`` intervals."""
    magnitude = 1
    while True:
        for unit in (1, 2, 5):
            if span / (unit * magnitude) <= max_ticks:
                return unit * magnitude
        magnitude *= 10


def _next_month(day: date) -> date:
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)


def month_starts(first: date, last: date, max_ticks: int = 7) -> list[date]:
    """First days of months inside [first, last], thinned to at most ``max_ticks``."""
    months = []
    day = first if first.day == 1 else _next_month(first)
    while day <= last:
        months.append(day)
        day = _next_month(day)
    step = max(1, math.ceil(len(months) / max_ticks))
    return months[::step]


def month_label(day: date, previous: date | None) -> str:
    """令和8年11月 where the era year changes (and on the first tick), 12月 elsewhere."""
    era, year = era_year(day)
    if previous is not None and era_year(previous) == (era, year):
        return f"{day.month}月"
    return f"{year_label(era, year)}{day.month}月"


def burn_up(history: list[dict], target: int, deadline: date) -> BurnUpChart:
    """Lines for 検出, 見直し予定+撤廃済, 撤廃済 over the scan dates, the target and the deadline.

    ``history``: one dict per scan run with ``date`` (date), ``found``, ``revise``, ``abolished``.
    The time axis runs from the first scan to the deadline, so the distance left is visible.
    """
    chart = BurnUpChart(WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM, target=target,
                        deadline_label=f"期限 {to_wareki(deadline)}")
    days = [h["date"] for h in history]
    first = min(days + [deadline])
    last = max(days + [deadline, first + timedelta(days=30)])
    top_value = max([target] + [h["found"] for h in history])
    step = nice_step(top_value)
    y_max = step * math.ceil(top_value * 1.05 / step) or step

    def x(day: date) -> float:
        return chart.left + (chart.right - chart.left) * (day - first).days / (last - first).days

    def y(value: float) -> float:
        return chart.bottom - (chart.bottom - chart.top) * value / y_max

    lines = (("found", "検出", lambda h: h["found"]),
             ("scheduled", "見直し予定+撤廃済", lambda h: h["revise"] + h["abolished"]),
             ("abolished", "撤廃済", lambda h: h["abolished"]))
    for key, label, value in lines:
        chart.series.append(Series(key, label, [(x(h["date"]), y(value(h))) for h in history],
                                   value(history[-1]) if history else 0))
    chart.target_y = y(target)
    chart.deadline_x = x(deadline)
    chart.y_ticks = [Tick(y(v), str(v)) for v in range(0, y_max + 1, step)]
    ticks, previous = [], None
    for day in month_starts(first, last):
        ticks.append(Tick(x(day), month_label(day, previous)))
        previous = day
    chart.x_ticks = ticks
    return chart

"""Geometry of small SVG charts, drawn by the server (no script, no library). Pure.

The templates in admin/_charts.html turn these dicts into <svg> elements; the
numbers here are in the SVG's own units (its viewBox), so the chart scales
with the page.
"""
import math
from dataclasses import dataclass, field

WIDTH, HEIGHT = 760, 280
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 48, 12, 14, 44


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    left: float = MARGIN_LEFT
    top: float = MARGIN_TOP
    right: float = WIDTH - MARGIN_RIGHT
    bottom: float = HEIGHT - MARGIN_BOTTOM
    top_value: int = 1
    ticks: list = field(default_factory=list)    # {"value", "y"}
    labels: list = field(default_factory=list)   # {"x", "text", "sub"}
    bars: list = field(default_factory=list)     # {"x", "y", "w", "h", "key", "day", "value"}
    lines: list = field(default_factory=list)    # {"key", "index", "points": [{"x", "y", "day", "value"}], "path"}
    empty: bool = True


def nice_scale(largest: float, max_ticks: int = 5) -> tuple[int, int]:
    """(top of the axis, step between ticks): whole numbers 1, 2 or 5 times a power of ten."""
    if largest <= 0:
        return 1, 1
    raw = largest / max_ticks
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(1, int(step))
    return int(math.ceil(largest / step) * step), step


def _frame(days: list[str], largest: float, day_label) -> Chart:
    chart = Chart()
    chart.top_value, step = nice_scale(largest)
    for value in range(0, chart.top_value + 1, step):
        chart.ticks.append({"value": value, "y": round(_y(chart, value), 2)})
    band = (chart.right - chart.left) / max(1, len(days))
    every = 1 if len(days) <= 10 else math.ceil(len(days) / 8)
    for i, day in enumerate(days):
        if i % every == 0 or i == len(days) - 1 and (len(days) - 1) % every >= every / 2:
            text, sub = day_label(day)
            chart.labels.append({"x": round(chart.left + band * (i + 0.5), 2), "text": text, "sub": sub})
    return chart


def _y(chart: Chart, value: float) -> float:
    return chart.bottom - (chart.bottom - chart.top) * value / chart.top_value


def stacked_bars(days: list[str], keys: list[str], values: dict, day_label=lambda d: (d, "")) -> Chart:
    """One bar per day, stacked by `keys` (bottom first); values[(day, key)] = count."""
    totals = [sum(values.get((d, k), 0) for k in keys) for d in days]
    chart = _frame(days, max(totals, default=0), day_label)
    chart.empty = not any(totals)
    band = (chart.right - chart.left) / max(1, len(days))
    width = band * 0.68
    for i, day in enumerate(days):
        x = chart.left + band * i + (band - width) / 2
        base = 0
        for key in keys:
            value = values.get((day, key), 0)
            if not value:
                continue
            y_top, y_bottom = _y(chart, base + value), _y(chart, base)
            chart.bars.append({"x": round(x, 2), "y": round(y_top, 2), "w": round(width, 2),
                               "h": round(y_bottom - y_top, 2), "key": key, "day": day, "value": value})
            base += value
    return chart


def lines(days: list[str], keys: list[str], values: dict, day_label=lambda d: (d, "")) -> Chart:
    """One line per key across the days (a missing count is 0); values[(day, key)] = count."""
    chart = _frame(days, max((values.get((d, k), 0) for d in days for k in keys), default=0), day_label)
    chart.empty = not any(values.get((d, k), 0) for d in days for k in keys)
    band = (chart.right - chart.left) / max(1, len(days))
    for index, key in enumerate(keys):
        points = [{"x": round(chart.left + band * (i + 0.5), 2), "y": round(_y(chart, values.get((d, key), 0)), 2),
                   "day": d, "value": values.get((d, key), 0)} for i, d in enumerate(days)]
        path = " ".join(("M" if i == 0 else "L") + f"{p['x']} {p['y']}" for i, p in enumerate(points))
        chart.lines.append({"key": key, "index": index, "points": points, "path": path})
    return chart

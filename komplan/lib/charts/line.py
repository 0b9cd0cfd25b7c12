"""Line chart for time series, with an optional projected part.

Each series has its own colour and marker shape and is named by a direct label at its right end, so
no legend lookup and no colour matching is needed. The projected part is shaded, its lines are
dashed and its markers hollow, and a visible label says "projection". The y axis starts at zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext

from . import palette, scale, svg
from .core import Chart, ChartOptions, NumberFormat, TableData, check_length, empty_chart, finish

MARGIN = 16
Y_LABEL_ROW = 18
PROJECTION_ROW = 40
PLOT_TOP = 50
PLOT_HEIGHT = 260
X_LABEL_ROW = 34
INNER = 10  # room between the plot edge and the first/last point, so markers are not cut
LABEL_GAP = 10
MAX_LABEL_WIDTH = 190
MARKERS = ("circle", "square", "triangle", "diamond")
MAX_MARKED_POINTS = 30
PROJECTED_DASH = "7 5"
SERIES_DASH = "2 4"


@dataclass(frozen=True)
class Series:
    """One line: its label (also its direct label), values per x (None = no figure), and its look."""

    label: str
    values: Sequence[float | None]
    dashed: bool = False
    marker: str | None = None  # one of MARKERS; by default they follow the series' position


@dataclass(frozen=True)
class _Spec:
    title: str
    description: str
    y_label: str
    x_labels: tuple[str, ...]
    series: tuple[Series, ...]
    x_positions: Sequence[float] | None
    projected_from: int | None
    projection_label: str


@dataclass(frozen=True)
class _Plot:
    left: float
    right: float
    xs: tuple[float, ...]
    y: scale.Linear
    projected_from: int | None

    @property
    def top(self) -> float:
        return PLOT_TOP

    @property
    def bottom(self) -> float:
        return PLOT_TOP + PLOT_HEIGHT

    def projected(self, index: int) -> bool:
        return self.projected_from is not None and index >= self.projected_from


def line_chart(
    x_labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    description: str,
    y_label: str,
    projected_from_index: int | None = None,
    x_positions: Sequence[float] | None = None,
    projection_label: str | None = None,
    options: ChartOptions | None = None,
) -> Chart:
    """Lines over ``x_labels``; points from ``projected_from_index`` on are projected.

    The dashed part starts at the last observed point. ``x_positions`` (e.g. the years as numbers)
    space the points in proportion, for series whose steps change (yearly, then every five years);
    by default the points are evenly spaced. ``projection_label`` replaces the word "projection".
    """
    options = options or ChartOptions()
    n = len(x_labels)
    for item in series:
        check_length(f"series {item.label!r}", item.values, n)
        if item.marker is not None and item.marker not in MARKERS:
            raise ValueError(f"marker must be one of {MARKERS}, not {item.marker!r}")
    check_length("x_positions", x_positions, n)
    if x_positions is not None and any(b <= a for a, b in zip(x_positions, x_positions[1:], strict=False)):
        raise ValueError("x_positions must increase")
    if projected_from_index is not None and not 0 <= projected_from_index < n:
        raise ValueError(f"projected_from_index {projected_from_index} is outside 0..{n - 1}")
    prefix = svg.make_prefix(options.id_prefix)
    spec = _Spec(
        str(title),
        str(description),
        str(y_label),
        tuple(str(x) for x in x_labels),
        tuple(series),
        x_positions,
        projected_from_index,
        str(projection_label or gettext("projection")),
    )
    table = _table(spec, options)
    if not any(v is not None for item in series for v in item.values):
        return empty_chart(prefix, spec.title, spec.description, table.header, options.fmt)
    return _draw(prefix, spec, table)


def _table(spec: _Spec, options: ChartOptions) -> TableData:
    header = [str(options.category_label or gettext("Year")), *(str(s.label) for s in spec.series)]
    projected_from = spec.projected_from
    if projected_from is not None:
        header.append(gettext("Kind"))
    kinds = (gettext("observed"), spec.projection_label)
    rows = []
    for i, x in enumerate(spec.x_labels):
        row = [x, *(s.values[i] for s in spec.series)]
        if projected_from is not None:
            row.append(kinds[i >= projected_from])
        rows.append(tuple(row))
    return TableData(spec.title, tuple(header), tuple(rows), options.fmt)


def _positions(n: int, left: float, right: float, x_positions: Sequence[float] | None) -> tuple[float, ...]:
    if n == 1:
        return ((left + right) / 2,)
    start, end = left + INNER, right - INNER
    if x_positions is None:
        return tuple(start + i * (end - start) / (n - 1) for i in range(n))
    x = scale.Linear(x_positions[0], x_positions[-1], start, end)
    return tuple(x(p) for p in x_positions)


def _draw(prefix: str, spec: _Spec, table: TableData) -> Chart:
    fmt = table.number_format
    values = [v for s in spec.series for v in s.values]
    low, high = scale.domain(values)
    ticks = scale.ticks(low, high)
    left = MARGIN + max(svg.text_width(fmt(t), svg.SMALL) for t in ticks) + 8
    label_width = min(MAX_LABEL_WIDTH, max(svg.text_width(str(s.label)) for s in spec.series))
    right = svg.WIDTH - MARGIN - label_width - LABEL_GAP
    y = scale.Linear(ticks[0], ticks[-1], PLOT_TOP + PLOT_HEIGHT, PLOT_TOP)
    xs = _positions(len(spec.x_labels), left, right, spec.x_positions)
    plot = _Plot(left, right, xs, y, spec.projected_from)
    shown = _shown_x_labels(plot, spec.x_labels, spec.x_positions is None)
    parts = [
        svg.text(MARGIN, Y_LABEL_ROW, spec.y_label, size=svg.SMALL, max_width=svg.WIDTH - 2 * MARGIN),
        _projection(plot, spec.projection_label) if spec.projected_from is not None else "",
        _grid(plot, ticks, fmt),
        _x_axis(plot, spec.x_labels, shown),
    ]
    for index, item in enumerate(spec.series):
        parts.append(_series(plot, item, index, shown))
    parts.append(_direct_labels(plot, spec.series, label_width))
    height = plot.bottom + X_LABEL_ROW
    return finish(prefix, (svg.WIDTH, height), spec.title, spec.description, "".join(parts), table)


def _projection(plot: _Plot, label: str) -> str:
    start = plot.xs[max(plot.projected_from - 1, 0)]
    if plot.projected_from == 0:
        start = plot.left
    return (
        svg.rect(start, plot.top, plot.right - start, plot.bottom - plot.top, fill=palette.SHADE)
        + svg.line(start, PROJECTION_ROW - 14, start, plot.bottom, stroke=palette.MUTED, stroke_width=1.5)
        + svg.text(
            start + 6,
            PROJECTION_ROW,
            label,
            size=svg.SMALL,
            bold=True,
            fill=palette.MUTED,
            max_width=svg.WIDTH - MARGIN - start - 6,
        )
    )


def _grid(plot: _Plot, ticks: list[float], fmt: NumberFormat) -> str:
    out = []
    for tick in ticks:
        y = plot.y(tick)
        colour = palette.INK if tick == 0 else palette.GRID
        out.append(svg.line(plot.left, y, plot.right, y, stroke=colour, stroke_width=1))
        out.append(svg.text(plot.left - 8, svg.middle(y, svg.SMALL), fmt(tick), size=svg.SMALL, anchor="end"))
    return "".join(out)


def _shown_x_labels(plot: _Plot, labels: list[str], even: bool) -> set[int]:
    """Indices whose x label is written: as many as fit side by side, always the last one (the horizon).

    Evenly spaced years get round ones (every 2, 5, 10… years); otherwise labels are picked from the
    right so that neighbours keep ``room`` apart.
    """
    n = len(labels)
    room = max(svg.text_width(label, svg.SMALL) for label in labels) + 12
    if n == 1:
        return {0}
    step = 1
    if even:
        spacing = (plot.xs[-1] - plot.xs[0]) / (n - 1)
        while step * spacing < room:
            step = step * 2 if str(step)[0] in "15" else step * 5 // 2  # 1, 2, 5, 10, 20, 50…
    if even and all(label.lstrip("-").isdecimal() for label in labels):
        wanted = [i for i in range(n) if int(labels[i]) % step == 0]
    elif even:
        wanted = list(range(n - 1, -1, -step))
    else:
        wanted = list(range(n - 1, -1, -1))
    shown = {n - 1}
    for i in sorted(wanted, reverse=True):
        if all(abs(plot.xs[i] - plot.xs[j]) >= room for j in shown):
            shown.add(i)
    return shown


def _x_axis(plot: _Plot, labels: list[str], shown: set[int]) -> str:
    out = []
    for i in sorted(shown):
        x = plot.xs[i]
        out.append(svg.line(x, plot.bottom, x, plot.bottom + 5, stroke=palette.INK, stroke_width=1))
        out.append(svg.text(x, plot.bottom + 20, labels[i], size=svg.SMALL, anchor="middle"))
    return "".join(out)


def _segments(plot: _Plot, values: Sequence[float | None]) -> list[tuple[bool, list[tuple[float, float]]]]:
    """Runs of connected points, each marked projected or not (a run ends at a gap or at the projection start)."""
    runs: list[tuple[bool, list[tuple[float, float]]]] = []
    for i in range(1, len(values)):
        if values[i - 1] is None or values[i] is None:
            continue
        kind = plot.projected(i)
        a, b = (plot.xs[i - 1], plot.y(values[i - 1])), (plot.xs[i], plot.y(values[i]))
        if runs and runs[-1][0] == kind and runs[-1][1][-1] == a:
            runs[-1][1].append(b)
        else:
            runs.append((kind, [a, b]))
    return runs


def _series(plot: _Plot, item: Series, index: int, shown: set[int]) -> str:
    colour = palette.SERIES[index % len(palette.SERIES)]
    marker = item.marker or MARKERS[index % len(MARKERS)]
    out = []
    for projected, points in _segments(plot, item.values):
        dash = SERIES_DASH if item.dashed else (PROJECTED_DASH if projected else None)
        d = "M" + " L".join(f"{svg.num(x)} {svg.num(y)}" for x, y in points)
        out.append(
            svg.tag(
                "path",
                d=d,
                fill="none",
                stroke=colour,
                stroke_width=2.5,
                stroke_linejoin="round",
                stroke_dasharray=dash,
            )
        )
    present = [i for i, v in enumerate(item.values) if v is not None]
    every = len(item.values) <= MAX_MARKED_POINTS
    for i in present:
        if every or i in shown or i == present[-1]:
            out.append(_marker(marker, plot.xs[i], plot.y(item.values[i]), colour, hollow=plot.projected(i)))
    return "".join(out)


def _marker(kind: str, x: float, y: float, colour: str, *, hollow: bool) -> str:
    paint = {"fill": palette.BACKGROUND if hollow else colour, "stroke": colour if hollow else palette.BACKGROUND}
    paint["stroke_width"] = 2 if hollow else 1
    if kind == "circle":
        return svg.tag("circle", cx=float(x), cy=float(y), r=4.5, **paint)
    if kind == "square":
        return svg.rect(x - 4, y - 4, 8, 8, **paint)
    shape = {
        "triangle": ((0, -5.5), (5, 3.5), (-5, 3.5)),
        "diamond": ((0, -5.5), (5.5, 0), (0, 5.5), (-5.5, 0)),
    }[kind]
    d = "M" + " L".join(f"{svg.num(x + dx)} {svg.num(y + dy)}" for dx, dy in shape) + " Z"
    return svg.tag("path", d=d, **paint)


def spread(wanted: list[float], gap: float, low: float, high: float) -> list[float]:
    """Move label positions apart so that neighbours are at least ``gap`` apart, staying in low..high."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed = [wanted[i] for i in order]
    for k in range(1, len(placed)):
        placed[k] = max(placed[k], placed[k - 1] + gap)
    if placed and placed[-1] > high:
        placed[-1] = high
        for k in range(len(placed) - 2, -1, -1):
            placed[k] = min(placed[k], placed[k + 1] - gap)
    if placed and placed[0] < low:
        shift = low - placed[0]
        placed = [p + shift for p in placed]
    result = [0.0] * len(wanted)
    for k, i in enumerate(order):
        result[i] = placed[k]
    return result


def _direct_labels(plot: _Plot, series: Sequence[Series], width: float) -> str:
    ends = []
    for index, item in enumerate(series):
        present = [v for v in item.values if v is not None]
        if present:
            ends.append((index, str(item.label), plot.y(present[-1])))
    ys = spread([y for _, _, y in ends], svg.FONT_SIZE + 3, PLOT_TOP, plot.bottom + X_LABEL_ROW - 6)
    x = plot.right + LABEL_GAP
    return "".join(
        svg.text(x, svg.middle(y), label, fill=palette.SERIES[index % len(palette.SERIES)], max_width=width)
        for (index, label, _), y in zip(ends, ys, strict=True)
    )

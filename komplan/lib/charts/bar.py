"""Bar chart for rankings and comparisons: every bar carries its value, negative values go left (or down).

Horizontal by default: long names (municipalities) read best as row labels, and the chart grows
taller with the number of bars instead of squeezing them. Highlighted bars differ in colour *and* in
bold labels; a reference line (e.g. the ORP average) is drawn dashed and labelled with its value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext

from . import palette, scale, svg
from .core import Chart, ChartOptions, NumberFormat, TableData, check_length, empty_chart, finish

MARGIN = 16
BAND = 26
BAR = 18
LABEL_SHARE = 0.38  # row labels get at most this share of the width; longer ones are cut (full text in <title>)
REFERENCE_ROW = 22
VALUE_SIZE = 13
PLOT_HEIGHT = 260  # vertical bars
MAX_COLUMN = 56
ROTATED_LABEL = 130


@dataclass(frozen=True)
class ReferenceLine:
    """A value to compare the bars with, e.g. the ORP average; ``label`` is written next to the line."""

    value: float
    label: str

    @property
    def text(self) -> str:
        return str(self.label)


@dataclass(frozen=True)
class _Spec:
    title: str
    description: str
    value_label: str
    labels: tuple[str, ...]
    values: tuple[float | None, ...]
    highlight: frozenset[int]
    reference: ReferenceLine | None
    fmt: NumberFormat

    def value_text(self, value: float | None) -> str:
        return gettext("n/a") if value is None else self.fmt(value)

    @property
    def reference_text(self) -> str | None:
        ref = self.reference
        return None if ref is None else f"{ref.text}: {self.fmt(ref.value)}"


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    title: str,
    description: str,
    value_label: str,
    highlight: str | Iterable[str] | None = None,
    horizontal: bool = True,
    reference_line: ReferenceLine | None = None,
    options: ChartOptions | None = None,
) -> Chart:
    """One bar per label, in the order given (sort a ranking before calling).

    ``highlight`` names the label(s) to stand out (e.g. the process's own municipality);
    ``value_label`` names the values (axis title and table header); ``options.category_label`` heads
    the table's first column (default "Name").
    """
    options = options or ChartOptions()
    check_length("values", values, len(labels))
    fmt = options.fmt
    prefix = svg.make_prefix(options.id_prefix)
    single = isinstance(highlight, str | Promise)  # Promise: a lazy translation
    wanted = {str(highlight)} if single else {str(h) for h in highlight or ()}
    spec = _Spec(
        str(title),
        str(description),
        str(value_label),
        tuple(str(label) for label in labels),
        tuple(values),
        frozenset(i for i, label in enumerate(labels) if str(label) in wanted),
        reference_line,
        fmt,
    )
    header = (str(options.category_label or gettext("Name")), spec.value_label)
    notes = (spec.reference_text,) if spec.reference_text else ()
    table = TableData(spec.title, header, tuple(zip(spec.labels, spec.values, strict=True)), fmt, notes, spec.highlight)
    if all(v is None for v in values):
        return empty_chart(prefix, spec.title, spec.description, header, fmt)
    body, size = _horizontal(spec) if horizontal else _vertical(spec)
    return finish(prefix, size, spec.title, spec.description, body, table)


def _scale_ticks(spec: _Spec) -> list[float]:
    extra = [] if spec.reference is None else [spec.reference.value]
    return scale.ticks(*scale.domain([*spec.values, *extra]))


def _colour(spec: _Spec, index: int) -> str:
    return palette.HIGHLIGHT if index in spec.highlight else palette.BAR


def _horizontal(spec: _Spec) -> tuple[str, tuple[float, float]]:
    n = len(spec.labels)
    label_width = min(
        LABEL_SHARE * svg.WIDTH,
        max(svg.text_width(label, bold=i in spec.highlight) for i, label in enumerate(spec.labels)),
    )
    value_width = max(svg.text_width(spec.value_text(v), VALUE_SIZE, bold=True) for v in spec.values) + 6
    negative = any(v is not None and v < 0 for v in spec.values)
    positive = any(v is not None and v >= 0 for v in spec.values)
    ticks = _scale_ticks(spec)
    start = MARGIN + label_width + 10 + (value_width if negative else 0)
    end = svg.WIDTH - MARGIN - (value_width if positive else 0)
    x = scale.Linear(ticks[0], ticks[-1], start, end)
    top = 12 + (REFERENCE_ROW if spec.reference else 0)
    bottom = top + n * BAND
    out = []
    for tick in ticks:
        colour = palette.GRID if tick else palette.INK
        out.append(svg.line(x(tick), top, x(tick), bottom, stroke=colour, stroke_width=1))
        out.append(svg.text(x(tick), bottom + 18, spec.fmt(tick), size=svg.SMALL, anchor="middle", fill=palette.MUTED))
    for i, label in enumerate(spec.labels):
        centre = top + i * BAND + BAND / 2
        bold = i in spec.highlight
        out.append(
            svg.text(MARGIN + label_width, svg.middle(centre), label, anchor="end", bold=bold, max_width=label_width)
        )
        out.append(_horizontal_bar(spec, i, x, centre))
    if spec.reference is not None:
        out.append(_vertical_reference(spec, x(spec.reference.value), top, bottom))
    out.append(svg.text((start + end) / 2, bottom + 42, spec.value_label, anchor="middle", max_width=end - start))
    return "".join(out), (svg.WIDTH, bottom + 52)


def _horizontal_bar(spec: _Spec, i: int, x: scale.Linear, centre: float) -> str:
    value = spec.values[i]
    zero = x(0)
    bold = i in spec.highlight
    baseline = svg.middle(centre, VALUE_SIZE)
    if value is None:
        return svg.text(zero + 5, baseline, spec.value_text(value), size=VALUE_SIZE, fill=palette.MUTED)
    end = x(value)
    stroke = {"stroke": palette.INK, "stroke_width": 1.5} if bold else {}
    bar = svg.rect(min(zero, end), centre - BAR / 2, abs(end - zero), BAR, fill=_colour(spec, i), **stroke)
    anchor, offset = ("end", -5) if value < 0 else ("start", 5)
    label = svg.text(end + offset, baseline, spec.fmt(value), size=VALUE_SIZE, anchor=anchor, bold=bold, halo=True)
    return bar + label


def _vertical_reference(spec: _Spec, at: float, top: float, bottom: float) -> str:
    text = spec.reference_text or ""
    width = svg.text_width(text, svg.SMALL, bold=True)
    room = svg.WIDTH - MARGIN - (at + 4)
    anchor, x = ("start", at + 4) if width <= room else ("end", at - 4)
    line = svg.line(
        at, top - REFERENCE_ROW + 4, at, bottom, stroke=palette.INK, stroke_width=1.5, stroke_dasharray="5 4"
    )
    label = svg.text(
        x, top - 8, text, size=svg.SMALL, bold=True, anchor=anchor, max_width=max(room, at - 4 - MARGIN), halo=True
    )
    return line + label


def _vertical(spec: _Spec) -> tuple[str, tuple[float, float]]:
    n = len(spec.labels)
    ticks = _scale_ticks(spec)
    left = MARGIN + max(svg.text_width(spec.fmt(t), svg.SMALL) for t in ticks) + 8
    slot = (svg.WIDTH - MARGIN - left) / n
    value_width = max(svg.text_width(spec.value_text(v), VALUE_SIZE, bold=True) for v in spec.values)
    rotate_values = value_width > slot - 2
    room = (value_width + 8) if rotate_values else 20  # above positive / below negative bars for their values
    top = 30 + (REFERENCE_ROW if spec.reference else 0)
    bottom = top + PLOT_HEIGHT
    negative = any(v is not None and v < 0 for v in spec.values)
    y = scale.Linear(ticks[0], ticks[-1], bottom - (room if negative else 0), top + room)
    out = [svg.text(MARGIN, 18, spec.value_label, size=svg.SMALL, max_width=svg.WIDTH - 2 * MARGIN)]
    for tick in ticks:
        colour = palette.GRID if tick else palette.INK
        out.append(svg.line(left, y(tick), svg.WIDTH - MARGIN, y(tick), stroke=colour, stroke_width=1))
        out.append(svg.text(left - 8, svg.middle(y(tick), svg.SMALL), spec.fmt(tick), size=svg.SMALL, anchor="end"))
    for i in range(n):
        out.append(_column(spec, i, y, (left + i * slot, slot), rotate_values))
    if spec.reference is not None:
        out.append(_horizontal_reference(spec, y(spec.reference.value), left))
    labels, label_height = _column_labels(spec, left, slot, bottom)
    out.append(labels)
    return "".join(out), (svg.WIDTH, bottom + label_height)


def _column(spec: _Spec, i: int, y: scale.Linear, slot: tuple[float, float], rotate: bool) -> str:
    value = spec.values[i]
    centre = slot[0] + slot[1] / 2
    zero = y(0)
    if value is None:
        return svg.text(centre, zero - 6, spec.value_text(value), size=VALUE_SIZE, anchor="middle", fill=palette.MUTED)
    width = min(slot[1] * 0.7, MAX_COLUMN)
    end = y(value)
    bold = i in spec.highlight
    stroke = {"stroke": palette.INK, "stroke_width": 1.5} if bold else {}
    bar = svg.rect(centre - width / 2, min(zero, end), width, abs(end - zero), fill=_colour(spec, i), **stroke)
    text = spec.fmt(value)
    if rotate:  # reads bottom to top; the baseline shift centres the letters on the bar
        anchor, label_y = ("end", end + 6) if value < 0 else ("start", end - 6)
        label = svg.text(
            centre + VALUE_SIZE * 0.35, label_y, text, size=VALUE_SIZE, bold=bold, anchor=anchor, rotate=-90, halo=True
        )
    else:
        baseline = end + VALUE_SIZE + 4 if value < 0 else end - 6
        label = svg.text(centre, baseline, text, size=VALUE_SIZE, anchor="middle", bold=bold, halo=True)
    return bar + label


def _horizontal_reference(spec: _Spec, at: float, left: float) -> str:
    line = svg.line(left, at, svg.WIDTH - MARGIN, at, stroke=palette.INK, stroke_width=1.5, stroke_dasharray="5 4")
    label = svg.text(
        svg.WIDTH - MARGIN,
        at - 6,
        spec.reference_text or "",
        size=svg.SMALL,
        bold=True,
        anchor="end",
        max_width=svg.WIDTH - MARGIN - left,
        halo=True,
    )
    return line + label


def _column_labels(spec: _Spec, left: float, slot: float, bottom: float) -> tuple[str, float]:
    widths = [svg.text_width(label, svg.SMALL, bold=i in spec.highlight) for i, label in enumerate(spec.labels)]
    rotate = max(widths) > slot - 4
    out = []
    for i, label in enumerate(spec.labels):
        centre = left + i * slot + slot / 2
        bold = i in spec.highlight
        if rotate:
            out.append(
                svg.text(
                    centre + 4,
                    bottom + 14,
                    label,
                    size=svg.SMALL,
                    bold=bold,
                    anchor="end",
                    rotate=-45,
                    max_width=ROTATED_LABEL,
                )
            )
        else:
            out.append(svg.text(centre, bottom + 20, label, size=svg.SMALL, bold=bold, anchor="middle"))
    height = (min(max(widths), ROTATED_LABEL) * 0.71 + 28) if rotate else 32
    return "".join(out), height

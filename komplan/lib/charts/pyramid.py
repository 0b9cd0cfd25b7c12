"""Population pyramid: men on the left, women on the right, the youngest group at the bottom.

The sexes are told apart by side and by the labels above each half, not only by colour. A second
structure (e.g. the projection against the observed year) is a step outline drawn over the bars,
with a white halo so it stays visible over bars and background alike. Estimated figures are hatched
and the legend says "estimate".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext

from . import palette, scale, svg
from .core import Chart, ChartOptions, NumberFormat, TableData, check_length, empty_chart, finish

MARGIN = 16
LEGEND_ROW = 24
HEADER_ROW = 26
PLOT_HEIGHT = 440  # the bars share this height; many groups get thinner bars, never a taller chart
MAX_BAND = 24
MIN_BAND = 4
AGE_SIZE = 12
AXIS_ROW = 22
SWATCH = 14


@dataclass(frozen=True)
class _Labels:
    title: str
    description: str
    men: str
    women: str
    age: str
    value: str | None
    bars: str | None
    compare: str | None
    estimate: str


@dataclass(frozen=True)
class _Layout:
    """Geometry shared by the drawing functions; rows count from the bottom (row 0 = youngest)."""

    n: int
    band: float
    plot_top: float
    centre_left: float
    centre_right: float
    half: float
    top_value: float

    def y_top(self, row: int) -> float:
        return self.plot_top + (self.n - 1 - row) * self.band

    def length(self, value: float | None) -> float:
        return (value or 0) / self.top_value * self.half

    @property
    def plot_bottom(self) -> float:
        return self.plot_top + self.n * self.band


@dataclass(frozen=True)
class Structure:
    """An age structure by sex: counts or shares per age group (youngest first), None where unknown."""

    men: Sequence[float | None]
    women: Sequence[float | None]
    label: str | None = None  # names it in the legend and the table, e.g. "2024" or "Projection 2040"


def pyramid(
    age_labels: Sequence[str],
    bars: Structure,
    *,
    title: str,
    description: str,
    men_label: str,
    women_label: str,
    compare: Structure | None = None,
    estimated: bool | str = False,
    value_label: str | None = None,
    options: ChartOptions | None = None,
) -> Chart:
    """A population pyramid of ``bars`` per age group (``age_labels`` youngest first).

    ``compare`` is drawn as a step outline over the bars. ``estimated`` hatches the bars and puts
    "Estimate" (or the text given instead of True) in the legend and the table's caption.
    ``value_label`` names the value axis ("Persons", "% of population").
    """
    options = options or ChartOptions()
    structures = (bars, compare) if compare is not None else (bars,)
    for structure in structures:
        for name in ("men", "women"):
            values = getattr(structure, name)
            check_length(name, values, len(age_labels))
            if any(v is not None and v < 0 for v in values):
                raise ValueError(f"{name} holds a negative value")
    prefix = svg.make_prefix(options.id_prefix)
    labels = _Labels(
        str(title),
        str(description),
        str(men_label),
        str(women_label),
        str(options.category_label or gettext("Age")),
        None if value_label is None else str(value_label),
        None if bars.label is None else str(bars.label),
        None if compare is None else str(compare.label or gettext("Comparison")),
        gettext("Estimate") if isinstance(estimated, bool) else str(estimated),  # a lazy translation too
    )
    table = _table(labels, [str(a) for a in age_labels], structures, options.fmt, bool(estimated))
    if all(v is None for s in structures for v in (*s.men, *s.women)):
        return empty_chart(prefix, labels.title, labels.description, table.header, options.fmt)
    return _draw(prefix, labels, table, structures, bool(estimated))


def _table(labels: _Labels, ages: list[str], structures: tuple, fmt: NumberFormat, estimated: bool) -> TableData:
    header = [labels.age]
    columns = []
    for structure, name in zip(structures, (labels.bars, labels.compare), strict=False):
        header += [labels.men, labels.women] if name is None else [f"{labels.men} – {name}", f"{labels.women} – {name}"]
        columns += [structure.men, structure.women]
    rows = tuple((age, *(column[i] for column in columns)) for i, age in enumerate(ages))
    notes = (labels.estimate,) if estimated else ()
    return TableData(labels.title, tuple(header), rows, fmt, notes)


def _legend_items(labels: _Labels, prefix: str, estimated: bool, compare: bool) -> list[tuple[str, str]]:
    """(swatch markup at 0,0, text) per legend entry."""
    items = []
    if labels.bars:
        half = SWATCH / 2
        men, women = (
            (f"url(#{prefix}-hatch-{sex})" for sex in ("men", "women")) if estimated else (palette.MEN, palette.WOMEN)
        )
        swatch = svg.rect(0, 0, half, SWATCH, fill=men) + svg.rect(half, 0, half, SWATCH, fill=women)
        items.append((swatch, labels.bars))
    if estimated:
        items.append(
            (svg.rect(0, 0, SWATCH, SWATCH, fill=f"url(#{prefix}-hatch)", stroke=palette.INK), labels.estimate)
        )
    if compare:
        swatch = svg.rect(1, 1, SWATCH - 2, SWATCH - 2, fill="none", stroke=palette.INK, stroke_width=2)
        items.append((swatch, labels.compare or ""))
    return items


def _legend(items: list[tuple[str, str]], top: float) -> tuple[str, float]:
    """The legend entries left to right, wrapping onto further rows; returns markup and its height."""
    out, x, y = [], float(MARGIN), top
    for swatch, label in items:
        width = SWATCH + 6 + min(svg.text_width(label), svg.WIDTH - 2 * MARGIN - SWATCH - 6)
        if x > MARGIN and x + width > svg.WIDTH - MARGIN:
            x, y = float(MARGIN), y + LEGEND_ROW
        out.append(f'<g transform="translate({svg.num(x)} {svg.num(y)})">{swatch}</g>')
        out.append(
            svg.text(x + SWATCH + 6, svg.middle(y + SWATCH / 2), label, max_width=svg.WIDTH - x - SWATCH - 6 - MARGIN)
        )
        x += width + 20
    return "".join(out), (y - top + LEGEND_ROW) if items else 0


def _every(band: float) -> int:
    """Label every k-th age group, k in 1, 2, 5, 10…, so that labels stay at least a line apart."""
    need = (AGE_SIZE + 2) / band
    k = 1
    while k < need:
        k = {1: 2, 2: 5}.get(k, k * 2)
    return k


def _layout(top: float, ages: list[str], values: list[float], fmt: NumberFormat) -> tuple[_Layout, list]:
    n = len(ages)
    band = max(MIN_BAND, min(MAX_BAND, PLOT_HEIGHT / n))
    ticks = [t for t in scale.ticks(*scale.domain(values), target=4) if t >= 0]
    tick_room = max(svg.text_width(fmt(t), svg.SMALL) for t in ticks) / 2 + 2
    margin = max(MARGIN, tick_room)
    age_column = max(svg.text_width(a, AGE_SIZE) for a in ages) + 16
    centre = svg.WIDTH / 2
    layout = _Layout(
        n=n,
        band=band,
        plot_top=top,
        centre_left=centre - age_column / 2,
        centre_right=centre + age_column / 2,
        half=centre - age_column / 2 - margin,
        top_value=ticks[-1],
    )
    return layout, ticks


def _draw(prefix: str, labels: _Labels, table: TableData, structures: tuple, estimated: bool) -> Chart:
    fmt = table.number_format
    ages = [row[0] for row in table.rows]
    compare = len(structures) > 1
    legend, legend_height = _legend(_legend_items(labels, prefix, estimated, compare), 10)
    header_y = 10 + legend_height
    values = [v for s in structures for v in (*s.men, *s.women) if v is not None]
    layout, ticks = _layout(header_y + HEADER_ROW + 6, ages, values, fmt)
    parts = [
        _defs(prefix) if estimated else "",
        legend,
        _headers(layout, labels, header_y),
        _grid(layout, ticks, fmt),
        _bars(layout, (structures[0].men, structures[0].women), prefix, estimated),
    ]
    if compare:
        parts.append(_outline(layout, (structures[1].men, structures[1].women)))
    parts.append(_ages(layout, ages))
    height = layout.plot_bottom + AXIS_ROW
    if labels.value:
        parts.append(svg.text(svg.WIDTH / 2, height + 12, labels.value, anchor="middle", fill=palette.MUTED))
        height += AXIS_ROW
    return finish(prefix, (svg.WIDTH, height + 6), labels.title, labels.description, "".join(parts), table)


def _defs(prefix: str) -> str:
    return (
        "<defs>"
        + svg.hatch(f"{prefix}-hatch-men", palette.MEN, palette.MEN_TINT)
        + svg.hatch(f"{prefix}-hatch-women", palette.WOMEN, palette.WOMEN_TINT)
        + svg.hatch(f"{prefix}-hatch", palette.INK, palette.BACKGROUND)
        + "</defs>"
    )


def _headers(layout: _Layout, labels: _Labels, y: float) -> str:
    baseline = svg.middle(y + HEADER_ROW / 2, svg.FONT_SIZE)
    half_width = layout.half - 8
    left = (layout.centre_left - layout.half / 2, labels.men)
    right = (layout.centre_right + layout.half / 2, labels.women)
    out = [svg.text(x, baseline, label, anchor="middle", bold=True, max_width=half_width) for x, label in (left, right)]
    age_width = layout.centre_right - layout.centre_left + 2 * MARGIN
    out.append(
        svg.text(
            svg.WIDTH / 2, baseline, labels.age, anchor="middle", size=AGE_SIZE, fill=palette.MUTED, max_width=age_width
        )
    )
    return "".join(out)


def _grid(layout: _Layout, ticks: list[float], fmt: NumberFormat) -> str:
    out = []
    label_y = layout.plot_bottom + 16
    for tick in ticks:
        offset = layout.length(tick)
        for x in (layout.centre_left - offset, layout.centre_right + offset):
            colour = palette.INK if tick == 0 else palette.GRID
            out.append(svg.line(x, layout.plot_top, x, layout.plot_bottom, stroke=colour, stroke_width=1))
            out.append(svg.text(x, label_y, fmt(tick), size=svg.SMALL, anchor="middle", fill=palette.MUTED))
    return "".join(out)


def _bars(layout: _Layout, bars, prefix: str, estimated: bool) -> str:
    out = []
    gap = min(2.0, layout.band * 0.2)
    for side, values in enumerate(bars):
        colour = palette.MEN if side == 0 else palette.WOMEN
        fill = f"url(#{prefix}-hatch-{'men' if side == 0 else 'women'})" if estimated else colour
        for row, value in enumerate(values):
            length = layout.length(value)
            if length <= 0:
                continue
            x = layout.centre_left - length if side == 0 else layout.centre_right
            y = layout.y_top(row) + gap / 2
            stroke = {"stroke": colour, "stroke_width": 1} if estimated else {}
            out.append(svg.rect(x, y, length, layout.band - gap, fill=fill, **stroke))
    return "".join(out)


def _outline(layout: _Layout, compare) -> str:
    """Step outlines of the second structure: along each group's bar end, across between groups."""
    out = []
    for side, values in enumerate(compare):
        sign, base = (-1, layout.centre_left) if side == 0 else (1, layout.centre_right)
        points = [(base, layout.plot_bottom)]
        for row, value in enumerate(values):
            x = base + sign * layout.length(value)
            points += [(x, layout.y_top(row) + layout.band), (x, layout.y_top(row))]
        points.append((base, layout.y_top(layout.n - 1)))
        d = "M" + " L".join(f"{svg.num(x)} {svg.num(y)}" for x, y in points)
        common = {"d": d, "fill": "none", "stroke_linejoin": "miter"}
        out.append(svg.tag("path", stroke=palette.BACKGROUND, stroke_width=4.5, **common))
        out.append(svg.tag("path", stroke=palette.INK, stroke_width=2, **common))
    return "".join(out)


def _ages(layout: _Layout, ages: list[str]) -> str:
    every = _every(layout.band)
    centre = svg.WIDTH / 2
    return "".join(
        svg.text(centre, svg.middle(layout.y_top(row) + layout.band / 2, AGE_SIZE), age, size=AGE_SIZE, anchor="middle")
        for row, age in enumerate(ages)
        if row % every == 0 or (row == len(ages) - 1 and (row % every) * layout.band >= AGE_SIZE + 2)
    )

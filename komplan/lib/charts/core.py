"""What every chart returns: the SVG and the data table with the same numbers, formatted the same way."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from numbers import Number

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from komplan.lib.numbers import format_number

from . import palette, svg

NumberFormat = Callable[[float], str]


def default_number_format(value: float) -> str:
    """The active language's format with thousands grouping ("1 234,5" in Czech, "1,234.5" in English).

    Whole numbers get no decimals, others one (two below 1): pass your own ``number_format`` for more.
    """
    value = float(value)
    decimals = 0 if value.is_integer() else (2 if abs(value) < 1 else 1)
    return format_number(value, decimals)


def is_number(value: object) -> bool:
    return isinstance(value, Number) and not isinstance(value, bool)


@dataclass(frozen=True)
class ChartOptions:
    """Settings every chart takes.

    ``number_format`` turns a number into text for ticks, value labels and the table (default:
    :func:`default_number_format`). ``id_prefix`` starts every id in the SVG (default: random, so two
    charts on one page never clash; pass one for stable output). ``category_label`` heads the table's
    first column and names the category axis ("Age", "Year", "Municipality").
    """

    number_format: NumberFormat | None = None
    id_prefix: str | None = None
    category_label: str | None = None

    @property
    def fmt(self) -> NumberFormat:
        return self.number_format or default_number_format


@dataclass(frozen=True)
class Cell:
    text: str
    numeric: bool


@dataclass(frozen=True)
class Row:
    """One table row for a template: ``<th scope="row">{{ header }}</th>`` then the cells."""

    header: str
    cells: tuple[Cell, ...]
    emphasis: bool = False


@dataclass(frozen=True)
class TableData:
    """The numbers a chart shows, as a table: for the page (``body``) and for downloads (``header``, ``rows``).

    ``rows`` hold raw values: the row's label first, then numbers (None where there is no figure) or
    text. ``notes`` belong to the caption (e.g. "Estimate"); ``emphasis`` are the indices of rows the
    chart highlights.
    """

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple, ...]
    number_format: NumberFormat = default_number_format
    notes: tuple[str, ...] = ()
    emphasis: frozenset[int] = field(default_factory=frozenset)

    def format(self, value: object) -> Cell:
        if value is None:
            return Cell(gettext("n/a"), numeric=True)
        if is_number(value):
            return Cell(self.number_format(value), numeric=True)
        return Cell(str(value), numeric=False)

    @property
    def head(self) -> list[Cell]:
        """The column headers; a column is numeric (right-aligned) unless it holds text."""
        text_columns = {i for row in self.rows for i, v in enumerate(row) if i and v is not None and not is_number(v)}
        return [Cell(str(h), numeric=i > 0 and i not in text_columns) for i, h in enumerate(self.header)]

    @property
    def body(self) -> list[Row]:
        return [
            Row(str(row[0]), tuple(self.format(v) for v in row[1:]), i in self.emphasis)
            for i, row in enumerate(self.rows)
        ]

    def sheet(self) -> tuple[str, list[str], list[list]]:
        """``(title, header, rows)`` for :func:`komplan.lib.tables.to_xlsx_sheets`; use header/rows for CSV."""
        return self.caption, list(self.header), [list(row) for row in self.rows]


@dataclass(frozen=True)
class Chart:
    """An accessible SVG chart and its data table. ``{{ chart }}`` in a template prints the SVG."""

    svg: SafeString
    table: TableData
    id: str
    title: str
    description: str

    def __html__(self) -> str:
        return self.svg

    def __str__(self) -> str:
        return self.svg

    @property
    def empty(self) -> bool:
        return not self.table.rows


def finish(prefix: str, size: tuple[float, float], title: str, description: str, body: str, table: TableData) -> Chart:
    markup = mark_safe(
        svg.document(prefix, size[0], size[1], title, description, body)
    )  # every text in it went through svg.esc
    return Chart(markup, table, prefix, title, description)


def empty_chart(prefix: str, title: str, description: str, header: Sequence[str], fmt: NumberFormat) -> Chart:
    """A short "No data" chart: a valid, named image rather than empty axes or an error."""
    message = gettext("No data")
    body = svg.text(svg.WIDTH / 2, svg.middle(32), message, anchor="middle", fill=palette.INK)
    table = TableData(title, tuple(header), (), fmt)
    described = f"{description} {message}." if description else message  # the image says so; the caption need not
    markup = mark_safe(svg.document(prefix, svg.WIDTH, 64, title, described, body))  # every text went through esc
    return Chart(markup, table, prefix, title, description)


def check_length(name: str, values: Sequence | None, expected: int) -> None:
    if values is not None and len(values) != expected:
        raise ValueError(f"{name} has {len(values)} values for {expected} labels")

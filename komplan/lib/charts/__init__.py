"""Accessible SVG charts: population pyramid, line chart (time series with a projection), bar chart.

Each function returns a :class:`Chart`: ``chart.svg`` is a safe ``<svg role="img">`` string (titled,
described, scalable, no script, no CSS classes, so Typst renders it too) and ``chart.table`` holds the
same numbers as a table. Render both with ``{% include "komplan_charts/figure.html" with chart=… %}``.
Labels come in translated; numbers go through ``number_format`` (default: the active language's
format with thousands grouping). See docs/charts.md.
"""

from .bar import ReferenceLine, bar_chart
from .core import Cell, Chart, ChartOptions, Row, TableData, default_number_format
from .line import Series, line_chart
from .pyramid import Structure, pyramid

__all__ = [
    "Cell",
    "Chart",
    "ChartOptions",
    "ReferenceLine",
    "Row",
    "Series",
    "Structure",
    "TableData",
    "bar_chart",
    "default_number_format",
    "line_chart",
    "pyramid",
]

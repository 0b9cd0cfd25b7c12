"""Chart colours, taken from the Gov Design System CE tokens (``vendor/gov-design-system/styles/tokens.css``).

The SVG uses presentation attributes with literal colours, not CSS variables: the same file is embedded
in PDFs by Typst, which knows no CSS. Contrast ratios against the white chart background are in
docs/charts.md and checked by tests/lib/test_charts.py: every colour that carries text is at least
4.5:1, every colour that carries a graphical object (bar, line, marker) at least 3:1.
"""

from __future__ import annotations

BACKGROUND = "#ffffff"  # neutral-0; every chart paints it, so print and forced-colour modes keep the contrast
INK = "#262626"  # neutral-950: labels, axes, the comparison outline
MUTED = "#4f4f4f"  # neutral-700: tick labels, the "projection" label
GRID = "#d1d1d1"  # neutral-200: grid lines are a reading aid only; values are in labels and the table
SHADE = "#f6f6f6"  # neutral-50: background of the projected part of a line chart

MEN = "#2362a2"  # primary-600 (the design system's primary blue)
WOMEN = "#af7a00"  # secondary-800 (amber): blue/amber stays apart for red–green colour blindness
MEN_TINT = "#c5dbf2"  # primary-200: background of hatched (estimated) bars
WOMEN_TINT = "#fef0d0"  # secondary-200

BAR = MEN
HIGHLIGHT = WOMEN
HIGHLIGHT_TINT = WOMEN_TINT

# Line series, in order. All reach 4.5:1, so direct labels may be written in the series' own colour.
SERIES = (
    "#2362a2",  # primary-600
    "#6b4a0d",  # warning-900 (brown)
    "#2a6b2d",  # success-700
    "#67329e",  # visited-600
    "#b32222",  # error-700
    "#4f4f4f",  # neutral-700
)

TEXT_COLOURS = (INK, MUTED, *SERIES)
GRAPHIC_COLOURS = (INK, MEN, WOMEN, BAR, HIGHLIGHT, *SERIES)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of ``#rrggbb``."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(first: str, second: str = BACKGROUND) -> float:
    """WCAG 2.1 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)

"""Writing SVG by hand: escaping, attributes, text measured with Roboto's metrics, the accessible root element.

Everything is a presentation attribute (``fill="#2362a2"``), never a class or a ``style`` sheet, so the
same markup renders in a browser and in Typst (which reads SVG through usvg and knows no CSS).
"""

from __future__ import annotations

import html
import re
import secrets
import unicodedata

from . import palette

WIDTH = 720  # user units; at the CSS max-width of 45rem one unit is one CSS pixel at 100 % text size
FONT_FAMILY = "Roboto, Arial, sans-serif"  # Roboto: the page's font (design system) and the PDFs' font
FONT_SIZE = 14
SMALL = 13
ELLIPSIS = "…"

# Advance widths of Roboto Regular for ASCII 32–126, in thousandths of an em (from the shipped TTF's hmtx).
# Accented letters measure as their base letter (Czech diacritics differ by under 2 %); anything else
# counts as a wide 0.6 em, so an estimate errs towards more room, never towards overlapping text.
_ASCII_WIDTHS = (
    248, 258, 320, 616, 562, 732, 622, 175, 342, 348, 431, 567, 197, 276, 264, 413,
    562, 562, 562, 562, 562, 562, 562, 562, 562, 562, 242, 211, 508, 549, 523, 473,
    898, 652, 623, 651, 656, 568, 553, 681, 713, 272, 552, 627, 539, 873, 713, 688,
    631, 688, 616, 594, 597, 648, 637, 887, 627, 601, 599, 265, 411, 265, 418, 451,
    309, 544, 562, 523, 564, 530, 348, 562, 551, 243, 239, 507, 243, 877, 552, 570,
    562, 568, 339, 516, 327, 551, 484, 751, 496, 473, 496, 338, 244, 338, 680,
)  # fmt: skip
_OTHER_WIDTHS = {"\xa0": 248, "\u202f": 248, "–": 656, "—": 781, "…": 669, "−": 572, "„": 345, "“": 354, "”": 357}
_BOLD_FACTOR = 1.05  # Roboto Bold runs about 4 % wider than Regular on Czech text
_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")


def _char_width(char: str) -> int:
    code = ord(char)
    if 32 <= code <= 126:
        return _ASCII_WIDTHS[code - 32]
    if char in _OTHER_WIDTHS:
        return _OTHER_WIDTHS[char]
    base = unicodedata.normalize("NFD", char)[0]
    if base != char and 32 <= ord(base) <= 126:
        return _ASCII_WIDTHS[ord(base) - 32]
    return 600


def text_width(text: str, size: float = FONT_SIZE, *, bold: bool = False) -> float:
    """The width of ``text`` set in Roboto at ``size`` user units (an estimate within a few per cent)."""
    width = sum(_char_width(c) for c in text) * size / 1000
    return width * _BOLD_FACTOR if bold else width


def truncate(text: str, max_width: float, size: float = FONT_SIZE, *, bold: bool = False) -> str:
    """``text`` cut with an ellipsis so that it fits ``max_width``; unchanged when it fits."""
    if text_width(text, size, bold=bold) <= max_width:
        return text
    room = max_width - text_width(ELLIPSIS, size, bold=bold)
    kept = ""
    for char in text:
        if text_width(kept + char, size, bold=bold) > room:
            break
        kept += char
    return kept.rstrip() + ELLIPSIS


def esc(value: object) -> str:
    """Text or attribute content, escaped for XML (``& < > " '``)."""
    return html.escape(str(value), quote=True)


def num(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def attrs(**values: object) -> str:
    """``key="value"`` pairs; underscores become hyphens (``stroke_width``), None is left out."""
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        shown = num(value) if isinstance(value, float) else esc(value)
        parts.append(f'{key.rstrip("_").replace("_", "-")}="{shown}"')
    return " ".join(parts)


def tag(name: str, content: str | None = None, **values: object) -> str:
    """One element; ``content`` is markup already (escape text with :func:`esc` or use :func:`text`)."""
    opening = f"<{name} {attrs(**values)}" if values else f"<{name}"
    return f"{opening}/>" if content is None else f"{opening}>{content}</{name}>"


def text(
    x: float,
    y: float,
    content: str,
    *,
    size: float = FONT_SIZE,
    anchor: str = "start",
    bold: bool = False,
    fill: str = palette.INK,
    max_width: float | None = None,
    halo: bool = False,
    rotate: float | None = None,
) -> str:
    """A ``<text>`` at baseline ``y``. Cut to ``max_width`` with the full text in its ``<title>`` (a tooltip).

    ``halo`` paints a white outline under the letters, so a label stays readable over grid and reference lines.
    """
    content = str(content)
    shown = truncate(content, max_width, size, bold=bold) if max_width is not None else content
    inner = esc(shown) if shown == content else f"<title>{esc(content)}</title>{esc(shown)}"
    return tag(
        "text",
        inner,
        x=float(x),
        y=float(y),
        font_size=size,
        font_weight="bold" if bold else None,
        text_anchor=None if anchor == "start" else anchor,
        fill=fill,
        stroke=palette.BACKGROUND if halo else None,
        stroke_width=3 if halo else None,
        stroke_linejoin="round" if halo else None,
        paint_order="stroke" if halo else None,
        transform=f"rotate({num(rotate)} {num(x)} {num(y)})" if rotate else None,
    )


def middle(y_centre: float, size: float = FONT_SIZE) -> float:
    """The baseline that centres a line of text of ``size`` on ``y_centre`` (no dominant-baseline in usvg)."""
    return y_centre + size * 0.35


def rect(x: float, y: float, width: float, height: float, **values: object) -> str:
    return tag("rect", x=float(x), y=float(y), width=float(max(width, 0)), height=float(max(height, 0)), **values)


def line(x1: float, y1: float, x2: float, y2: float, **values: object) -> str:
    return tag("line", x1=float(x1), y1=float(y1), x2=float(x2), y2=float(y2), **values)


def hatch(pattern_id: str, colour: str, tint: str) -> str:
    """A diagonal hatch: ``tint`` ground with ``colour`` stripes (the mark of estimated figures)."""
    stripes = line(0, 0, 0, 6, stroke=colour, stroke_width=2.5)
    return tag(
        "pattern",
        rect(0, 0, 6, 6, fill=tint) + stripes,
        id=pattern_id,
        width=6,
        height=6,
        patternUnits="userSpaceOnUse",
        patternTransform="rotate(45)",
    )


def make_prefix(id_prefix: str | None) -> str:
    """The prefix of every id in one chart. Pass one for stable output; the default is random, so two
    charts on one page never share an id."""
    if id_prefix is None:
        return "chart-" + secrets.token_hex(4)
    if not _PREFIX.match(id_prefix):
        raise ValueError(f"id_prefix must start with a letter and hold only letters, digits, - and _: {id_prefix!r}")
    return id_prefix


def document(prefix: str, width: float, height: float, title: str, description: str, body: str) -> str:
    """The root ``<svg>``: role="img" named by its ``<title>`` and described by its ``<desc>``.

    It scales with its container (``viewBox``, ``width="100%"``, no fixed height) and paints its own
    white background.
    """
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" {attrs(viewBox=f"0 0 {num(width)} {num(height)}")} width="100%" '
        f'role="img" aria-labelledby="{prefix}-title" aria-describedby="{prefix}-desc" '
        f"{attrs(font_family=FONT_FAMILY, font_size=FONT_SIZE)}>"
        f'<title id="{prefix}-title">{esc(title)}</title><desc id="{prefix}-desc">{esc(description)}</desc>'
        + rect(0, 0, width, height, fill=palette.BACKGROUND)
        + body
        + "</svg>"
    )

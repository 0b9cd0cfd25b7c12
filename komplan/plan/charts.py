"""Charts in generated blocks: the item holds the chart's data as JSON; the SVG and the PNG are drawn from it.

A chart item is ``{"type": "chart", "kind": "bar"|"line"|"pyramid", "caption", "alt", "data": {...}}``:
``caption`` is the chart's title, ``alt`` its text alternative (what it shows and its main finding) and ``data``
the numbers, so a frozen version keeps its numbers and any output (web, PDF, DOCX) draws them anew with
komplan.lib.charts. Data per kind:

* bar: ``labels``, ``values`` (numbers or null), ``value_label``, ``category_label``, ``horizontal``,
  optional ``reference`` ``{"value", "label"}`` and ``decimals``;
* line: ``x_labels``, ``series`` ``[{"label", "values"}]``, ``y_label``, ``category_label``, optional
  ``x_positions``, ``projected_from`` and ``decimals``;
* pyramid: ``age_labels``, ``bars`` and optional ``compare`` ``{"men", "women", "label"}``, ``men_label``,
  ``women_label``, ``value_label``, ``category_label``, ``estimated`` (a label or "").
"""

from __future__ import annotations

import json

from komplan.lib.charts import (
    Chart,
    ChartOptions,
    ReferenceLine,
    Series,
    Structure,
    bar_chart,
    line_chart,
    pyramid,
)
from komplan.lib.numbers import format_number

KINDS = ("bar", "line", "pyramid")
PNG_PPI = 150
PNG_WIDTH_CM = 16  # the text width of an A4 page with 2.5 cm margins: the picture is placed at this width


def _texts(values) -> list[str]:
    return [str(v) for v in values]


def _numbers(values) -> list[float | None]:
    return [None if v is None else float(v) if isinstance(v, float) else v for v in values]


def item(kind: str, caption, alt, data: dict) -> dict:
    """A chart item (every text forced to str: the snapshot must be JSON)."""
    if kind not in KINDS:
        raise ValueError(f"unknown chart kind {kind!r}")
    return {"type": "chart", "kind": kind, "caption": str(caption), "alt": str(alt), "data": data}


def bar(caption, alt, labels, values, *, value_label, category_label, horizontal=True, reference=None, decimals=0):
    data = {
        "labels": _texts(labels),
        "values": _numbers(values),
        "value_label": str(value_label),
        "category_label": str(category_label),
        "horizontal": bool(horizontal),
        "decimals": decimals,
    }
    if reference is not None:
        data["reference"] = {"value": reference[0], "label": str(reference[1])}
    return item("bar", caption, alt, data)


def line(caption, alt, x_labels, series, *, y_label, category_label, x_positions=None, projected_from=None):
    data = {
        "x_labels": _texts(x_labels),
        "series": [{"label": str(label), "values": _numbers(values)} for label, values in series],
        "y_label": str(y_label),
        "category_label": str(category_label),
        "decimals": 0,
    }
    if x_positions is not None:
        data["x_positions"] = [float(x) for x in x_positions]
    if projected_from is not None:
        data["projected_from"] = projected_from
    return item("line", caption, alt, data)


def _structure(men, women, label) -> dict:
    return {"men": _numbers(men), "women": _numbers(women), "label": None if label is None else str(label)}


def pyramid_item(caption, alt, age_labels, bars, *, compare=None, men_label, women_label, value_label, estimated=""):
    """``bars`` and ``compare`` are ``(men, women, label)``."""
    data = {
        "age_labels": _texts(age_labels),
        "bars": _structure(*bars),
        "compare": None if compare is None else _structure(*compare),
        "men_label": str(men_label),
        "women_label": str(women_label),
        "value_label": str(value_label),
        "estimated": str(estimated or ""),
    }
    return item("pyramid", caption, alt, data)


def _options(data: dict, id_prefix: str | None, category_label: str | None = None) -> ChartOptions:
    decimals = int(data.get("decimals") or 0)
    return ChartOptions(
        number_format=lambda v: format_number(v, decimals),
        id_prefix=id_prefix,
        category_label=category_label or data.get("category_label") or None,
    )


def to_chart(found: dict, id_prefix: str | None = None) -> Chart:
    """The komplan.lib.charts Chart (SVG and data table) of a chart item. Raises ValueError for bad data."""
    kind, data = found.get("kind"), found.get("data") or {}
    title, description = found.get("caption", ""), found.get("alt", "")
    if kind == "bar":
        reference = data.get("reference")
        return bar_chart(
            data["labels"],
            data["values"],
            title=title,
            description=description,
            value_label=data.get("value_label", ""),
            horizontal=data.get("horizontal", True),
            reference_line=ReferenceLine(reference["value"], reference["label"]) if reference else None,
            options=_options(data, id_prefix),
        )
    if kind == "line":
        return line_chart(
            data["x_labels"],
            [Series(s["label"], s["values"]) for s in data["series"]],
            title=title,
            description=description,
            y_label=data.get("y_label", ""),
            projected_from_index=data.get("projected_from"),
            x_positions=data.get("x_positions"),
            options=_options(data, id_prefix),
        )
    if kind == "pyramid":
        bars, compare = data["bars"], data.get("compare")
        return pyramid(
            data["age_labels"],
            Structure(bars["men"], bars["women"], bars.get("label")),
            compare=Structure(compare["men"], compare["women"], compare.get("label")) if compare else None,
            title=title,
            description=description,
            men_label=data["men_label"],
            women_label=data["women_label"],
            estimated=data.get("estimated") or False,
            value_label=data.get("value_label") or None,
            options=_options(data, id_prefix),
        )
    raise ValueError(f"unknown chart kind {kind!r}")


def svg(found: dict, id_prefix: str | None = None) -> str:
    return str(to_chart(found, id_prefix).svg)


PNG_TEMPLATE = b"""#set page(width: auto, height: auto, margin: 0pt, fill: white)
#image(bytes(sys.inputs.svg), width: %dcm)
"""


def png(found: dict, ppi: float = PNG_PPI) -> bytes:
    """The chart as a PNG (for DOCX, which takes no SVG): Typst rasterises the SVG with the shipped Roboto."""
    import typst

    from komplan.documents.pdf import fonts

    compiler = typst.Compiler(font_paths=fonts(), ignore_system_fonts=True)
    source = PNG_TEMPLATE % PNG_WIDTH_CM
    return compiler.compile(input=source, format="png", ppi=ppi, sys_inputs={"svg": svg(found, "c")})


def dumps(found: dict) -> str:
    """The chart data as JSON (e.g. for a data attribute); stable key order."""
    return json.dumps(found.get("data") or {}, ensure_ascii=False, sort_keys=True)

"""The action plan and the project store as table rows, XLSX and PDF (columns per domain.md §5.3).

One ``row()`` per activity or accepted sheet feeds the page, the workbook and the Typst template alike, so the
three always say the same. Proposers' names never appear (personal data); their organisation may.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.utils import formats, translation
from django.utils.translation import gettext as _

from komplan.documents import pdf as documents_pdf
from komplan.lib.tables import to_xlsx

from .numbering import costs_by_year, service_link_text

TEMPLATE = "strategy_table.typ"
TYPST_DIR = Path(__file__).resolve().parent / "typst"
ROOT = Path(__file__).resolve().parents[1]

logger = logging.getLogger(__name__)


def columns() -> list[str]:
    return [
        _("Number"),
        _("Title"),
        _("Description"),
        _("Target groups"),
        _("Responsible"),
        _("Partners"),
        _("Timeframe"),
        _("Estimated costs per year"),
        _("Funding sources"),
        _("Indicators"),
        _("Services"),
    ]


def money(amount) -> str:
    return _("%(amount)s CZK") % {"amount": formats.number_format(amount, 0, force_grouping=True)}


def number_text(value) -> str:
    if value is None:
        return ""
    text = formats.number_format(value, 2, force_grouping=True)
    return text.rstrip("0").rstrip(",.") if ("," in text or "." in text) else text


def timeframe(item) -> str:
    if item.start and item.end:
        return f"{formats.date_format(item.start, 'j. n. Y')} – {formats.date_format(item.end, 'j. n. Y')}"
    if item.start:
        return _("from %(date)s") % {"date": formats.date_format(item.start, "j. n. Y")}
    if item.end:
        return _("until %(date)s") % {"date": formats.date_format(item.end, "j. n. Y")}
    return ""


def row(item, number: str) -> dict:
    """The columns of one activity or sheet as texts (``cells``), plus what pages show beside them."""
    costs = list(item.costs.all())
    responsible = [p for p in (item.responsible_organisation, getattr(item.responsible_body, "name", "")) if p]
    groups = [g.name for g in item.planning_groups.all()] + [t.label for t in item.target_groups.all()]
    cells = [
        number,
        item.title,
        item.description,
        ", ".join(groups),
        ", ".join(responsible),
        "; ".join(item.partner_list()),
        timeframe(item),
        "; ".join(f"{year}: {money(total)}" for year, total in costs_by_year((c.year, c.amount) for c in costs)),
        ", ".join(dict.fromkeys(c.source.label for c in costs if c.source)),
        "; ".join(
            f"{i.name}: {number_text(i.target_value)} {i.unit}".strip() if i.target_value is not None else i.name
            for i in item.indicators.all()
        ),
        "; ".join(service_link_text(link) for link in item.servicelinks.all()),
    ]
    return {"number": number, "title": item.title, "cells": cells}


def action_plan_rows(activities) -> list[dict]:
    return [row(a, a.number) for a in activities]


def store_rows(sheets) -> list[dict]:
    return [row(s, f"Z{position}") for position, s in enumerate(sheets, start=1)]


def xlsx(title: str, rows: list[dict]) -> bytes:
    return to_xlsx(columns(), [r["cells"] for r in rows], title)


def table_data(process, title: str, rows: list[dict], note: str = "") -> dict:
    return {
        "lang": (translation.get_language() or "cs").split("-")[0],
        "title": title,
        "process": process.name,
        "running": f"{title} · {process.name}",
        "header": columns(),
        "rows": [r["cells"] for r in rows],
        "empty": _("No activities.") if not rows else "",
        "note": note,
        "demo_note": process.demo_note,
    }


def compile_table(data: dict) -> tuple[bytes, list]:
    """The PDF and Typst's warnings (tests assert there are none)."""
    import json

    import typst
    from django.core.serializers.json import DjangoJSONEncoder

    compiler = typst.Compiler(
        str(TYPST_DIR / TEMPLATE), root=str(ROOT), font_paths=documents_pdf.fonts(), ignore_system_fonts=True
    )
    inputs = {"data": json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)}
    try:
        pdf, warnings = compiler.compile_with_warnings(format="pdf", sys_inputs=inputs)
    except typst.TypstError as error:
        raise documents_pdf.DocumentError(f"{TEMPLATE}: {error.message}\n{error.diagnostic}") from error
    return pdf, list(warnings)


def pdf(process, title: str, rows: list[dict], note: str = "") -> bytes:
    document, warnings = compile_table(table_data(process, title, rows, note))
    for warning in warnings:
        logger.warning("Typst %s: %s", TEMPLATE, warning.message)
    return document

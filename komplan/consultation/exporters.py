"""The settlement of comments as XLSX, PDF (Typst template settlement.typ) and DOCX.

Each is built from ``settlement_data`` — the plain items of komplan.consultation.staff_querysets, which carry no
e-mail and no postal address, and a name only where the commenter agreed — so the three files and the public page
always say the same and never more.
"""

from __future__ import annotations

import io

from django.utils import formats, translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT

from komplan.documents.pdf import render_pdf
from komplan.lib.tables import to_xlsx_sheets
from komplan.plan.outputs.docx import add_table, set_czech_language

from . import settlement
from .staff_querysets import settlement_items

TEMPLATE = "settlement.typ"
FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def title() -> str:
    return _("Settlement of comments")


def filename(consultation, fmt: str) -> str:
    return f"{title()} – {consultation.version.plan.title} – {consultation.opens_on:%Y-%m-%d}.{fmt}"


def settlement_data(consultation) -> dict:
    """Everything the files show, as translated strings."""
    items = settlement_items(consultation)
    numbers = settlement.counts(items)
    process = consultation.version.plan.process
    period = (
        f"{formats.date_format(consultation.opens_on, 'j. n. Y')} – "
        f"{formats.date_format(consultation.closes_on, 'j. n. Y')}"
    )
    published = consultation.settlement_published_at
    return {
        "lang": (translation.get_language() or "cs").split("-")[0],
        "title": title(),
        "plan": consultation.version.plan.title,
        "process": process.name,
        "running": f"{title()} · {consultation.version.plan.title}",
        "facts": [
            {"label": _("Version of the plan"), "lines": [{"text": f"{consultation.version.number}"}]},
            {"label": _("Comment period"), "lines": [{"text": period}]},
            {
                "label": _("Settlement published"),
                "lines": [{"text": formats.date_format(published, "j. n. Y") if published else ""}],
            },
        ],
        "introduction": consultation.settlement_introduction,
        "counts_caption": _("Comments in numbers"),
        "counts_header": settlement.counts_header(),
        "counts_rows": settlement.counts_rows(numbers),
        "caption": _("Comments and their settlement"),
        "header": settlement.header(),
        "rows": settlement.rows(items, consultation.version.snapshot),
        "empty": _("No comments were received.") if not items else "",
        "demo_note": process.demo_note,
    }


def xlsx(consultation) -> bytes:
    data = settlement_data(consultation)
    return to_xlsx_sheets(
        [
            (_("Comments"), data["header"], data["rows"]),
            (_("Numbers"), data["counts_header"], data["counts_rows"]),
        ]
    )


def pdf(consultation) -> bytes:
    return render_pdf(TEMPLATE, settlement_data(consultation))


def docx(consultation) -> bytes:
    data = settlement_data(consultation)
    document = Document()
    set_czech_language(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    props = document.core_properties
    props.title = f"{data['title']} – {data['plan']}"
    props.language = "cs-CZ"
    document.add_heading(data["title"], level=0)
    document.add_paragraph(data["plan"], style="Subtitle")
    for fact in data["facts"]:
        document.add_paragraph(f"{fact['label']}: {fact['lines'][0]['text']}")
    if data["demo_note"]:
        document.add_paragraph(data["demo_note"], style="Intense Quote")
    if data["introduction"]:
        for paragraph in data["introduction"].split("\n\n"):
            document.add_paragraph(paragraph.strip())
    document.add_heading(data["counts_caption"], level=1)
    add_table(document, "", data["counts_header"], data["counts_rows"])
    document.add_heading(data["caption"], level=1)
    if data["rows"]:
        add_table(document, "", data["header"], data["rows"])
    else:
        document.add_paragraph(data["empty"])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


RENDERERS = {"xlsx": xlsx, "pdf": pdf, "docx": docx}

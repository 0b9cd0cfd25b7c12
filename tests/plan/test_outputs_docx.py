"""The DOCX of the plan: Word headings, tables with a repeating header row, pictures, Czech properties."""

from __future__ import annotations

import io

import docx

from komplan.plan.outputs.docx import render_docx
from tests.plan.conftest import SHOWN


def test_docx_opens_with_headings_tables_and_chart(snapshot, meta, png_logo):
    document = docx.Document(io.BytesIO(render_docx(snapshot, meta, png_logo)))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "1. Úvod a základní údaje") in headings
    assert ("Heading 1", "2. Akční plán") in headings
    assert ("Heading 2", "Řídicí skupina") in headings and ("Heading 2", "Priorita #1 $") in headings
    text = "\n".join(p.text for p in document.paragraphs)
    assert SHOWN in text
    assert "Schváleno usnesením zastupitelstva" in text
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Číslo", "Aktivita"] and len(table.rows) == 91
    assert 'w:tblHeader w:val="true"' in table.rows[0]._tr.xml
    assert len(document.inline_shapes) == 2  # the logo and the chart
    assert "Počet aktivit v každé prioritě." in document.element.xml  # the chart's alt text
    assert document.core_properties.title == "Komunitní plán sociálních služeb města Slaný"
    assert document.core_properties.language == "cs-CZ"


def test_docx_bold_italic_lists_and_links(snapshot, meta):
    document = docx.Document(io.BytesIO(render_docx(snapshot, meta, None)))
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert [p.text for p in bullets] == ["tučně a kurzíva", "odkaz"]
    assert bullets[0].runs[0].bold and bullets[0].runs[2].italic
    assert "https://example.org" in [r.target_ref for r in document.part.rels.values() if r.is_external]
    assert len(document.inline_shapes) == 1  # no logo, the chart only

"""The PDF of the plan: text with Czech diacritics, bookmarks, metadata, no Typst warnings, no injection."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from komplan.plan.outputs import pdf, richtext
from tests.documents.pdftools import _tool, pdf_text
from tests.plan.conftest import EVIL, SHOWN


def _info(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.pdf"
        path.write_bytes(data)
        return subprocess.run([_tool("pdfinfo"), str(path)], capture_output=True, check=True).stdout.decode()


@pytest.fixture
def rendered(snapshot, meta, png_logo):
    data, warnings = pdf.compile_pdf(snapshot, meta, png_logo)
    return data, warnings


def test_pdf_opens_without_warnings_and_has_title_language_tags_and_outline(rendered):
    data, warnings = rendered
    assert data.startswith(b"%PDF") and warnings == []
    info = _info(data)
    assert "Title:           Komunitní plán sociálních služeb města Slaný" in info
    assert re.search(r"Pages:\s+[3-9]", info)
    assert "Tagged:          yes" in info
    assert b"/Outlines" in data  # bookmarks from the headings
    assert b"/Lang" in data


def test_pdf_text_keeps_czech_diacritics_cover_and_contents(rendered):
    text = pdf_text(rendered[0])
    for expected in (
        "Příliš žluťoučký kůň úpěl ďábelské ódy",
        "Schváleno usnesením zastupitelstva č. 12/2007",
        "Verze 3 – schválená",
        "Řídicí skupina",
        "Činnost č. 89",
        "Aktivity podle priorit",
    ):
        assert expected in text
    assert text.count("1. Úvod a základní údaje") >= 2  # the contents and the chapter


def test_user_text_is_printed_not_run_as_typst(rendered):
    """#set, $…$, #{…}, #panic, @ref and <label> in the text are printed as they are (and do not fail)."""
    text = pdf_text(rendered[0])
    for literal in ("#set text(red)", "$x^2$", "#{1+1}", '#panic("x")', "@ref 1 < 2 > 0", "[c]", "\\", "Priorita #1 $"):
        assert literal in text


def test_table_header_repeats_on_the_next_page(rendered):
    pages = pdf_text(rendered[0]).split("\f")
    with_rows = [p for p in pages if "Činnost č." in p]
    assert len(with_rows) >= 2 and all("Aktivita" in p for p in with_rows)


def test_richtext_tree_has_no_markup_and_drops_scripts():
    nodes = richtext.parse(EVIL + "\n\n<script>alert(1)</script> [x](javascript:alert(1)) **b**")
    assert richtext.plain(nodes[0]) == SHOWN
    flat = repr(nodes)
    assert "script" not in flat and "javascript" not in flat
    assert {"tag": "strong", "children": ["b"]} in nodes[1]["children"]


def test_pdf_without_logo_and_approval(snapshot, meta):
    data, warnings = pdf.compile_pdf(snapshot, {**meta, "approval": ""}, None)
    assert warnings == [] and "Schváleno" not in pdf_text(data)

"""The Typst renderer: shipped fonts only, data passed as JSON, errors and warnings surfaced."""

from __future__ import annotations

import shutil

import pytest

from komplan.documents import pdf
from tests.documents.pdftools import pdf_fonts, pdf_text

CZECH = "Pečovatelská služba – „Žluťoučký kůň úpěl ďábelské ódy“ … Říčany, Ústí"


@pytest.fixture
def templates(tmp_path, monkeypatch):
    """A template folder of our own, with the house style copied in."""
    shutil.copy(pdf.TEMPLATE_DIR / "komplan.typ", tmp_path / "komplan.typ")
    monkeypatch.setattr(pdf, "TEMPLATE_DIR", tmp_path)

    def write(name: str, source: str) -> str:
        (tmp_path / name).write_text(source, encoding="utf-8")
        return name

    return write


HOUSE = """#import "komplan.typ": *
#let data = json(bytes(sys.inputs.data))
#show: house.with(lang: data.lang, title: data.title, running: data.title)
"""


def test_it_renders_czech_text_with_the_shipped_fonts_only(templates):
    name = templates("sample.typ", HOUSE + "= #data.title\n#data.text\n\n*#data.text*\n\n_#data.text _\n")
    document, warnings = pdf.compile_pdf(name, {"lang": "cs", "title": "Zkouška", "text": CZECH})
    assert document.startswith(b"%PDF")
    assert [w.message for w in warnings] == []
    assert CZECH in " ".join(pdf_text(document).split())
    assert pdf_fonts(document) == ["Roboto-Bold", "Roboto-Italic", "Roboto-Regular"]


def test_the_renderer_sees_no_other_font(templates):
    assert pdf.fonts().families() == ["Roboto"]
    name = templates("arial.typ", '#set text(font: "Arial")\nAhoj')
    _document, warnings = pdf.compile_pdf(name, {})
    assert any("unknown font family: arial" in w.message for w in warnings)


def test_render_pdf_logs_warnings(templates, caplog):
    name = templates("arial.typ", '#set text(font: "Arial")\nAhoj')
    assert pdf.render_pdf(name, {}).startswith(b"%PDF")
    assert "unknown font family" in caplog.text


def test_data_is_text_not_markup(templates):
    name = templates("sample.typ", HOUSE + "#data.text\n")
    tricky = '*not bold* #panic("no") $x^2$ <label> @ref \\ "quoted"'
    document = pdf.render_pdf(name, {"lang": "en", "title": "T", "text": tricky})
    assert tricky in pdf_text(document)


def test_dates_and_lazy_strings_are_serialised(templates):
    import datetime as dt

    from django.utils.translation import gettext_lazy

    name = templates("sample.typ", HOUSE + "#data.day / #data.word\n")
    document = pdf.render_pdf(
        name, {"lang": "en", "title": "T", "day": dt.date(2026, 3, 1), "word": gettext_lazy("web")}
    )
    assert "2026-03-01 / web" in pdf_text(document)


@pytest.mark.parametrize("name", ["missing.typ", "../pdf.py", "../../settings.typ", "komplan"])
def test_only_templates_in_the_folder_compile(name):
    with pytest.raises(pdf.DocumentError, match="No Typst template"):
        pdf.render_pdf(name, {})


def test_a_broken_template_raises_a_document_error(templates):
    name = templates("broken.typ", "#let x = (\n")
    with pytest.raises(pdf.DocumentError, match="broken.typ"):
        pdf.render_pdf(name, {})


def test_the_fonts_ship_with_their_licence():
    folder = pdf.FONT_DIR
    assert sorted(p.name for p in folder.glob("*.ttf")) == [
        "Roboto-Bold.ttf",
        "Roboto-BoldItalic.ttf",
        "Roboto-Italic.ttf",
        "Roboto-Regular.ttf",
    ]
    assert "Apache License" in (folder / "LICENSE-Apache-2.0.txt").read_text()
    assert "fonts-roboto-unhinted" in (folder / "SOURCE.md").read_text()
    assert sum(p.stat().st_size for p in folder.iterdir()) < 2_000_000

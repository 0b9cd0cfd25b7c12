"""The yearly report's PDF and DOCX: every activity of the year listed once, the cover, stored files and their
fingerprint (made anew when the cover changes), drafts never stored."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import pytest

from komplan.monitoring import report_files
from komplan.monitoring import report_services as services
from komplan.monitoring.models import ReportFile
from tests.documents.pdftools import _run, pdf_text
from tests.monitoring.report_fixtures import fill_2008

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def frozen(process, plan2008, period, coordinator, media):
    fill_2008(plan2008, period, coordinator)
    report = services.create_report(process, 2008, coordinator)
    report = services.save_texts(report, {"evaluation": "Rok 2008 se **vydařil**."}, coordinator, report.version)
    return services.approve_by_steering(report, dt.date(2009, 2, 10), "zápis ŘS 1/2009", coordinator)


def _read(stored: ReportFile) -> bytes:
    with stored.file.open("rb") as handle:
        return handle.read()


def raw_text(pdf: bytes) -> str:
    """pdftotext in content order (-raw): a table cell's wrapped lines stay together, so a title is found whole."""
    return " ".join(_run("pdftotext", pdf, "-enc", "UTF-8", "-raw").split())


def chapter_text(text: str, start: str, end: str) -> str:
    """The text from the chapter heading ``start`` to ``end`` (the last occurrences: the first are the contents)."""
    return text[text.rindex(start) : text.rindex(end)]


def raster_images(pdf: bytes) -> int:
    """How many raster images the PDF holds (pdfimages -list: two header lines, then one line per image)."""
    return len(_run("pdfimages", pdf, "-list").strip().splitlines()) - 2


def occurrences(number: str, text: str) -> int:
    return len(re.findall(rf"(?<![\d.]){re.escape(number)}(?![\d.])", text))


def assert_every_activity_once(pdf: bytes, activities) -> None:
    """The check the issue names: the activity chapter lists every activity of the year's action plan once."""
    section = chapter_text(raw_text(pdf), "4. Aktivity akčního plánu", "5. Indikátory")
    for activity in activities:
        assert occurrences(activity.number, section) == 1, activity.number
        assert section.count(" ".join(activity.title.split())) == 1, activity.title


def test_the_pdf_lists_every_activity_of_the_year_exactly_once(frozen, process):
    from komplan.monitoring.querysets import year_tree

    data = _read(report_files.frozen_file(frozen, "pdf"))
    assert data.startswith(b"%PDF")
    activities = year_tree(process, 2008).activities
    assert len(activities) == 3
    assert_every_activity_once(data, activities)


def test_the_pdf_cover_names_the_report_territory_and_approval(frozen):
    cover = " ".join(pdf_text(_read(report_files.frozen_file(frozen, "pdf")), first=1).split())
    assert "Zpráva o plnění komunitního plánu za rok 2008" in cover
    assert "Zpráva o plnění Komunitního plánu sociálních služeb města Slaný za rok 2008" in cover
    assert "Slaný" in cover and "Schváleno řídící skupinou dne 10. 2. 2009 (zápis ŘS 1/2009)" in cover
    assert "Pro roky" not in cover and "Verze" not in cover


def test_the_docx_has_the_tables_and_headings(frozen):
    document = docx.Document(io.BytesIO(_read(report_files.frozen_file(frozen, "docx"))))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "1. Úvod" and headings[3] == "4. Aktivity akčního plánu" and len(headings) == 9
    header_rows = [[c.text for c in t.rows[0].cells] for t in document.tables]
    assert ["Číslo", "Aktivita", "Odpovědná organizace", "Stav", "Plnění (%)", "Poznámka"] in header_rows
    activities = next(t for t in document.tables if t.rows[0].cells[1].text == "Aktivita" and len(t.columns) == 6)
    assert [row.cells[0].text for row in activities.rows[1:]] == ["1.1.1", "1.1.2", "1.2.1"]
    texts = " ".join(p.text for p in document.paragraphs)
    assert "Zpráva o plnění komunitního plánu za rok 2008" in texts and "vydařil" in texts
    assert document.core_properties.keywords.startswith("zpráva o plnění komunitního plánu")


def test_a_stored_file_is_reused_until_the_cover_changes(frozen, media, django_capture_on_commit_callbacks):
    first = report_files.frozen_file(frozen, "pdf")
    again = report_files.frozen_file(frozen, "pdf")
    assert again.pk == first.pk and again.file.name == first.file.name
    approved = services.approve_by_council(frozen, "Zastupitelstvo města Slaný", "12/2009", dt.date(2009, 3, 2))
    with django_capture_on_commit_callbacks(execute=True):
        remade = report_files.frozen_file(approved, "pdf")
    assert remade.fingerprint != first.fingerprint and ReportFile.objects.filter(format="pdf").count() == 1
    assert not (media / first.file.name).exists()
    cover = " ".join(pdf_text(_read(remade), first=1).split())
    assert "Schváleno usnesením Zastupitelstva města Slaný č. 12/2009 ze dne 2. 3. 2009" in cover


def test_a_missing_stored_file_is_made_again(frozen, media):
    first = report_files.frozen_file(frozen, "docx")
    (media / first.file.name).unlink()
    assert _read(report_files.frozen_file(frozen, "docx")).startswith(b"PK")


def test_the_plan_logo_is_on_the_cover(frozen, process, coordinator, media):
    from PIL import Image

    from komplan.plan.services import create_plan, set_logo

    out = io.BytesIO()
    Image.new("RGB", (60, 20), (35, 98, 162)).save(out, "PNG")
    without = report_files.frozen_file(frozen, "pdf")
    assert raster_images(_read(without)) == 0  # the charts are vector graphics
    set_logo(create_plan(process, coordinator), out.getvalue())
    with_logo = report_files.frozen_file(frozen, "pdf")
    assert with_logo.fingerprint != without.fingerprint and raster_images(_read(with_logo)) == 1


def test_returning_to_the_draft_drops_the_files(frozen, media, django_capture_on_commit_callbacks):
    stored = report_files.frozen_file(frozen, "pdf")
    with django_capture_on_commit_callbacks(execute=True):
        services.return_to_draft(frozen)
    assert not ReportFile.objects.exists() and not (media / stored.file.name).exists()


def test_a_draft_file_is_made_from_the_live_data_and_not_stored(process, plan2008, period, coordinator, media):
    report = services.create_report(process, 2008, coordinator)
    fill_2008(plan2008, period, coordinator)
    data = report_files.draft_file(report, "pdf")
    text = " ".join(pdf_text(data).split())
    assert "Koncept: zpráva zatím nebyla schválena" in text and "Služba běží od září." in text
    assert not ReportFile.objects.exists()
    with pytest.raises(services.ReportRefused):
        report_files.frozen_file(report, "pdf")


def test_file_names_and_fingerprints():
    from types import SimpleNamespace

    report = SimpleNamespace(title='Zpráva: "2008"/Slaný', year=2008)
    assert report_files.filename(report, "pdf") == "Zpráva 2008 Slaný.pdf"
    snapshot, meta = {"title": "A", "chapters": []}, {"territory": "Slaný"}
    assert report_files.fingerprint(snapshot, meta, None) == report_files.fingerprint(dict(snapshot), meta, None)
    assert report_files.fingerprint(snapshot, meta, None) != report_files.fingerprint(snapshot, meta, b"logo")

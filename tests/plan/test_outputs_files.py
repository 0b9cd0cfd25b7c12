"""Generating the files in the background (immediate backend in tests), downloads, the API and the logo."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from komplan.plan import services
from komplan.plan.models import Rendering, RenderingStatus
from komplan.plan.outputs import document_meta, filename

pytestmark = pytest.mark.django_db

S = "/slany/sprava/plan/"


@pytest.fixture
def version(plan, coordinator, strategy, media):
    return services.freeze_version(plan, coordinator, "pracovní verze")


def test_document_meta(version):
    meta = document_meta(version)
    assert meta["version_label"] == "Verze 1 – pracovní verze"
    assert meta["state_label"] and meta["issued_on"] and meta["territory"]
    assert meta["approval"] == getattr(version, "approval_note", "")


def test_czech_file_name():
    assert filename('Plán: "Slaný"/2008', 3, "pdf") == "Plán Slaný 2008 – verze 3.pdf"


def test_the_task_stores_both_files(version, coordinator):
    created = services.request_renderings(version, coordinator)
    assert {r.format for r in created} == {"pdf", "docx"}
    for rendering in Rendering.objects.filter(version=version):
        assert rendering.status == RenderingStatus.DONE, rendering.error
        assert rendering.progress == 100 and rendering.size > 1000 and rendering.finished_at
    pdf = Rendering.objects.get(version=version, format="pdf")
    with pdf.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_a_new_request_replaces_the_old_files(version, coordinator, media, django_capture_on_commit_callbacks):
    services.request_renderings(version, coordinator)
    old = Rendering.objects.get(version=version, format="pdf").file.name
    with django_capture_on_commit_callbacks(execute=True):  # old files are deleted once the transaction commits
        services.request_renderings(version, coordinator)
    assert Rendering.objects.filter(version=version).count() == 2
    assert not (media / old).exists()


def test_a_failure_is_recorded(version, coordinator, monkeypatch):
    from komplan.plan.outputs import pdf

    def broken(*args, **kwargs):
        raise RuntimeError("Typst failed")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    services.request_renderings(version, coordinator)
    failed = Rendering.objects.get(version=version, format="pdf")
    assert failed.status == RenderingStatus.FAILED and "Typst failed" in failed.error
    assert Rendering.objects.get(version=version, format="docx").status == RenderingStatus.DONE


def test_downloads_404_before_and_200_after(version, coordinator, as_user):
    client = Client()
    missing = client.get("/slany/plan/verze/1.pdf")
    assert missing.status_code == 404 and "PDF" in missing.content.decode()
    assert client.get("/api/v1/processes/slany/plan/versions/1.pdf").status_code == 404
    staff = as_user(coordinator)
    assert staff.post(f"{S}verze/1/generovat/").status_code == 302
    pdf = client.get("/slany/plan/verze/1.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "filename*=utf-8''" in pdf["Content-Disposition"] and "verze%201.pdf" in pdf["Content-Disposition"]
    word = client.get("/slany/plan/verze/1.docx")
    assert word.status_code == 200 and word["Content-Type"].endswith("wordprocessingml.document")
    document = docx.Document(io.BytesIO(b"".join(word.streaming_content)))
    assert any(p.style.name == "Heading 1" for p in document.paragraphs)
    assert client.get("/slany/plan/verze/1.xlsx").status_code == 404
    assert client.get("/slany/plan/verze/7.pdf").status_code == 404
    page = client.get("/slany/plan/verze/1/").content.decode()
    assert "/slany/plan/verze/1.pdf" in page and "/slany/plan/verze/1.docx" in page


def test_api_files(version, coordinator):
    client = Client()
    answer = client.get("/api/v1/processes/slany/plan/versions/1.docx")
    assert answer.status_code == 404 and "detail" in answer.json()
    services.request_renderings(version, coordinator)
    assert client.get("/api/v1/processes/slany/plan/versions/1.pdf")["Content-Type"] == "application/pdf"
    assert client.get("/api/v1/processes/slany/plan/versions/1.docx").status_code == 200
    assert client.get("/api/v1/processes/slany/plan/versions/2.pdf").status_code == 404
    assert client.get("/api/v1/processes/nikde/plan/versions/1.pdf").status_code == 404


def test_progress_fragment_polls_until_done(version, coordinator, as_user):
    client = as_user(coordinator)
    empty = client.get(f"{S}verze/1/soubory/").content.decode()
    assert "hx-trigger" not in empty and f"{S}verze/1/generovat/" in empty
    Rendering.objects.create(version=version, format="pdf", status=RenderingStatus.RUNNING, progress=40)
    running = client.get(f"{S}verze/1/soubory/").content.decode()
    assert 'hx-trigger="every 2s"' in running and 'value="40"' in running
    overview = client.get(S).content.decode()
    assert '<meta http-equiv="refresh"' in overview  # without JavaScript the page reloads itself


def _upload(name, data, content_type):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_logo_upload_refuses_a_renamed_pdf_and_stores_png(
    plan, coordinator, as_user, png_logo, media, django_capture_on_commit_callbacks
):
    client = as_user(coordinator)
    fake = _upload("logo.png", b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF", "image/png")
    refused = client.post(f"{S}logo/", {"logo": fake})
    assert refused.status_code == 400 and "obrázek" in refused.content.decode()
    plan.refresh_from_db()
    assert not plan.logo
    assert client.post(f"{S}logo/", {"logo": _upload("logo.gif", png_logo, "image/gif")}).status_code == 302
    plan.refresh_from_db()
    with plan.logo.open("rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"
    stored = media / plan.logo.name
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"{S}logo/odebrat/").status_code == 302
    plan.refresh_from_db()
    assert not plan.logo and not stored.exists()

"""The published settlement: the public page, its XLSX/PDF/DOCX, the API and the plan's annex — the counts match
exactly, a hidden text is not shown but its row is, and e-mails and postal addresses appear nowhere."""

import io

import docx
import openpyxl
import pytest
from django.test import Client

from komplan.consultation.evaluation import hide
from komplan.plan.services import build, freeze_version
from tests.documents.pdftools import pdf_text

from .staff_helpers import SECRET_ADDRESS, SECRET_EMAIL, decide, enter, settled

pytestmark = pytest.mark.django_db

SECRETS = (SECRET_EMAIL, SECRET_ADDRESS, "tajna.adresa")


@pytest.fixture
def published(consultation, coordinator):
    comments = settled(consultation, coordinator)
    hide(comments[1], "Urážlivé.")
    return consultation, comments


def page_url(consultation):
    return f"/slany/pripominky/{consultation.pk}/vyporadani/"


def assert_no_secrets(text: str):
    for secret in SECRETS:
        assert secret not in text


def test_404_before_publication(client, consultation, coordinator):
    comment = enter(consultation, coordinator)
    decide(comment, coordinator)
    for suffix in ("", ".xlsx", ".pdf", ".docx"):
        assert (
            client.get(page_url(consultation).rstrip("/") + suffix if suffix else page_url(consultation)).status_code
            == 404
        )
    assert client.get(f"/api/v1/consultations/{consultation.pk}/settlement").status_code == 404


def test_the_public_page(client, published):
    consultation, comments = published
    response = client.get(page_url(consultation))
    html = response.content.decode()
    assert response.status_code == 200
    for comment in comments:
        assert f'id="pripominka-{comment.reference}"' in html
    assert "Nesouvisející připomínka 1." not in html  # hidden by moderation, its row stays
    assert "Nesouvisející připomínka 0." in html and "Námět 1." in html
    assert "Jana Nová" in html  # the first relevant commenter agreed to publish the name
    assert html.count("Jana Nová") == 1
    assert '<th scope="col">' in html and "<caption" in html
    assert_no_secrets(html)
    assert "Úvod vypořádání." in html
    assert client.get(page_url(consultation).rstrip("/") + ".csv").status_code == 404


def test_counts_on_the_page_match_exactly(client, published):
    consultation, _ = published
    counts = client.get(f"/api/v1/consultations/{consultation.pk}/settlement").json()["counts"]
    assert counts == {
        "received": 5,
        "by_channel": {"paper": 3, "post": 2},
        "relevant": 2,
        "not_relevant": 3,
        "accepted": 0,
        "partly": 0,
        "not_accepted": 0,
        "otherwise": 2,
        "awaiting": 0,
    }


def test_the_api_has_public_fields_only(client, published):
    consultation, comments = published
    response = client.get(f"/api/v1/consultations/{consultation.pk}/settlement?lang=cs")
    assert response.status_code == 200
    body = response.json()
    assert_no_secrets(response.content.decode())
    assert [c["reference"] for c in body["comments"]] == [c.reference for c in comments]
    hidden = body["comments"][1]
    assert hidden["hidden"] is True and hidden["text"] is None
    assert body["comments"][3]["name"] == "Jana Nová" and body["comments"][4]["name"] == ""
    assert body["comments"][3]["decision_label"] == "zohledněno jinak"
    assert "email" not in body["comments"][0] and "postal_address" not in body["comments"][0]
    assert body["web"].endswith(page_url(consultation))
    assert client.get("/api/v1/consultations/999999/settlement").status_code == 404


def test_xlsx(client, published):
    consultation, _ = published
    response = client.get(page_url(consultation).rstrip("/") + ".xlsx")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    comments, numbers = book.worksheets
    values = [[c for c in row] for row in comments.iter_rows(values_only=True)]
    assert len(values) == 6 and values[1][0] == "KP-2007-001"
    text = " ".join(str(v) for row in values for v in row) + " ".join(
        str(v) for row in numbers.iter_rows(values_only=True) for v in row
    )
    assert "Nesouvisející připomínka 1." not in text
    assert_no_secrets(text)


def test_pdf_text_is_extractable(client, published):
    consultation, _ = published
    response = client.get(page_url(consultation).rstrip("/") + ".pdf")
    assert response.status_code == 200
    text = pdf_text(b"".join(response.streaming_content))
    assert "KP-2007-005" in text and "Námět 1." in text
    assert "Nesouvisející připomínka 1." not in text
    assert_no_secrets(text)


def test_docx(client, published):
    consultation, _ = published
    response = client.get(page_url(consultation).rstrip("/") + ".docx")
    document = docx.Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "KP-2007-004" in text and "Námět 0." in text
    assert "Nesouvisející připomínka 1." not in text
    assert_no_secrets(text)


def test_the_annex_is_in_the_next_version(published, coordinator):
    consultation, _ = published
    plan = consultation.version.plan
    annex = build(plan)["chapters"][-1]
    assert annex["key"] == "vyporadani-pripominek"
    version = freeze_version(plan, coordinator, "výsledná", state="final")
    frozen = version.snapshot["chapters"][-1]
    assert frozen["key"] == "vyporadani-pripominek"
    items = frozen["blocks"][1]["items"]
    tables = [i for i in items if i["type"] == "table"]
    assert [len(t["rows"]) for t in tables] == [len(tables[0]["rows"]), 5]
    flat = str(frozen)
    assert "KP-2007-005" in flat and "Nesouvisející připomínka 1." not in flat
    assert_no_secrets(flat)
    # the plan's own PDF renders the annex
    from komplan.plan.outputs import document_meta
    from komplan.plan.outputs.pdf import render_pdf

    text = pdf_text(render_pdf(version.snapshot, document_meta(version), None))
    assert "KP-2007-005" in text
    assert_no_secrets(text)


def test_hidden_or_unknown_process_gives_404(published):
    consultation, _ = published
    process = consultation.version.plan.process
    process.is_public = False
    process.save()
    assert Client().get(page_url(consultation)).status_code == 404
    assert Client().get(f"/api/v1/consultations/{consultation.pk}/settlement").status_code == 404

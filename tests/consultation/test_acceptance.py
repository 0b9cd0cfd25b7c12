"""The acceptance check of issue #9: comments through the web form, the API and staff entry, evaluated, give a
settlement whose counts match exactly, and the next version's PDF carries it as an annex."""

import datetime as dt

import pytest
from django.utils import timezone

from komplan.consultation.evaluation import enter_comment, evaluate, publish_settlement
from komplan.consultation.models import Comment, Consultation
from komplan.plan.models import Version
from komplan.plan.outputs import document_meta
from komplan.plan.outputs.pdf import render_pdf
from komplan.plan.services import freeze_version
from tests.documents.pdftools import pdf_text

pytestmark = pytest.mark.django_db

SECRET = "nikde.nezverejnit@example.org"


@pytest.fixture
def open_period(comment_version, coordinator):
    today = timezone.localdate()
    return Consultation.objects.create(
        version=comment_version,
        opens_on=today - dt.timedelta(days=3),
        closes_on=today + dt.timedelta(days=3),
        contact_rule="anonymous",
    )


def test_web_api_and_staff_comments_evaluated_give_exact_counts_and_an_annex(
    client, as_user, coordinator, open_period, first_paragraph
):
    chapter, paragraph = first_paragraph
    slug = open_period.version.plan.process.slug
    form = f"/{slug}/pripominky/{open_period.pk}/nova/"
    for text in ("Chybí denní stacionář pro seniory.", "Netýká se plánu: oprava chodníku."):
        data = {"kapitola": chapter, "odstavec": paragraph, "text": text, "email": SECRET}
        assert client.post(form, data, REMOTE_ADDR="192.0.2.10").status_code == 302
    api = f"/api/v1/consultations/{open_period.pk}/comments"
    for text in ("Pomoc romské komunitě.", "Parkování u nádraží."):
        answer = client.post(api, {"text": text, "email": SECRET}, content_type="application/json")
        assert answer.status_code == 201, answer.content
    letter = enter_comment(
        open_period, coordinator, text="Dopis: více terénní práce.", channel="post", received_on=timezone.localdate()
    )
    comments = list(Comment.objects.filter(consultation=open_period).order_by("pk"))
    assert [c.channel for c in comments] == ["web", "web", "api", "api", "post"] and comments[-1] == letter
    assert len({c.reference for c in comments}) == 5

    decisions = ["accepted", None, "otherwise", None, "partly"]
    for comment, decision in zip(comments, decisions, strict=True):
        relevance = "relevant" if decision else "not_relevant"
        evaluate(
            comment,
            coordinator,
            relevance=relevance,
            relevance_reason="" if decision else "Netýká se plánu.",
            decision=decision or "",
            answer="Odpověď.",
        )
    after = timezone.now() + dt.timedelta(days=4)
    publish_settlement(open_period, coordinator, introduction="Vypořádání.", now=after)

    data = client.get(f"/api/v1/consultations/{open_period.pk}/settlement").json()
    counts = data["counts"]
    assert counts["received"] == 5 and counts["relevant"] == 3 and counts["not_relevant"] == 2
    assert (counts["accepted"], counts["partly"], counts["otherwise"], counts["not_accepted"]) == (1, 1, 1, 0)
    assert counts["awaiting"] == 0
    page = client.get(f"/{slug}/pripominky/{open_period.pk}/vyporadani/").content.decode()
    assert all(f'id="pripominka-{c.reference}"' in page for c in comments) and SECRET not in page

    plan = open_period.version.plan
    final = freeze_version(plan, coordinator, "konečná verze", state="final")
    annex = next(c for c in final.snapshot["chapters"] if c["key"] == "vyporadani-pripominek")
    assert annex["title"] == "Vypořádání připomínek"
    text = " ".join(pdf_text(render_pdf(final.snapshot, document_meta(final), None)).split())
    assert "Vypořádání připomínek" in text and all(c.reference in text for c in comments)
    assert SECRET not in text
    assert Version.objects.filter(plan=plan).count() == 2

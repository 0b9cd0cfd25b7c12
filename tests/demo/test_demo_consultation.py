"""The demo comment period of Slaný (komplan.demo.consultation) on a minimal plan: five written comments, three not
relevant, two answered as the seed page says, the settlement published in 2007 — no names, no contacts."""

import datetime as dt

import pytest

from komplan.consultation import settlement
from komplan.consultation.models import Comment, Evaluation
from komplan.consultation.staff_querysets import settlement_items

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_consultation(process, coordinator):
    from komplan.demo.consultation import load_demo_consultation
    from komplan.plan.services import create_plan, freeze_version

    plan = create_plan(process, coordinator)
    version = freeze_version(plan, coordinator, "k připomínkám", state="comment", issued_on=dt.date(2007, 10, 1))
    return load_demo_consultation(version, coordinator)


def test_five_written_comments_as_on_the_seed_page(demo_consultation, coordinator):
    consultation = demo_consultation
    assert (consultation.opens_on, consultation.closes_on) == (dt.date(2007, 10, 1), dt.date(2007, 10, 31))
    counts = settlement.counts(settlement_items(consultation))
    assert (counts.received, counts.not_relevant, counts.relevant, counts.otherwise, counts.awaiting) == (5, 3, 2, 2, 0)
    assert set(counts.by_channel) <= {"paper", "post"}
    comments = list(Comment.objects.filter(consultation=consultation))
    assert all(dt.date(2007, 10, 1) <= c.received_on <= dt.date(2007, 10, 31) for c in comments)
    assert all(c.text.startswith("Ukázkový obsah:") for c in comments)
    assert not any(c.name or c.email or c.postal_address or c.organisation for c in comments)  # nobody invented
    relevant = [c for c in comments if c.evaluation.relevance == "relevant"]
    assert "romské komunitě" in relevant[0].text and "denní stacionář" in relevant[1].text
    for comment in relevant:
        assert "najít organizaci" in comment.evaluation.answer and comment.evaluation.decision == "otherwise"
    assert {e.decided_by for e in Evaluation.objects.all()} == {coordinator}
    assert consultation.settlement_published_at.date() == dt.date(2007, 11, 14)
    assert consultation.settlement_introduction.startswith("Ukázkový obsah:")
    annex = consultation.version.plan.chapters.order_by("order").last()
    assert annex.key == "vyporadani-pripominek"

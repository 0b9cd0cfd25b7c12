"""Staff entry, evaluation with its history, moderation, publication and erasing personal data."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from komplan.consultation import evaluation
from komplan.consultation.models import Comment, Evaluation
from komplan.plan.models import Chapter

from .staff_helpers import AFTER, OCT_5, SECRET_EMAIL, decide, enter, settled

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 10), "white").save(out, "PNG")
    return out.getvalue()


def refused(field, call):
    with pytest.raises(ValidationError) as info:
        call()
    assert field in info.value.message_dict, info.value.message_dict
    return info.value.message_dict[field][0]


def test_staff_entry_gets_a_reference_and_keeps_the_channel(consultation, coordinator, first_paragraph):
    chapter, paragraph = first_paragraph
    comment = enter(consultation, coordinator, chapter_key=chapter, paragraph_id=paragraph, channel="paper")
    assert comment.reference == "KP-2007-001" and comment.channel == "paper" and comment.received_on == OCT_5
    assert comment.recorded_by == coordinator and comment.email == SECRET_EMAIL
    assert enter(consultation, coordinator).reference == "KP-2007-002"


def test_staff_entry_refusals_at_the_field(consultation, coordinator, first_paragraph):
    chapter, _ = first_paragraph
    refused("text", lambda: enter(consultation, coordinator, text="   "))
    refused("text", lambda: enter(consultation, coordinator, text="x" * 5001))
    refused("channel", lambda: enter(consultation, coordinator, channel="web"))
    refused("chapter_key", lambda: enter(consultation, coordinator, chapter_key="neni"))
    refused("paragraph_id", lambda: enter(consultation, coordinator, chapter_key=chapter, paragraph_id="deadbeef"))
    refused("name", lambda: enter(consultation, coordinator, name=""))
    refused("email", lambda: enter(consultation, coordinator, email="", postal_address=""))
    refused("received_on", lambda: enter(consultation, coordinator, received_on=dt.date(2007, 9, 30)))
    refused("received_on", lambda: enter(consultation, coordinator, channel="paper", received_on=dt.date(2007, 11, 1)))
    assert Comment.objects.count() == 0


def test_a_posted_letter_may_arrive_a_few_days_late(consultation, coordinator):
    assert enter(consultation, coordinator, channel="post", received_on=dt.date(2007, 11, 5)).pk
    refused("received_on", lambda: enter(consultation, coordinator, channel="post", received_on=dt.date(2007, 11, 9)))


def test_scans_are_checked_by_their_content(consultation, coordinator, media):
    comment = enter(consultation, coordinator, scan=SimpleUploadedFile("dopis.png", png()))
    assert comment.scan.name.endswith(".png") and comment.scan.size > 0
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    assert enter(consultation, coordinator, scan=SimpleUploadedFile("dopis.pdf", pdf)).scan
    assert "PDF" in refused("scan", lambda: enter(consultation, coordinator, scan=SimpleUploadedFile("a.exe", b"MZ")))
    refused("scan", lambda: enter(consultation, coordinator, scan=SimpleUploadedFile("a.png", pdf)))
    refused("scan", lambda: enter(consultation, coordinator, scan=SimpleUploadedFile("a.pdf", png())))
    assert Comment.objects.count() == 2


def test_evaluating_twice_keeps_both_rows(consultation, coordinator, member):
    comment = enter(consultation, coordinator)
    first = decide(comment, member, "not_relevant")
    second = decide(comment, coordinator, "relevant", "partly", opened_evaluation=first.pk)
    comment.refresh_from_db()
    assert comment.evaluation == second
    assert list(Evaluation.objects.filter(comment=comment).order_by("pk")) == [first, second]
    assert first.relevance_reason == "Netýká se plánu." and second.decision == "partly"
    with pytest.raises(evaluation.EvaluationConflict):
        decide(comment, member, opened_evaluation=first.pk)  # the form showed the first decision, not the second


def test_evaluation_refusals(consultation, coordinator):
    comment = enter(consultation, coordinator)
    refused("relevance_reason", lambda: decide(comment, coordinator, "not_relevant", relevance_reason=""))
    refused("decision", lambda: decide(comment, coordinator, "relevant", ""))
    refused("answer", lambda: decide(comment, coordinator, answer=" "))
    refused("relevance", lambda: decide(comment, coordinator, "maybe"))
    assert not Evaluation.objects.exists()


def test_publication_needs_the_period_closed_and_every_comment_answered(consultation, coordinator):
    enter(consultation, coordinator)
    with pytest.raises(ValidationError, match="po skončení připomínkování"):
        evaluation.publish_settlement(consultation, coordinator, now=dt.datetime(2007, 10, 20, tzinfo=dt.UTC))
    with pytest.raises(ValidationError, match="čekají na vyhodnocení"):
        evaluation.publish_settlement(consultation, coordinator, now=AFTER)
    consultation.refresh_from_db()
    assert consultation.settlement_published_at is None


def test_publication_adds_the_annex_once_and_mails_each_commenter_once(consultation, coordinator):
    comments = settled(consultation, coordinator)
    consultation.refresh_from_db()
    assert consultation.settlement_published_at == AFTER
    assert len(mail.outbox) == 5
    assert {m.to[0] for m in mail.outbox} == {SECRET_EMAIL}
    assert f"/pripominky/{consultation.pk}/vyporadani/#pripominka-KP-2007-001" in mail.outbox[0].body
    assert all(c.notified_at for c in Comment.objects.all())
    annex = Chapter.objects.get(plan=consultation.version.plan, key="vyporadani-pripominek")
    assert annex.order == Chapter.objects.filter(plan=annex.plan).count()
    assert [b.kind for b in annex.blocks.all()] == ["narrative", "generated"]
    assert annex.blocks.all()[0].paragraphs[0]["text"] == "Úvod vypořádání."
    # publishing again (e.g. after changing an answer) keeps the date and e-mails nobody twice
    decide(comments[0], coordinator, answer="Opravená odpověď.")
    assert evaluation.publish_settlement(consultation, coordinator) == 0
    consultation.refresh_from_db()
    assert consultation.settlement_published_at == AFTER and len(mail.outbox) == 5
    assert Chapter.objects.filter(key="vyporadani-pripominek").count() == 1


def test_moderation_keeps_the_record(consultation, coordinator):
    comment = enter(consultation, coordinator)
    refused("reason", lambda: evaluation.hide(comment, " "))
    evaluation.hide(comment, "Urážlivý text.")
    comment.refresh_from_db()
    assert comment.hidden and comment.hidden_reason == "Urážlivý text." and comment.text
    evaluation.unhide(comment)
    comment.refresh_from_db()
    assert not comment.hidden and comment.hidden_reason == ""


def test_anonymise_erases_personal_data_and_the_scan(
    consultation, coordinator, media, django_capture_on_commit_callbacks
):
    comment = enter(consultation, coordinator, scan=SimpleUploadedFile("dopis.png", png()), organisation="Spolek")
    path = media / comment.scan.name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        evaluation.anonymise(comment)
    comment.refresh_from_db()
    assert (comment.name, comment.email, comment.postal_address, comment.organisation) == ("", "", "", "")
    assert not comment.scan and not comment.publish_name and comment.anonymised_at
    assert not path.exists() and comment.text and comment.reference == "KP-2007-001"


def test_anonymise_expired_after_the_retention(consultation, coordinator):
    settled(consultation, coordinator, 1, 1)
    consultation.retention_days = 30
    consultation.save()
    assert evaluation.anonymise_expired(AFTER + dt.timedelta(days=29)) == 0
    assert evaluation.anonymise_expired(AFTER + dt.timedelta(days=30)) == 2
    assert evaluation.anonymise_expired(AFTER + dt.timedelta(days=31)) == 0  # idempotent
    assert not Comment.objects.exclude(email="").exists()


def test_the_anonymise_command(consultation, coordinator, komplan_cli):
    settled(consultation, coordinator, 1, 0)  # published in 2007: long past the default retention of 365 days
    code, out, _err = komplan_cli("anonymise-comments")
    assert code == 0 and "1" in out
    assert komplan_cli("anonymise-comments")[1].strip() == "Personal data of 0 comments erased."
    assert Comment.objects.get().anonymised_at is not None

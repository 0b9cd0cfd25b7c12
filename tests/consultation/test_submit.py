"""services.submit_comment: every rule of a public comment, and that a refusal stores nothing."""

import datetime as dt

import pytest
from django.utils import translation

from komplan.consultation import services
from komplan.consultation.anchors import describe, find
from komplan.consultation.models import Comment, ContactRule, SubmissionLog

pytestmark = pytest.mark.django_db

OCT_15 = dt.date(2007, 10, 15)
VALID = {"text": "Chybí denní stacionář pro seniory.", "name": "Jana Nováková", "email": "jana@example.cz"}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def submit(consultation, today=OCT_15, address="192.0.2.1", **data):
    return services.submit_comment(consultation, {**VALID, **data}, "web", address, today=today)


def refused(consultation, today=OCT_15, **data) -> dict:
    with pytest.raises(services.CommentRefused) as exc:
        submit(consultation, today, **data)
    assert not Comment.objects.exists()
    consultation.refresh_from_db()
    assert consultation.next_number == 1
    return exc.value.errors


def test_a_comment_on_a_paragraph_is_stored_with_the_next_reference(consultation, first_paragraph):
    chapter, paragraph = first_paragraph
    comment = submit(consultation, chapter=chapter, paragraph=paragraph, text="  Text\r\ns řádky.  ")
    assert comment.reference == "KP-2007-001"
    assert (comment.chapter_key, comment.paragraph_id) == (chapter, paragraph)
    assert comment.text == "Text\ns řádky."
    assert comment.channel == "web" and comment.received_on == OCT_15
    assert submit(consultation).reference == "KP-2007-002"


def test_a_paragraph_alone_finds_its_chapter(consultation, comment_version):
    last = comment_version.snapshot["chapters"][-1]
    paragraph = next(b for b in last["blocks"] if b["kind"] == "narrative")["paragraphs"][0]["id"]
    comment = submit(consultation, paragraph=paragraph)
    assert comment.chapter_key == last["key"]


def test_a_chapter_and_a_general_comment(consultation, first_paragraph):
    assert submit(consultation, chapter=first_paragraph[0]).paragraph_id == ""
    general = submit(consultation)
    assert (general.chapter_key, general.paragraph_id) == ("", "")


@pytest.mark.parametrize(
    ("today", "reason"),
    [
        (dt.date(2007, 11, 1), "The comment period ended on 31. 10. 2007."),
        (dt.date(2007, 9, 30), "The comment period has not started yet; it opens on 1. 10. 2007."),
    ],
)
def test_outside_the_period(consultation, today, reason):
    assert refused(consultation, today) == {"period": [reason]}


def test_the_first_and_the_last_day_are_open(consultation):
    assert submit(consultation, today=dt.date(2007, 10, 1)) and submit(consultation, today=dt.date(2007, 10, 31))


def test_anchors_the_version_does_not_have(consultation, comment_version, first_paragraph):
    chapter, paragraph = first_paragraph
    assert list(refused(consultation, chapter="neni")) == ["chapter"]
    assert list(refused(consultation, chapter=chapter, paragraph="00000000")) == ["paragraph"]
    assert list(refused(consultation, paragraph="00000000")) == ["paragraph"]
    other = comment_version.snapshot["chapters"][1]["key"]
    errors = refused(consultation, chapter=other, paragraph=paragraph)
    assert "has no paragraph" in errors["paragraph"][0]


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text(consultation, text):
    assert refused(consultation, text=text) == {"text": ["Write the text of your comment."]}


def test_over_long_text_counts_a_line_break_once(consultation):
    consultation.max_length = 100
    assert submit(consultation, text="a\r\n" * 50)  # 99 characters once CRLF is one line break
    Comment.objects.all().delete()
    consultation.next_number = 1
    consultation.save()
    errors = refused(consultation, text="x" * 101)
    assert errors == {"text": ["The comment has 101 characters; at most 100 are accepted."]}


def test_contact_rules(consultation):
    assert refused(consultation, name="") == {"name": [str(services.NAME_REQUIRED)]}
    assert refused(consultation, email="") == {"email": [str(services.CONTACT_REQUIRED)]}
    assert submit(consultation, email="", postal_address="Masarykovo nám. 1, Slaný")
    consultation.contact_rule = ContactRule.NAME
    assert submit(consultation, email="").name == "Jana Nováková"
    assert refused_again(consultation, name="") == {"name": [str(services.NAME_REQUIRED)]}
    consultation.contact_rule = ContactRule.ANONYMOUS
    anonymous = submit(consultation, name="", email="")
    assert anonymous.name == "" and anonymous.email == ""


def refused_again(consultation, **data):
    with pytest.raises(services.CommentRefused) as exc:
        submit(consultation, **data)
    return exc.value.errors


def test_every_problem_at_once(consultation):
    errors = refused(consultation, chapter="neni", text="", name="x" * 201, email="není-adresa", organisation="\x00")
    assert set(errors) == {"chapter", "text", "name", "email", "organisation"}
    assert errors["email"] == ["Write an e-mail address like name@example.cz."]
    assert errors["organisation"] == ["Null characters are not allowed."]


def test_publish_name_needs_a_name(consultation):
    consultation.contact_rule = ContactRule.ANONYMOUS
    assert submit(consultation, name="", email="", publish_name=True).publish_name is False
    assert submit(consultation, publish_name=True).publish_name is True
    assert submit(consultation, publish_name=False).publish_name is False


def test_a_filled_honeypot_stores_nothing(consultation):
    assert submit(consultation, honeypot="http://spam.example") is None
    assert not Comment.objects.exists() and not SubmissionLog.objects.exists()
    consultation.refresh_from_db()
    assert consultation.next_number == 1


def test_rate_limit_per_address(consultation, settings):
    settings.CONSULTATION_RATE_LIMITS = ((2, 600), (3, 86400))
    submit(consultation)
    submit(consultation)
    with pytest.raises(services.RateLimited) as exc:
        submit(consultation)
    assert 0 < exc.value.retry_after <= 600
    assert "Too many comments" in exc.value.message
    assert submit(consultation, address="198.51.100.7")  # another address is not limited
    assert Comment.objects.count() == 3
    logged = set(SubmissionLog.objects.values_list("address_hash", flat=True))
    assert logged == {services.address_hash("192.0.2.1"), services.address_hash("198.51.100.7")}
    assert all(len(h) == 64 and "192" not in h for h in logged)


def test_the_daily_limit(consultation, settings):
    settings.CONSULTATION_RATE_LIMITS = ((10, 600), (2, 86400))
    submit(consultation)
    submit(consultation)
    with pytest.raises(services.RateLimited) as exc:
        submit(consultation)
    assert exc.value.retry_after > 600


def test_no_limit_when_switched_off(consultation, settings):
    settings.CONSULTATION_RATE_LIMITS = None
    for _ in range(8):
        submit(consultation)
    assert Comment.objects.count() == 8


def test_old_log_rows_are_deleted(consultation):
    from django.utils import timezone

    old = SubmissionLog.objects.create(
        consultation=consultation, address_hash="x" * 64, at=timezone.now() - dt.timedelta(days=2)
    )
    submit(consultation)
    assert not SubmissionLog.objects.filter(pk=old.pk).exists()
    assert SubmissionLog.objects.count() == 1


def test_describe_and_find(comment_version, first_paragraph):
    snapshot = comment_version.snapshot
    chapter, paragraph = first_paragraph
    anchor = find(snapshot, chapter, paragraph)
    assert anchor.chapter_number == 1 and anchor.paragraph_number == 1 and anchor.paragraph_text
    title = snapshot["chapters"][0]["title"]
    assert describe(snapshot, chapter, paragraph) == f"1. {title}, paragraph 1"
    assert describe(snapshot, chapter, "") == f"1. {title}"
    assert describe(snapshot, "", "") == "the whole plan"
    assert describe(snapshot, "gone", "") == "gone"

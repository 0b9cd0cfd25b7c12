"""The life cycle of a version: working → comment → final → approved → published, and every refusal."""

import datetime as dt

import pytest
from django.utils import translation

from komplan.plan import approval
from komplan.plan.models import Transition, Version, VersionState
from komplan.plan.services import (
    TransitionRefused,
    allowed_transitions,
    approve,
    first_comment_number,
    freeze_version,
    publish,
    put_to_comment,
)

pytestmark = pytest.mark.django_db

DEC_19 = dt.date(2007, 12, 19)


def _approve(version, user, **extra):
    values = {"body": "Zastupitelstvo města Slaný", "resolution_number": "123/2007", "resolution_date": DEC_19}
    return approve(version, user, **{**values, **extra})


def _final(plan, user):
    working = freeze_version(plan, user, "pracovní verze", issued_on=dt.date(2007, 6, 27))
    put_to_comment(working, user, "připomínky 1.–31. 10. 2007")
    return freeze_version(plan, user, "konečná verze", state=VersionState.FINAL, issued_on=dt.date(2007, 11, 20))


def test_the_whole_life_cycle_is_logged(plan, coordinator):
    final = _final(plan, coordinator)
    approved = _approve(final, coordinator, note="schváleno")
    published = publish(approved, coordinator)
    assert published.state == VersionState.PUBLISHED and published.published_at is not None
    assert published.resolution_date == DEC_19 and published.approval_body == "Zastupitelstvo města Slaný"
    steps = [(t.version.number, t.from_state, t.to_state) for t in Transition.objects.order_by("pk")]
    assert steps == [
        (1, "", "working"),
        (1, "working", "comment"),
        (2, "", "final"),
        (2, "final", "approved"),
        (2, "approved", "published"),
    ]
    assert Transition.objects.filter(note="připomínky 1.–31. 10. 2007", by=coordinator).exists()
    assert Version.objects.get(number=1).issued_on == dt.date(2007, 6, 27)


def test_a_version_can_be_frozen_for_comments_directly(plan, coordinator):
    version = freeze_version(plan, coordinator, state=VersionState.COMMENT)
    assert version.state == "comment" and first_comment_number(plan) == 1
    assert version.issued_on is not None


def test_approving_without_any_comment_version_is_refused(plan, coordinator):
    working = freeze_version(plan, coordinator)
    with pytest.raises(TransitionRefused, match="připomínk"):
        _approve(working, coordinator)
    with pytest.raises(TransitionRefused, match="připomínk"):
        freeze_version(plan, coordinator, state=VersionState.FINAL)
    # A final version that got into the database some other way is refused at approval all the same.
    final = Version.objects.create(plan=plan, number=5, state=VersionState.FINAL)
    with pytest.raises(TransitionRefused, match="připomínk"):
        _approve(final, coordinator)
    final.refresh_from_db()
    assert final.state == "final" and not final.resolution_number


def test_the_comment_version_must_come_before_the_final_one(plan, coordinator):
    final = Version.objects.create(plan=plan, number=1, state=VersionState.FINAL)
    freeze_version(plan, coordinator, state=VersionState.COMMENT)  # number 2, after the final one
    with pytest.raises(TransitionRefused):
        _approve(final, coordinator)


def test_a_second_approval_is_refused(plan, coordinator):
    final = _approve(_final(plan, coordinator), coordinator)
    with pytest.raises(TransitionRefused, match="již byla schválena") as caught:
        _approve(final, coordinator, resolution_number="999/2008")
    assert "123/2007" in str(caught.value)
    publish(final, coordinator)
    with pytest.raises(TransitionRefused, match="již byla schválena"):
        _approve(final, coordinator)
    final.refresh_from_db()
    assert final.resolution_number == "123/2007"


def test_publishing_a_version_that_is_not_approved_is_refused(plan, coordinator):
    final = _final(plan, coordinator)
    for version in (Version.objects.get(number=1), final):
        with pytest.raises(TransitionRefused, match="není schválena"):
            publish(version, coordinator)
    published = publish(_approve(final, coordinator), coordinator)
    with pytest.raises(TransitionRefused, match="již byla zveřejněna"):
        publish(published, coordinator)


def test_wrong_states_are_refused(plan, coordinator):
    final = _final(plan, coordinator)
    comment = Version.objects.get(number=1)
    for version in (comment, final):
        with pytest.raises(TransitionRefused):
            put_to_comment(version, coordinator)
    with pytest.raises(TransitionRefused):
        _approve(comment, coordinator)
    with pytest.raises(TransitionRefused):
        freeze_version(plan, coordinator, state=VersionState.APPROVED)
    assert Transition.objects.count() == 3


def test_approval_needs_its_fields_and_a_sensible_date(plan, coordinator):
    final = _final(plan, coordinator)
    with pytest.raises(TransitionRefused):
        _approve(final, coordinator, body=" ")
    with pytest.raises(TransitionRefused, match="starší"):
        _approve(final, coordinator, resolution_date=dt.date(2007, 1, 1))


def test_allowed_transitions(plan, coordinator):
    final = _final(plan, coordinator)
    comment = Version.objects.get(number=1)
    first = first_comment_number(plan)
    assert allowed_transitions(comment, first) == []
    assert allowed_transitions(final, first) == ["approve"]
    assert allowed_transitions(final, None) == []
    assert allowed_transitions(_approve(final, coordinator), first) == ["publish"]
    assert allowed_transitions(freeze_version(plan, coordinator), first) == ["comment"]


def test_approval_note(plan, coordinator):
    final = _final(plan, coordinator)
    assert final.approval_note == ""
    final = _approve(final, coordinator)
    with translation.override("cs"):
        assert final.approval_note == "Schváleno usnesením Zastupitelstva města Slaný č. 123/2007 ze dne 19. 12. 2007"
    with translation.override("en"):
        assert final.approval_note == "Approved by Zastupitelstvo města Slaný, resolution No. 123/2007 of 19. 12. 2007"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Zastupitelstvo města Slaný", "Zastupitelstva města Slaný"),
        ("Rada města Slaný", "Rady města Slaný"),
        ("Městské zastupitelstvo Slaný", "Městského zastupitelstva Slaný"),
        ("zastupitelstvo obce Třebíz", "zastupitelstva obce Třebíz"),
        ("Svazek obcí Slánsko", None),
        ("Městské Slaný", None),
    ],
)
def test_genitive_of_a_body(body, expected):
    assert approval.genitive(body) == expected


def test_an_unknown_body_is_kept_as_written():
    with translation.override("cs"):
        note = approval.approval_note("Svazek obcí Slánsko", "7/2008", dt.date(2008, 3, 1))
    assert "Svazek obcí Slánsko" in note and "7/2008" in note and "1. 3. 2008" in note


def test_default_body():
    assert approval.default_body("Slaný", 15000) == "Zastupitelstvo města Slaný"
    assert approval.default_body("Třebíz", 300) == "Zastupitelstvo obce Třebíz"

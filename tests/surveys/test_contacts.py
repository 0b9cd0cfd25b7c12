"""Respondents' contacts: kept apart, consent recorded when given, never rewritten or dropped by a later save."""

from __future__ import annotations

import pytest

from komplan.surveys.definition import AnswerContext
from komplan.surveys.models import RespondentContact
from komplan.surveys.services import Submission, create_survey, submit

DEFINITION = {
    "sections": [{"key": "s", "title": "S", "questions": [{"key": "q", "type": "text", "label": "Co chybí?"}]}]
}


@pytest.fixture
def survey(process):
    return create_survey(
        process,
        title="Průzkum",
        kind="users",
        definition=DEFINITION,
        is_published=True,
        collects_contact=True,
        consent_text="Souhlas v1",
    )


def test_a_save_without_the_contact_block_keeps_the_contact_and_its_consent(survey):
    contact = {"name": "Jana", "email": "jana@example.org", "consent": True}
    saved = submit(survey, Submission({"q": "stacionář"}, final=False, contact=contact), AnswerContext())
    recorded = RespondentContact.objects.get(response=saved)
    survey.consent_text = "Souhlas v2"
    survey.collects_contact = False  # the survey stopped asking: the block is no longer shown
    survey.save()

    submit(survey, Submission({"q": "denní stacionář"}, resume_token=saved.resume_token, contact=None), AnswerContext())

    kept = RespondentContact.objects.get(response=saved)
    assert (kept.email, kept.consent_text, kept.consented_at) == (
        "jana@example.org",
        "Souhlas v1",
        recorded.consented_at,
    )


def test_unchanged_details_keep_the_consent_and_cleared_details_delete_it(survey):
    contact = {"name": "Jana", "email": "jana@example.org", "consent": True}
    saved = submit(survey, Submission({"q": "x"}, final=False, contact=contact), AnswerContext())
    recorded = RespondentContact.objects.get(response=saved)

    submit(
        survey, Submission({"q": "y"}, final=False, resume_token=saved.resume_token, contact=contact), AnswerContext()
    )
    assert RespondentContact.objects.get(response=saved).consented_at == recorded.consented_at

    submit(
        survey,
        Submission({"q": "z"}, resume_token=saved.resume_token, contact={"name": "", "email": ""}),
        AnswerContext(),
    )
    assert not RespondentContact.objects.filter(response=saved).exists()

"""The generated chapter of the plan about a survey."""

from __future__ import annotations

import pytest
from django.utils import translation

from komplan.surveys.analysis import Audience, analyse
from komplan.surveys.chapter import generate, heading
from komplan.surveys.models import Code, CodedAnswer, SurveyKind

from .results_fixtures import add_response, filled_survey, make_survey


def english_chapter(survey) -> str:
    """The analysis and the chapter in one language: the analysis labels channels and answers as it computes."""
    with translation.override("en"):
        return generate(analyse(survey), language="en")


@pytest.fixture
def survey(process):
    return filled_survey(process)


def test_headings_by_kind(process):
    with translation.override("en"):
        assert heading(make_survey(process, kind=SurveyKind.USERS)) == "Survey of social service recipients"
        assert heading(make_survey(process, kind=SurveyKind.PUBLIC, title="B")) == "Survey of the public"
        assert heading(make_survey(process, kind=SurveyKind.PROVIDERS, title="C")) == "Survey of providers"
        assert heading(make_survey(process, kind=SurveyKind.OTHER, title="Jiný")) == "Jiný"


def test_chapter_key_numbers(survey):
    text = english_chapter(survey)

    assert "## Course of the survey" in text
    assert "collected 4 responses on " in text
    assert "2 – web form; 2 – paper questionnaire (typed in by staff)" in text
    assert "The questionnaire had 10 questions." in text
    assert "## Main results" in text
    assert "**Kolik je vám let?** (n = 4): 65–79 let 50.0\u00a0% (95% interval 15.0–85.0\u00a0%)" in text
    assert "**Celková spokojenost** (n = 4): mean 3.5 on the scale 1–5; 4 or more: 50.0\u00a0%." in text
    assert "(several answers possible)" in text  # Kde hledáte informace?
    assert "rated best: Cena (mean 4.5), worst: Dostupnost (mean 2.5)" in text
    assert "## Open questions" in text
    assert "most frequent words: senior (2), stacionář (2)" in text
    assert "Nováková" not in text  # words of one answer never reach the plan
    assert "## Method and limits" in text
    assert "Illustrative" not in text


def test_chapter_prefers_categories(survey):
    code = Code.objects.create(survey=survey, question_key="chybi", label="Denní stacionář")
    for response in survey.responses.filter(answers__chybi__icontains="stacionář"):
        CodedAnswer.objects.create(code=code, response=response)

    text = english_chapter(survey)

    assert "most frequent categories: Denní stacionář (2)." in text


def test_chapter_warns_about_illustrative_data(survey):
    add_response(survey, {"vek": "do64"}, illustrative=True)

    text = english_chapter(survey)

    assert text.startswith("> **Illustrative data, not findings:** 1 of the 5 responses was generated")


def test_chapter_of_an_empty_survey(process):
    assert generate(analyse(make_survey(process)), language="en") == "The survey has no sent responses yet.\n"


def test_chapter_needs_the_public_analysis(survey):
    with pytest.raises(ValueError):
        generate(analyse(survey, audience=Audience.STAFF))


def test_chapter_is_czech_by_default(survey):
    text = generate(analyse(survey))

    # Numbers in Czech format whatever the messages' translation state: a decimal comma.
    assert "50,0\u00a0%" in text


def test_numbers_are_rounded_half_up():
    from komplan.surveys.results_presentation import number

    with translation.override("en"):
        assert number(45.4545, 1) == "45.5"  # Django's number_format alone would cut it to 45.4
        assert number(2.25, 1) == "2.3"
        assert number(1234567.891) == "1,234,567.9"

"""A small user survey with known answers, for the tests of the analysis, its pages, exports, PDF, chapter and API.

Every count the tests assert can be read off ``ANSWERS`` below.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from komplan.surveys.models import Channel, Response, ResponseStatus, Survey, SurveyKind
from komplan.surveys.services import create_survey

SLANY = "532819"

QUESTIONNAIRE = {
    "language": "cs",
    "sections": [
        {
            "key": "respondent",
            "title": "O vás",
            "questions": [
                {
                    "key": "vek",
                    "type": "single",
                    "label": "Kolik je vám let?",
                    "required": True,
                    "choices": [
                        {"value": "do64", "label": "do 64 let"},
                        {"value": "65_79", "label": "65–79 let"},
                        {"value": "80plus", "label": "80 a více let"},
                    ],
                },
                {"key": "obec", "type": "municipality", "label": "Obec bydliště"},
                {"key": "uvod", "type": "info", "label": "Děkujeme."},
            ],
        },
        {
            "key": "sluzby",
            "title": "Sociální služby",
            "questions": [
                {
                    "key": "vyuziva",
                    "type": "single",
                    "label": "Využíváte vy nebo vaši blízcí sociální službu?",
                    "choices": [{"value": "ano", "label": "Ano"}, {"value": "ne", "label": "Ne"}],
                },
                {
                    "key": "info",
                    "type": "multiple",
                    "label": "Kde hledáte informace?",
                    "choices": [
                        {"value": "urad", "label": "Městský úřad"},
                        {"value": "web", "label": "Web města"},
                        {"value": "rodina", "label": "Rodina a známí"},
                    ],
                    "other": True,
                },
                {
                    "key": "spokojenost",
                    "type": "matrix",
                    "label": "Jak jste spokojeni?",
                    "rows": [{"value": "dostupnost", "label": "Dostupnost"}, {"value": "cena", "label": "Cena"}],
                    "min": 1,
                    "max": 5,
                },
                {
                    "key": "celkove",
                    "type": "scale",
                    "label": "Celková spokojenost",
                    "min": 1,
                    "max": 5,
                    "min_label": "velmi nespokojen",
                    "max_label": "velmi spokojen",
                },
                {"key": "domacnost", "type": "number", "label": "Počet členů domácnosti", "min": 1, "max": 20},
                {"key": "od", "type": "date", "label": "Od kdy službu využíváte?"},
                {"key": "znate", "type": "services", "label": "Které služby znáte a využíváte?"},
                {"key": "chybi", "type": "textarea", "label": "Jaké služby vám chybějí?"},
            ],
        },
    ],
}

# (answers, channel, illustrative)
ANSWERS = [
    (
        {
            "vek": "do64",
            "obec": SLANY,
            "vyuziva": "ne",
            "info": ["web"],
            "celkove": 4,
            "domacnost": 3,
            "chybi": "Chybí denní stacionář pro seniory.",
        },
        Channel.WEB,
        False,
    ),
    (
        {
            "vek": "65_79",
            "obec": SLANY,
            "vyuziva": "ano",
            "info": ["urad", "rodina"],
            "spokojenost": {"dostupnost": 2, "cena": 4},
            "celkove": 2,
            "domacnost": 2,
            "od": "2024-03-15",
            "chybi": "Senioři potřebují stacionáře a odlehčovací službu.",
        },
        Channel.WEB,
        False,
    ),
    (
        {
            "vek": "80plus",
            "vyuziva": "ano",
            "info": ["urad", "other"],
            "info__other": "farnost",
            "spokojenost": {"dostupnost": 3, "cena": 5},
            "celkove": 5,
            "domacnost": 1,
            "od": "2024-03-02",
            "chybi": "Pečovatelská služba o víkendu, paní Nováková to ví.",
        },
        Channel.PAPER,
        False,
    ),
    (
        {"vek": "65_79", "vyuziva": "ne", "info": ["rodina"], "celkove": 3, "domacnost": 2},
        Channel.PAPER,
        False,
    ),
]


def make_survey(process, *, kind=SurveyKind.USERS, results_public=True, title="Průzkum potřeb občanů", **fields):
    fields.setdefault("is_published", True)
    return create_survey(
        process, title=title, kind=kind, definition=QUESTIONNAIRE, results_public=results_public, **fields
    )


def add_response(survey: Survey, answers: dict, channel=Channel.WEB, illustrative=False, status=None) -> Response:
    now = timezone.now()
    status = status or ResponseStatus.SUBMITTED
    return Response.objects.create(
        survey=survey,
        version=survey.current_version(),
        channel=channel,
        status=status,
        answers=answers,
        is_illustrative=illustrative,
        submitted_at=now - dt.timedelta(minutes=5) if status == ResponseStatus.SUBMITTED else None,
    )


def filled_survey(process, **fields) -> Survey:
    """The survey with the four ``ANSWERS`` sent and one saved but unsent response (which never counts)."""
    survey = make_survey(process, **fields)
    for answers, channel, illustrative in ANSWERS:
        add_response(survey, answers, channel, illustrative)
    add_response(survey, {"vek": "80plus"}, Channel.WEB, status=ResponseStatus.IN_PROGRESS)
    return survey

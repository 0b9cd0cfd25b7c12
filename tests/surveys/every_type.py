"""A questionnaire with every question type, display conditions and "other", for the collection tests.

A format fixture, written for the tests (the real templates are another module's): the questions follow
the user survey of domain.md §6.2 so the texts read naturally, but no answers here are findings.
"""

from __future__ import annotations

import copy

from tests.directory.factories import make_service

SLANY = "532819"
KLADNO = "532053"

EVERY_TYPE = {
    "language": "cs",
    "sections": [
        {
            "key": "o_vas",
            "title": "O vás",
            "description": "Odpovědi jsou anonymní.",
            "questions": [
                {"key": "uvod", "type": "info", "label": "Průzkum trvá asi deset minut."},
                {"key": "obec", "type": "municipality", "label": "Obec bydliště", "required": True},
                {"key": "vek", "type": "number", "label": "Kolik je vám let?", "min": 15, "max": 110},
                {"key": "narozeni", "type": "date", "label": "Kdy jste se do obce přistěhoval(a)?"},
            ],
        },
        {
            "key": "sluzby",
            "title": "Sociální služby",
            "questions": [
                {
                    "key": "vyuziva",
                    "type": "single",
                    "label": "Využil(a) jste vy nebo vaši blízcí sociální službu v posledních 5 letech?",
                    "required": True,
                    "choices": [
                        {"value": "ja", "label": "Ano, já"},
                        {"value": "blizci", "label": "Ano, moji blízcí"},
                        {"value": "ne", "label": "Ne"},
                    ],
                },
                {
                    "key": "informace",
                    "type": "multiple",
                    "label": "Kde hledáte informace o sociálních službách?",
                    "help": "Můžete zaškrtnout více možností.",
                    "choices": [
                        {"value": "urad", "label": "Městský úřad"},
                        {"value": "web", "label": "Internet"},
                        {"value": "lekar", "label": "Lékař"},
                    ],
                    "other": True,
                    "max": 2,
                },
                {
                    "key": "spokojenost",
                    "type": "scale",
                    "label": "Jak jste se službou celkově spokojen(a)?",
                    "min": 1,
                    "max": 5,
                    "min_label": "velmi nespokojen(a)",
                    "max_label": "velmi spokojen(a)",
                    "conditions": [{"question": "vyuziva", "op": "not_equals", "value": "ne"}],
                },
                {
                    "key": "hodnoceni",
                    "type": "matrix",
                    "label": "Ohodnoťte službu",
                    "rows": [
                        {"value": "dostupnost", "label": "Dostupnost"},
                        {"value": "cena", "label": "Cena"},
                        {"value": "personal", "label": "Personál"},
                    ],
                    "min": 1,
                    "max": 5,
                    "min_label": "nejhorší",
                    "max_label": "nejlepší",
                    "conditions": [{"question": "vyuziva", "op": "equals", "value": "ja"}],
                },
                {"key": "katalog", "type": "services", "label": "Které služby znáte a které využíváte?"},
            ],
        },
        {
            "key": "potreby",
            "title": "Co chybí",
            "questions": [
                {"key": "chybi", "type": "text", "label": "Která služba vám v obci chybí?"},
                {"key": "vzkaz", "type": "textarea", "label": "Co dalšího byste chtěl(a) vzkázat?"},
            ],
        },
    ],
}

# Answers a respondent who uses a service might give (the catalogue ids are filled in by the tests).
FULL_ANSWERS = {
    "obec": SLANY,
    "vek": "71",
    "narozeni": "1998-05-04",
    "vyuziva": "ja",
    "informace": ["urad", "other"],
    "informace__other": "sousedé",
    "spokojenost": "4",
    "hodnoceni": {"dostupnost": "5", "cena": "2", "personal": "4"},
    "chybi": "denní stacionář",
    "vzkaz": "Děkuji.\nHezký den.",
}


def every_type() -> dict:
    return copy.deepcopy(EVERY_TYPE)


def make_catalogue() -> dict:
    """Two services of Slaný's catalogue (care and prevention) and one outside it."""
    return {
        "home_care": make_service("Pečovatelská služba Slaný", "4", located_in=SLANY, serves=(SLANY,)),
        "respite": make_service("Odlehčovací služba Slaný", "8", located_in=SLANY),
        "elsewhere": make_service("Pečovatelská služba Kladno", "4", located_in=KLADNO, serves=(KLADNO,)),
    }


def make_survey(process, **fields):
    """An open, published survey with a public link (override any field)."""
    from komplan.surveys.services import create_survey

    values = {"title": "Průzkum potřeb obyvatel", "kind": "public", "is_published": True}
    values.update(fields)
    definition = values.pop("definition", None) or every_type()
    return create_survey(process, definition=definition, **values)

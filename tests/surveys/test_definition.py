"""The questionnaire format: parsing with paths to problems, display conditions, answer checks."""

from __future__ import annotations

import pytest
from django.utils import translation

from komplan.surveys.definition import AnswerContext, DefinitionError, check_answers, parse, visible


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


QUESTIONNAIRE = {
    "language": "cs",
    "sections": [
        {
            "key": "a",
            "title": "O vás",
            "questions": [
                {"key": "obec", "type": "municipality", "label": "Obec bydliště", "required": True},
                {
                    "key": "vyuziva",
                    "type": "single",
                    "label": "Využíváte sociální službu?",
                    "required": True,
                    "choices": [{"value": "ano", "label": "Ano"}, {"value": "ne", "label": "Ne"}],
                },
                {
                    "key": "ktere",
                    "type": "multiple",
                    "label": "Které?",
                    "choices": [{"value": "ps", "label": "Pečovatelská"}, {"value": "oa", "label": "Osobní asistence"}],
                    "other": True,
                    "max": 2,
                    "conditions": [{"question": "vyuziva", "op": "equals", "value": "ano"}],
                },
                {
                    "key": "spokojenost",
                    "type": "matrix",
                    "label": "Spokojenost",
                    "rows": [{"value": "dostupnost", "label": "Dostupnost"}, {"value": "cena", "label": "Cena"}],
                    "min": 1,
                    "max": 5,
                    "conditions": [{"question": "vyuziva", "op": "equals", "value": "ano"}],
                },
                {"key": "vek", "type": "number", "label": "Věk", "min": 15, "max": 110},
                {"key": "poznamka", "type": "textarea", "label": "Poznámka"},
                {"key": "sluzby", "type": "services", "label": "Které služby znáte a využíváte?"},
            ],
        }
    ],
}
CONTEXT = AnswerContext(municipality_codes=frozenset({"532819"}), service_ids=frozenset({1, 2, 3}))


def test_round_trip():
    definition = parse(QUESTIONNAIRE)

    assert [q.key for q in definition.questions()] == [
        "obec",
        "vyuziva",
        "ktere",
        "spokojenost",
        "vek",
        "poznamka",
        "sluzby",
    ]
    assert parse(definition.to_dict()).to_dict() == definition.to_dict()


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d["sections"][0]["questions"][1].update(type="dropdown"), "sections[0].questions[1].type"),
        (lambda d: d["sections"][0]["questions"][2].update(key="vyuziva"), "sections[0].questions[2].key"),
        (lambda d: d["sections"][0]["questions"][1].update(choices=[]), "sections[0].questions[1].choices"),
        (lambda d: d["sections"][0]["questions"][3].update(rows=[]), "sections[0].questions[3].rows"),
        (lambda d: d["sections"][0]["questions"][4].update(min=200), "sections[0].questions[4].min"),
        (
            lambda d: d["sections"][0]["questions"][1].update(
                conditions=[{"question": "ktere", "op": "equals", "value": "x"}]
            ),
            "sections[0].questions[1].conditions[0]",
        ),
    ],
)
def test_malformed_questionnaires_name_the_place(change, path):
    import copy

    data = copy.deepcopy(QUESTIONNAIRE)
    change(data)
    with pytest.raises(DefinitionError) as caught:
        parse(data)
    assert path in [p for p, _m in caught.value.problems]


def test_conditions_show_and_hide():
    definition = parse(QUESTIONNAIRE)

    assert "ktere" in visible(definition, {"vyuziva": "ano"})
    assert "ktere" not in visible(definition, {"vyuziva": "ne"})


def test_valid_answers_are_cleaned():
    definition = parse(QUESTIONNAIRE)
    answers = {
        "obec": "532819",
        "vyuziva": "ano",
        "ktere": ["ps", "other"],
        "ktere__other": "  denní stacionář ",
        "spokojenost": {"dostupnost": "4", "cena": 2},
        "vek": "71",
        "sluzby": {"known": [1, 2], "used": [2]},
    }

    clean, errors = check_answers(definition, answers, CONTEXT)

    assert errors == {}
    assert clean["ktere__other"] == "denní stacionář"
    assert clean["spokojenost"] == {"dostupnost": 4, "cena": 2} and clean["vek"] == 71


@pytest.mark.parametrize(
    ("answers", "key", "message"),
    [
        ({"vyuziva": "ano"}, "obec", "needs an answer"),
        ({"obec": "554782", "vyuziva": "ne"}, "obec", "planning area"),
        ({"obec": "532819", "vyuziva": "snad"}, "vyuziva", "offered"),
        (
            {"obec": "532819", "vyuziva": "ano", "ktere": ["ps", "oa", "other"], "ktere__other": "x"},
            "ktere",
            "at most 2",
        ),
        ({"obec": "532819", "vyuziva": "ano", "ktere": ["other"]}, "ktere__other", "other"),
        ({"obec": "532819", "vyuziva": "ne", "ktere": ["ps"]}, "ktere", "not shown"),
        ({"obec": "532819", "vyuziva": "ne", "vek": 9}, "vek", "from 15 to 110"),
        ({"obec": "532819", "vyuziva": "ne", "vek": "sedm"}, "vek", "number"),
        ({"obec": "532819", "vyuziva": "ano", "spokojenost": {"cena": 9}}, "spokojenost", "from 1 to 5"),
        ({"obec": "532819", "vyuziva": "ne", "sluzby": {"used": [99]}}, "sluzby", "list"),
        ({"obec": "532819", "vyuziva": "ne", "neznama": "x"}, "neznama", "no such question"),
    ],
)
def test_answers_that_break_the_rules(answers, key, message):
    _clean, errors = check_answers(parse(QUESTIONNAIRE), answers, CONTEXT)

    assert key in errors and message in errors[key]


def test_a_saved_unfinished_response_may_miss_required_answers():
    clean, errors = check_answers(parse(QUESTIONNAIRE), {"vek": 40}, CONTEXT, partial=True)

    assert errors == {} and clean == {"vek": 40}


@pytest.mark.parametrize("value", ["1e28", 10**16, "100000000000000000000", "-1e300"])
def test_absurdly_large_numbers_are_refused(value):
    _clean, errors = check_answers(parse(QUESTIONNAIRE), {"obec": "532819", "vyuziva": "ne", "vek": value}, CONTEXT)

    assert "vek" in errors


def test_whole_numbers_typed_as_text_keep_their_precision():
    data = {"sections": [{"key": "s", "title": "S", "questions": [{"key": "n", "type": "number", "label": "N"}]}]}

    clean, errors = check_answers(parse(data), {"n": "123456789012345"})

    assert errors == {} and clean["n"] == 123456789012345


@pytest.mark.parametrize("ids", [[1e400], [True], [{"x": 1}], ["abc"]])
def test_service_lists_of_the_wrong_kind_are_refused(ids):
    _clean, errors = check_answers(
        parse(QUESTIONNAIRE), {"obec": "532819", "vyuziva": "ne", "sluzby": {"known": ids}}, CONTEXT
    )

    assert "sluzby" in errors

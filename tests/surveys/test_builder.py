"""The builder's edits of a questionnaire, without HTTP: every change re-checked, keys stable, refusals explained."""

from __future__ import annotations

import copy

import pytest
from django.utils import translation

from komplan.surveys import builder
from komplan.surveys.definition import DefinitionError, parse


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def questionnaire() -> dict:
    return {
        "language": "cs",
        "sections": [
            {
                "key": "s1",
                "title": "O vás",
                "questions": [
                    {
                        "key": "q1",
                        "type": "single",
                        "label": "Využíváte sociální službu?",
                        "choices": [{"value": "ano", "label": "Ano"}, {"value": "ne", "label": "Ne"}],
                    },
                    {
                        "key": "q2",
                        "type": "text",
                        "label": "Kterou?",
                        "conditions": [{"question": "q1", "op": "equals", "value": "ano"}],
                    },
                    {"key": "q3", "type": "scale", "label": "Spokojenost", "min": 1, "max": 5},
                ],
            },
            {"key": "s2", "title": "Závěr", "questions": [{"key": "q4", "type": "textarea", "label": "Poznámka"}]},
        ],
    }


def keys(definition: dict) -> list[str]:
    return [q.key for q in parse(definition).questions()]


def test_the_input_is_never_changed():
    original = questionnaire()
    before = copy.deepcopy(original)

    builder.add_question(original, "s1", {"type": "number", "label": "Věk"})
    builder.move_question(original, "q3", -1)
    builder.delete_question(original, "q4")
    builder.edit_section(original, "s1", title="Nový")

    assert original == before


def test_blank_questionnaire_parses():
    assert parse(builder.blank("en")).sections[0].key == "s1"


def test_new_keys_are_never_reused():
    definition, key = builder.add_question(questionnaire(), "s2", {"type": "number", "label": "Věk"})
    assert key == "q5"
    definition = builder.delete_question(definition, "q5")
    definition, key = builder.add_question(definition, "s2", {"type": "date", "label": "Datum"})
    # the highest number in use is q4 again, so q5 comes back: no answers can exist for a key deleted within a
    # version without answers, and once answered the version is frozen
    assert key == "q5"
    definition, section = builder.add_section(definition, "Třetí")
    assert section == "s3"
    assert builder.free_key({"sections": [{"key": "s1", "questions": [{"key": "q9"}, {"key": "x"}]}]}) == "q10"


def test_add_question_refuses_a_key_in_use():
    with pytest.raises(DefinitionError) as error:
        builder.add_question(questionnaire(), "s1", {"key": "q1", "type": "text", "label": "X"})
    assert error.value.problems[0][0] == "key"


def test_add_question_is_checked_by_parse():
    with pytest.raises(DefinitionError) as error:
        builder.add_question(questionnaire(), "s1", {"type": "single", "label": "Bez možností"})
    assert error.value.problems[0][0] == "sections[0].questions[3].choices"


def test_move_keeps_keys_and_crosses_sections():
    definition = builder.move_question(questionnaire(), "q3", -1)
    assert keys(definition) == ["q1", "q3", "q2", "q4"]

    definition = builder.move_question(questionnaire(), "q3", +1)  # last of s1 → first of s2
    assert [[q["key"] for q in s["questions"]] for s in definition["sections"]] == [["q1", "q2"], ["q3", "q4"]]

    definition = builder.move_question(questionnaire(), "q4", -1)  # first of s2 → last of s1
    assert [[q["key"] for q in s["questions"]] for s in definition["sections"]] == [["q1", "q2", "q3", "q4"], []]

    assert keys(builder.move_question(questionnaire(), "q1", -1)) == ["q1", "q2", "q3", "q4"]  # already first


def test_move_above_the_question_a_condition_needs_is_refused():
    with pytest.raises(DefinitionError) as error:
        builder.move_question(questionnaire(), "q2", -1)
    assert "not an earlier question" in str(error.value)


def test_move_section():
    definition = builder.move_section(questionnaire(), "s2", -1)
    assert [s["key"] for s in definition["sections"]] == ["s2", "s1"]
    assert builder.move_section(questionnaire(), "s2", +1) == builder.move_section(questionnaire(), "s2", 0)


def test_delete_question_another_depends_on_is_refused():
    with pytest.raises(DefinitionError) as error:
        builder.delete_question(questionnaire(), "q1")
    assert "Kterou? (q2)" in str(error.value)

    definition = builder.set_conditions(questionnaire(), "q2", [])
    assert "q1" not in keys(builder.delete_question(definition, "q1"))


def test_delete_section_needs_confirmation_when_it_has_questions():
    with pytest.raises(DefinitionError):
        builder.delete_section(questionnaire(), "s2")
    assert [s["key"] for s in builder.delete_section(questionnaire(), "s2", with_questions=True)["sections"]] == ["s1"]

    definition, key = builder.add_section(questionnaire(), "Prázdný")
    assert len(builder.delete_section(definition, key)["sections"]) == 2

    moved = builder.move_question(builder.move_question(questionnaire(), "q2", +1), "q2", +1)  # q2 into s2
    assert builder.question(moved, "q2") == builder.question(questionnaire(), "q2")
    with pytest.raises(DefinitionError) as error:  # q2 in s2 depends on q1 in s1
        builder.delete_section(moved, "s1", with_questions=True)
    assert "(q2)" in str(error.value)
    with pytest.raises(DefinitionError):
        builder.delete_section(builder.blank(), "s1")


def test_edit_question_keeps_conditions_and_renames_references():
    definition = builder.edit_question(
        questionnaire(),
        "q1",
        {
            "key": "vyuziva",
            "type": "single",
            "label": "Využíváte?",
            "choices": [{"value": "ano", "label": "Ano"}, {"value": "ne", "label": "Ne"}],
        },
    )
    q2 = builder.question(definition, "q2")
    assert q2["conditions"] == [{"question": "vyuziva", "op": "equals", "value": "ano"}]

    definition = builder.edit_question(definition, "q2", {"type": "text", "label": "Jakou?"})
    assert builder.question(definition, "q2")["conditions"][0]["question"] == "vyuziva"


def test_edit_question_refuses_dropping_a_choice_a_condition_uses():
    with pytest.raises(DefinitionError) as error:
        builder.edit_question(
            questionnaire(), "q1", {"type": "single", "label": "X", "choices": [{"value": "ne", "label": "Ne"}]}
        )
    assert "“ano”" in str(error.value)


def test_edit_question_refuses_a_duplicate_key():
    with pytest.raises(DefinitionError) as error:
        builder.edit_question(questionnaire(), "q4", {"key": "q3", "type": "text", "label": "X"})
    assert error.value.problems[0][0] == "key"


def test_conditions_from_earlier_questions_only():
    sources = builder.condition_sources(questionnaire(), "q4")
    assert [s["question"]["key"] for s in sources] == ["q1", "q2", "q3"]
    assert sources[0]["values"] == [("ano", "Ano"), ("ne", "Ne")]
    assert sources[2]["values"] == [(str(n), str(n)) for n in range(1, 6)]
    assert sources[1]["values"] == []  # free text: only "answered"

    definition = builder.set_conditions(
        questionnaire(), "q4", [{"question": "q3", "op": "equals", "value": "5"}, {"question": "q2", "op": "answered"}]
    )
    assert builder.question(definition, "q4")["conditions"][1] == {"question": "q2", "op": "answered"}

    with pytest.raises(DefinitionError):
        builder.set_conditions(questionnaire(), "q1", [{"question": "q3", "op": "equals", "value": "5"}])


def test_rename_and_renumber_follow_conditions():
    definition = builder.rename_question(questionnaire(), "q1", "pouziva")
    assert builder.question(definition, "q2")["conditions"][0]["question"] == "pouziva"
    with pytest.raises(DefinitionError):
        builder.rename_question(questionnaire(), "q1", "q2")

    moved = builder.move_question(builder.move_question(questionnaire(), "q4", -1), "q4", -1)
    renumbered, mapping = builder.renumber(moved)
    assert keys(renumbered) == ["q1", "q2", "q3", "q4"]
    assert mapping == {"q4": "q3", "q3": "q4"}
    assert renumbered["sections"][0]["questions"][1]["conditions"][0]["question"] == "q1"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ano|Ano\nne|Ne", [{"value": "ano", "label": "Ano"}, {"value": "ne", "label": "Ne"}]),
        (
            "Denní stacionář\n\nDenní stacionář",
            [
                {"value": "denni_stacionar", "label": "Denní stacionář"},
                {"value": "denni_stacionar_2", "label": "Denní stacionář"},
            ],
        ),
        ("1|velmi spokojen\nJiné", [{"value": "1", "label": "velmi spokojen"}, {"value": "jine", "label": "Jiné"}]),
        ("Other", [{"value": "other_choice", "label": "Other"}]),
        ("a|A|B", [{"value": "a", "label": "A|B"}]),
    ],
)
def test_parse_choices(text, expected):
    assert builder.parse_choices(text) == expected
    assert builder.parse_choices(builder.format_choices(expected)) == expected


@pytest.mark.parametrize(("text", "line"), [("a|A\na|B", "Line 2"), ("x|", "Line 1"), ("other|Jiné", "Line 1")])
def test_parse_choices_refuses_with_the_line(text, line):
    with pytest.raises(DefinitionError) as error:
        builder.parse_choices(text)
    assert str(error.value).startswith(f"choices: {line}")


def test_maps_to():
    funding = {"state_subsidy", "region"}
    for value in ("", "capacity:pob", "waiting_list", "refused_capacity", "funding:region", "contact:web"):
        assert builder.check_maps_to(value, funding) is None
    for value in ("capacity:xyz", "funding:lottery", "kapacita", "contact:fax"):
        assert "capacity:amb" in builder.check_maps_to(value, funding)


def test_question_problems_by_field():
    definition = questionnaire()
    definition["sections"][0]["questions"][0]["choices"].append({"value": "ano", "label": "Znovu"})
    with pytest.raises(DefinitionError) as error:
        parse(definition)

    problems = builder.question_problems(error.value.problems, 0, 0)

    assert problems == {"choices": ["Line 3: “ano” is used twice"]}
    assert builder.question_problems(error.value.problems, 0, 1) == {"": ["“ano” is used twice"]}


def test_outline_in_words():
    definition = questionnaire()
    definition["sections"][1]["questions"].append({"key": "q5", "type": "number", "label": "Počet", "max": 9})
    definition["sections"][1]["questions"].append(
        {
            "key": "q6",
            "type": "multiple",
            "label": "Které",
            "min": 1,
            "choices": [{"value": "a", "label": "A"}],
            "other": True,
        }
    )

    sections = builder.outline(definition)

    q1, q2, q3 = sections[0].questions
    assert q1.type_label == "Single choice" and q1.choices == [("ano", "Ano"), ("ne", "Ne")]
    assert q2.conditions == ["“Využíváte sociální službu?” (q1) is “Ano”"]
    assert q2.rules == ["at most 300 characters"]
    assert q3.rules == ["points 1 to 5"]
    q4, q5, q6 = sections[1].questions
    assert q5.rules == ["at most 9", "whole numbers"]
    assert q6.rules == ["number of choices: at least 1"] and q6.choices[-1] == ("other", "Other, please specify")


def test_keys_answered_in_an_earlier_version_are_never_given_to_a_new_question():
    from komplan.surveys import builder
    from komplan.surveys.builder import BuilderError

    definition = {
        "sections": [{"key": "s1", "title": "A", "questions": [{"key": "q1", "type": "text", "label": "Jméno?"}]}]
    }

    result, key = builder.add_question(definition, "s1", {"type": "text", "label": "Nová"}, reserved=frozenset({"q2"}))
    assert key == "q3"
    with pytest.raises(BuilderError):
        builder.add_question(result, "s1", {"key": "q2", "type": "text", "label": "X"}, reserved=frozenset({"q2"}))
    with pytest.raises(BuilderError):
        builder.rename_question(result, "q3", "q2", reserved=frozenset({"q2"}))

"""The questionnaire templates: valid, the same in Czech and English, codelist codes, catalogue mappings."""

from __future__ import annotations

import pytest
from django.utils import translation

from komplan.directory.codelists import read_all
from komplan.directory.models import Codelist
from komplan.surveys import library
from komplan.surveys.definition import AnswerContext, QuestionType, check_answers, parse, visible
from komplan.surveys.models import SurveyKind
from komplan.surveys.services import create_survey

ALL = [(t.slug, language) for t in library.TEMPLATES for language in library.LANGUAGES]
CODELISTS = read_all()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def codes(codelist: str) -> set[str]:
    return set(CODELISTS[codelist])


def questions(slug: str, language: str = "cs") -> dict:
    return {q.key: q for q in parse(library.load(slug, language)).questions()}


def structure(definition: dict) -> list:
    """Everything but the texts: what must be the same in every language."""
    result = []
    for section in definition["sections"]:
        for q in section["questions"]:
            result.append(
                (
                    section["key"],
                    q["key"],
                    q["type"],
                    [c["value"] for c in q.get("choices", [])],
                    [r["value"] for r in q.get("rows", [])],
                    q.get("other", False),
                    q.get("required", False),
                    q.get("min"),
                    q.get("max"),
                    q.get("integer", True),
                    q.get("conditions", []),
                    q.get("maps_to", ""),
                    bool(q.get("help")),
                    bool(q.get("min_label")),
                )
            )
    return result


@pytest.mark.parametrize(("slug", "language"), ALL)
def test_every_template_is_a_valid_questionnaire_in_its_language(slug, language):
    data = library.load(slug, language)

    checked = parse(data)
    assert checked.language == language
    assert checked.to_dict() == data  # stored exactly as the builder would store it


def test_the_files_are_exactly_the_templates_in_both_languages():
    files = {path.name for path in library.DATA_DIR.glob("*.json")}

    assert files == {f"{slug}.{language}.json" for slug, language in ALL}
    assert [t.kind for t in library.TEMPLATES] == [
        SurveyKind.PROVIDERS,
        SurveyKind.USERS,
        SurveyKind.PUBLIC,
        SurveyKind.MAYORS,
    ]


@pytest.mark.parametrize("slug", [t.slug for t in library.TEMPLATES])
def test_czech_and_english_differ_only_in_their_texts(slug):
    czech, english = library.load(slug, "cs"), library.load(slug, "en")

    assert structure(czech) == structure(english)
    labels = zip(
        [q["label"] for s in czech["sections"] for q in s["questions"]],
        [q["label"] for s in english["sections"] for q in s["questions"]],
        strict=True,
    )
    assert all(cs != en for cs, en in labels)  # translated, not copied


def test_every_question_type_is_used_somewhere():
    used = {q.type for slug in ("providers", "users", "public", "mayors") for q in questions(slug).values()}

    assert used == set(QuestionType.ALL)


def test_the_provider_survey_maps_to_the_agreed_catalogue_names():
    found = questions("providers")
    mapped = {q.maps_to: q for q in found.values() if q.maps_to}

    funding = {f"funding:{code}" for code in codes(Codelist.FUNDING_SOURCE)}
    fixed = {"capacity:amb", "capacity:pob", "capacity:ter", "waiting_list", "refused_capacity", "reference_year"}
    contacts = {"contact:email", "contact:phone", "contact:web"}
    assert set(mapped) == fixed | funding | contacts
    assert all(mapped[name].type == QuestionType.NUMBER for name in fixed | funding)
    assert all(mapped[name].type == QuestionType.TEXT for name in contacts)
    assert all(mapped[name].integer for name in fixed)  # counts of people and places, a year
    assert all(q.min == 0 for name, q in mapped.items() if name.startswith(("capacity", "funding")))
    assert mapped["reference_year"].required
    for form in ("amb", "pob", "ter"):  # asked only for a form the service has
        assert mapped[f"capacity:{form}"].conditions[0].__dict__ == {
            "question": "forms",
            "op": "includes",
            "value": form,
        }
    assert "91" in mapped["refused_capacity"].help


def test_codelist_questions_use_the_catalogue_codes():
    found = questions("providers")

    assert {c.value for c in found["service_type"].choices} == codes(Codelist.SERVICE_TYPE)
    assert {c.value for c in found["forms"].choices} == codes(Codelist.SERVICE_FORM) == {"amb", "pob", "ter"}
    assert {c.value for c in found["target_groups"].choices} == codes(Codelist.TARGET_GROUP)
    assert {c.value for c in found["age_groups"].choices} == codes(Codelist.AGE_GROUP)
    assert {c.value for c in found["legal_form"].choices} <= codes(Codelist.LEGAL_FORM)
    for slug, key in (("users", "future_use"), ("public", "future_use"), ("mayors", "missing_services")):
        assert {c.value for c in questions(slug)[key].choices} <= codes(Codelist.SERVICE_TYPE)


def test_display_conditions_follow_the_answers():
    definition = parse(library.load("users", "cs"))

    never = visible(definition, {"used_service": "no"})
    assert "services" not in never and "satisfaction" not in never and "not_used_reason" in never
    still = visible(definition, {"used_service": "yes", "still_using": "yes"})
    assert {"services", "satisfaction", "recommend"} <= still and "stop_reasons" not in still
    assert "stop_reasons" in visible(definition, {"used_service": "yes", "still_using": "stopped"})


def test_no_personal_data_is_asked_of_users_the_public_or_mayors():
    for slug in ("users", "public", "mayors"):
        for language in library.LANGUAGES:
            asked = questions(slug, language).values()
            text = " ".join(f"{q.key} {q.label} {q.help}" for q in asked).lower()
            for word in ("e-mail", "telefon", "phone", "jméno", "your name", "rodné číslo", "adres", "address"):
                assert word not in text, (slug, language, word)
            assert not any(q.maps_to for q in asked)


def test_a_provider_answer_passes_the_checks():
    definition = parse(library.load("providers", "en"))
    answers = {
        "reference_year": 2024,
        "provider_name": "Charita Slaný",
        "service_name": "Pečovatelská služba",
        "service_type": "4",
        "forms": ["ter", "amb"],
        "served_territory": "yes",
        "target_groups": ["24", "17"],
        "capacity_ter": 40,
        "capacity_amb": 5,
        "clients_territory": 112,
        "waiting_list": 8,
        "refused_capacity": 3,
        "funding_state_subsidy": 2_450_000,
        "funding_municipality": 800_000.5,
        "cooperation": {"municipality": 5, "region": 4},
        "contact_email": "ps@example.org",
    }

    clean, errors = check_answers(definition, answers, AnswerContext())

    assert errors == {} and clean["funding_municipality"] == 800_000.5
    _clean, errors = check_answers(definition, {**answers, "capacity_pob": 10}, AnswerContext())
    assert "capacity_pob" in errors  # residential capacity of a service without the residential form


def test_templates_list_in_the_asked_language_and_fall_back_to_czech():
    english = library.templates("en")
    assert [t.slug for t in english] == ["providers", "users", "public", "mayors"]
    assert english[0].title == "Questionnaire for social-service providers" and english[0].language == "en"
    assert library.templates("en-gb")[1].title == english[1].title
    assert library.templates("de")[0].title == "Dotazník pro poskytovatele sociálních služeb"
    with pytest.raises(library.UnknownTemplate):
        library.load("census")


def test_load_gives_a_fresh_copy():
    first = library.load("public", "cs")
    first["sections"][0]["questions"].clear()

    assert library.load("public", "cs")["sections"][0]["questions"]


def test_a_survey_is_created_from_every_template(process):
    for template in library.templates("cs"):
        survey = create_survey(
            process, title=template.title, kind=template.kind, definition=library.load(template.slug, "cs")
        )
        assert survey.current_version().definition == library.load(template.slug, "cs")

"""The questionnaire builder over HTTP: sections and questions of every type, moves, conditions, deletes,
versioning once answers exist, problems shown at the field; access for every persona."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from komplan.surveys import services
from komplan.surveys.definition import QuestionType, parse
from komplan.surveys.models import Channel, Response, ResponseStatus, Survey

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.surveys.urls_admin")]

QUESTIONNAIRE = {
    "language": "cs",
    "sections": [
        {
            "key": "s1",
            "title": "O vás",
            "questions": [
                {
                    "key": "vyuziva",
                    "type": "single",
                    "label": "Využíváte sociální službu?",
                    "choices": [{"value": "ano", "label": "Ano"}, {"value": "ne", "label": "Ne"}],
                },
                {
                    "key": "kterou",
                    "type": "text",
                    "label": "Kterou?",
                    "conditions": [{"question": "vyuziva", "op": "equals", "value": "ano"}],
                },
            ],
        },
        {"key": "s2", "title": "Závěr", "questions": [{"key": "poznamka", "type": "textarea", "label": "Poznámka"}]},
    ],
}


@pytest.fixture
def survey(process, coordinator):
    return services.create_survey(process, title="Uživatelé", kind="users", definition=QUESTIONNAIRE, user=coordinator)


@pytest.fixture
def staff(as_user, coordinator):
    return as_user(coordinator)


def url(survey: Survey, tail: str = "dotaznik/") -> str:
    return f"/en/slany/sprava/pruzkumy/{survey.slug}/{tail}"


def current(survey: Survey) -> dict:
    return Survey.objects.get(pk=survey.pk).current_version().definition


def keys(survey: Survey) -> list[list[str]]:
    return [[q["key"] for q in s["questions"]] for s in current(survey)["sections"]]


def answer(survey: Survey) -> Response:
    return Response.objects.create(
        survey=survey,
        version=survey.current_version(),
        channel=Channel.WEB,
        status=ResponseStatus.SUBMITTED,
        answers={"vyuziva": "ne"},
        submitted_at=timezone.now(),
    )


GET_PAGES = [
    "dotaznik/",
    "oddily/novy-oddil/",
    "oddily/s1/",
    "oddily/s1/smazat/",
    "oddily/s1/nova-otazka/?type=single",
    "otazky/kterou/",
    "otazky/kterou/podminky/",
    "otazky/kterou/smazat/",
]
POST_ONLY = ["oddily/s2/posunout/", "otazky/poznamka/posunout/", "kody/"]


@pytest.mark.parametrize("page", GET_PAGES)
def test_access(client, as_user, member, outsider, coordinator, survey, page):
    target = url(survey, page)

    assert client.get(target).status_code == 302
    assert as_user(outsider).get(target).status_code == 404
    assert as_user(member).get(target).status_code == 403
    assert as_user(coordinator).get(target).status_code == 200


@pytest.mark.parametrize("page", POST_ONLY)
def test_access_of_buttons(client, as_user, member, outsider, survey, page):
    target = url(survey, page)

    assert "/ucet/" in client.post(target, {"direction": "up"})["Location"]
    assert as_user(outsider).post(target, {"direction": "up"}).status_code == 404
    assert as_user(member).post(target, {"direction": "up"}).status_code == 403
    assert keys(survey) == [["vyuziva", "kterou"], ["poznamka"]]


def test_unknown_section_or_question_is_not_found(staff, survey):
    assert staff.get(url(survey, "oddily/s9/")).status_code == 404
    assert staff.get(url(survey, "otazky/nic/")).status_code == 404
    assert staff.post(url(survey, "otazky/nic/posunout/"), {"direction": "up"}).status_code == 404


def test_builder_page_lists_sections_questions_and_add_forms(staff, survey):
    html = staff.get(url(survey)).content.decode()

    assert 'id="oddil-s1"' in html and 'id="otazka-kterou"' in html
    assert "Shown when" in html
    assert html.count('name="type"') == 2  # one "add a question" form per section
    assert "Renumber the codes" in html


MINIMAL = {
    QuestionType.SINGLE: {"choices": "Ano\nNe"},
    QuestionType.MULTIPLE: {"choices": "a|A\nb|B\nc|C", "other": "on", "max": "2"},
    QuestionType.SCALE: {"min": "1", "max": "7", "min_label": "vůbec", "max_label": "velmi"},
    QuestionType.MATRIX: {"rows": "Dostupnost\nCena", "min": "1", "max": "5"},
    QuestionType.NUMBER: {"min": "0", "max": "1.5"},
    QuestionType.TEXT: {},
    QuestionType.TEXTAREA: {},
    QuestionType.DATE: {},
    QuestionType.MUNICIPALITY: {},
    QuestionType.SERVICES: {},
    QuestionType.INFO: {},
}


@pytest.mark.parametrize("kind", QuestionType.ALL)
def test_add_a_question_of_every_type(staff, survey, kind):
    page = staff.get(url(survey, f"oddily/s2/nova-otazka/?type={kind}"))
    assert page.status_code == 200 and page.context["form"].kind == kind

    response = staff.post(
        url(survey, "oddily/s2/nova-otazka/"), {"type": kind, "label": f"Otázka {kind}", **MINIMAL[kind]}
    )

    assert response.status_code == 302 and response["Location"].endswith("#otazka-q1")
    question = parse(current(survey)).question("q1")
    assert (question.type, question.label) == (kind, f"Otázka {kind}")
    assert keys(survey)[1] == ["poznamka", "q1"]


def test_added_questions_keep_their_details(staff, survey):
    for kind in (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.NUMBER, QuestionType.SCALE):
        staff.post(url(survey, "oddily/s2/nova-otazka/"), {"type": kind, "label": kind, **MINIMAL[kind]})
    definition = parse(current(survey))

    single, multiple, number, scale = (definition.question(k) for k in ("q1", "q2", "q3", "q4"))
    assert [(c.value, c.label) for c in single.choices] == [("ano", "Ano"), ("ne", "Ne")]
    assert (multiple.other, multiple.max) == (True, 2)
    assert (number.min, number.max, number.integer) == (0, 1.5, False)
    assert (scale.min, scale.max, scale.min_label) == (1, 7, "vůbec")


def test_whole_numbers_are_checked_at_the_field(staff, survey):
    response = staff.post(
        url(survey, "oddily/s2/nova-otazka/"), {"type": "number", "label": "Počet", "integer": "on", "max": "2.5"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["max"] == ["Write a whole number."]


def test_problems_of_the_questionnaire_are_shown_at_the_field(staff, survey):
    duplicate = staff.post(
        url(survey, "oddily/s1/nova-otazka/"), {"type": "single", "label": "X", "choices": "a|A\na|B"}
    )
    assert duplicate.status_code == 400
    assert duplicate.context["form"].errors["choices"] == ["Line 2: the value “a” is used twice."]

    scale = staff.post(url(survey, "oddily/s1/nova-otazka/"), {"type": "scale", "label": "X", "min": "1", "max": "30"})
    assert scale.status_code == 400
    assert scale.context["form"].errors["max"] == ["a scale has 2 to 21 points"]
    assert re.search(r'aria-describedby="[^"]*id_max_errors"', scale.content.decode())

    taken = staff.post(url(survey, "oddily/s1/nova-otazka/"), {"type": "text", "label": "X", "key": "vyuziva"})
    assert taken.status_code == 400 and "key" in taken.context["form"].errors

    bad_key = staff.post(url(survey, "oddily/s1/nova-otazka/"), {"type": "text", "label": "X", "key": "9abc"})
    assert bad_key.status_code == 400 and "key" in bad_key.context["form"].errors
    assert keys(survey) == [["vyuziva", "kterou"], ["poznamka"]]


def test_unknown_type_goes_back_with_a_message(staff, survey):
    response = staff.get(url(survey, "oddily/s1/nova-otazka/?type=dropdown"), follow=True)

    assert "Choose the type of the new question." in response.content.decode()


def test_edit_a_question_and_rename_its_code(staff, survey):
    form = staff.get(url(survey, "otazky/vyuziva/")).context["form"]
    assert form.initial["choices"] == "ano|Ano\nne|Ne"

    response = staff.post(
        url(survey, "otazky/vyuziva/"),
        {"key": "pouziva", "label": "Používáte službu?", "choices": "ano|Ano\nne|Ne\nnevim|Nevím", "required": "on"},
    )

    assert response.status_code == 302 and response["Location"].endswith("#otazka-pouziva")
    definition = parse(current(survey))
    question = definition.question("pouziva")
    assert question.required and [c.value for c in question.choices] == ["ano", "ne", "nevim"]
    assert definition.question("kterou").conditions[0].question == "pouziva"
    assert survey.versions.count() == 1  # no answers yet: the same version


def test_dropping_a_choice_a_condition_uses_is_refused(staff, survey):
    response = staff.post(url(survey, "otazky/vyuziva/"), {"label": "Využíváte?", "choices": "ne|Ne"})

    assert response.status_code == 400
    assert "no longer offers" in " ".join(response.context["form"].non_field_errors())
    assert parse(current(survey)).question("vyuziva").label == "Využíváte sociální službu?"


def test_editing_an_answered_questionnaire_creates_the_next_version(staff, survey):
    answer(survey)

    page = staff.get(url(survey, "otazky/vyuziva/"))
    assert "Changes create version 2; the answers given so far keep version 1." in page.content.decode()
    assert page.context["form"].fields["key"].disabled  # answers are stored under this code

    response = staff.post(
        url(survey, "otazky/vyuziva/"),
        {"key": "jiny_kod", "label": "Využíváte nějakou službu?", "choices": "ano|Ano\nne|Ne"},
        follow=True,
    )

    assert "Saved as version 2; the answers given so far keep version 1." in response.content.decode()
    first, second = survey.versions.order_by("number")
    assert parse(first.definition).question("vyuziva").label == "Využíváte sociální službu?"
    assert parse(second.definition).question("vyuziva").label == "Využíváte nějakou službu?"  # the code stayed
    assert second.note == "Question “Využíváte nějakou službu?” edited" and second.created_by is not None
    assert Response.objects.get().version == first

    # version 2 has no answers yet: the next change goes into it
    staff.post(url(survey, "otazky/poznamka/posunout/"), {"direction": "up"})
    assert survey.versions.count() == 2
    assert "Changes create version" not in staff.get(url(survey)).content.decode()


def test_codes_of_new_questions_stay_free_after_answers(staff, survey):
    answer(survey)
    staff.post(url(survey, "oddily/s2/nova-otazka/"), {"type": "text", "label": "Nová"})

    edit = staff.get(url(survey, "otazky/q1/"))

    assert not edit.context["form"].fields["key"].disabled  # q1 exists only in version 2, nobody answered it


def test_move_questions_and_sections(staff, survey):
    staff.post(url(survey, "otazky/poznamka/posunout/"), {"direction": "up"})
    assert keys(survey) == [["vyuziva", "kterou", "poznamka"], []]

    staff.post(url(survey, "otazky/kterou/posunout/"), {"direction": "down"})
    assert keys(survey) == [["vyuziva", "poznamka", "kterou"], []]

    staff.post(url(survey, "oddily/s2/posunout/"), {"direction": "up"})
    assert [s["key"] for s in current(survey)["sections"]] == ["s2", "s1"]


def test_move_above_the_condition_source_is_refused_with_the_reason(staff, survey):
    response = staff.post(url(survey, "otazky/kterou/posunout/"), {"direction": "up"}, follow=True)

    assert "The question cannot move there" in response.content.decode()
    assert keys(survey) == [["vyuziva", "kterou"], ["poznamka"]]


def test_set_and_clear_conditions(staff, survey):
    page = staff.get(url(survey, "otazky/poznamka/podminky/"))
    html = page.content.decode()
    assert "<optgroup" in html and "equals|vyuziva|ne" in html and "answered|kterou|" in html

    staff.post(url(survey, "otazky/poznamka/podminky/"), {"condition_1": "equals|vyuziva|ne", "condition_2": ""})
    assert parse(current(survey)).question("poznamka").conditions[0].value == "ne"

    staff.post(url(survey, "otazky/poznamka/podminky/"), {"condition_1": "", "condition_2": ""})
    assert parse(current(survey)).question("poznamka").conditions == []


def test_a_forged_condition_is_refused(staff, survey):
    response = staff.post(url(survey, "otazky/poznamka/podminky/"), {"condition_1": "equals|nic|x"})

    assert response.status_code == 400 and "condition_1" in response.context["form"].errors


def test_delete_questions(staff, survey):
    refused = staff.get(url(survey, "otazky/vyuziva/smazat/"))
    assert [q["key"] for q in refused.context["dependents"]] == ["kterou"]
    assert staff.post(url(survey, "otazky/vyuziva/smazat/")).status_code == 400
    assert keys(survey)[0] == ["vyuziva", "kterou"]

    assert staff.post(url(survey, "otazky/kterou/smazat/")).status_code == 302
    assert keys(survey)[0] == ["vyuziva"]


def test_sections(staff, survey):
    added = staff.post(url(survey, "oddily/novy-oddil/"), {"title": "Služby", "description": "Co využíváte"})
    assert added.status_code == 302 and added["Location"].endswith("#oddil-s3")

    staff.post(url(survey, "oddily/s3/"), {"title": "Sociální služby", "description": ""})
    assert current(survey)["sections"][2]["title"] == "Sociální služby"

    assert staff.post(url(survey, "oddily/s3/smazat/")).status_code == 302  # empty: no confirmation needed
    assert len(current(survey)["sections"]) == 2

    refused = staff.post(url(survey, "oddily/s2/smazat/"))
    assert refused.status_code == 400 and "The section has questions" in refused.content.decode()
    assert staff.post(url(survey, "oddily/s2/smazat/"), {"with_questions": "on"}).status_code == 302
    assert keys(survey) == [["vyuziva", "kterou"]]

    assert staff.post(url(survey, "oddily/s1/"), {"title": ""}).status_code == 400


def test_renumber_only_without_answers(staff, survey):
    staff.post(url(survey, "kody/"))
    assert keys(survey) == [["q1", "q2"], ["q3"]]
    assert parse(current(survey)).question("q2").conditions[0].question == "q1"

    answer(survey)
    response = staff.post(url(survey, "kody/"), follow=True)
    assert "The codes cannot change" in response.content.decode()
    assert "Renumber the codes" not in response.content.decode()


def test_catalogue_field_in_provider_surveys(staff, process, coordinator):
    providers = services.create_survey(
        process, title="Poskytovatelé", kind="providers", definition=QUESTIONNAIRE, user=coordinator
    )
    target = url(providers, "oddily/s2/nova-otazka/")
    assert "maps_to" in staff.get(target + "?type=number").context["form"].fields

    wrong = staff.post(target, {"type": "number", "label": "Lůžka", "maps_to": "kapacita"})
    assert wrong.status_code == 400 and "capacity:amb" in wrong.context["form"].errors["maps_to"][0]

    staff.post(target, {"type": "number", "label": "Z obce", "maps_to": "funding:municipality", "integer": "on"})
    assert parse(current(providers)).question("q1").maps_to == "funding:municipality"


def test_no_catalogue_field_in_other_surveys(staff, survey):
    assert "maps_to" not in staff.get(url(survey, "oddily/s2/nova-otazka/?type=number")).context["form"].fields

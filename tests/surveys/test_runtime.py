"""The questionnaire as a form and back: rendering (ids, labels, errors, conditions) and parsing a POST.

The round trip renders answers into the form, reads back what a browser would submit, parses it and
checks it with ``definition.check_answers``: every question type must survive unchanged.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import translation

from komplan.surveys import definition as qdef
from komplan.surveys import runtime
from komplan.surveys.runtime_parse import answers_from_post, contact_from_post
from komplan.surveys.runtime_render import FormInput, build_form
from komplan.surveys.services import answer_context

from .every_type import FULL_ANSWERS, SLANY, every_type, make_catalogue
from .formdata import element_ids, form_data


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def definition():
    return qdef.parse(every_type())


@pytest.fixture
def catalogue(db, process):
    return make_catalogue()


def _post(**fields) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            data.appendlist(name.replace("__dot__", "."), item)
    return data


def _render(definition, options, answers=None, errors=None, consent_text=None, contact=None) -> str:
    form_errors = runtime.FormErrors()
    form_errors.update(errors or {})
    form = build_form(
        FormInput(
            definition=definition,
            options=options,
            answers=answers or {},
            errors=form_errors,
            contact=contact,
            consent_text=consent_text,
        )
    )
    return render_to_string("surveys/collect/_form.html", {"form": form, "honeypot": "kp-homepage"})


# --- parsing ------------------------------------------------------------------------------------------


def test_a_post_becomes_answers_of_every_type(definition):
    data = _post(
        obec=SLANY,
        vek=" 71 ",
        narozeni="4. 5. 1998",  # typed without a date picker, the Czech way
        vyuziva="ja",
        informace=["urad", "other", " "],
        informace__other=" sousedé ",
        spokojenost="4",
        hodnoceni__dot__dostupnost="5",
        hodnoceni__dot__cena="",
        katalog__dot__known=["1", "2"],
        katalog__dot__used="2",
        chybi="",
        vzkaz="Děkuji.",
        _action="send",
        csrfmiddlewaretoken="x",
    )

    answers = answers_from_post(definition, data)

    assert answers == {
        "obec": SLANY,
        "vek": "71",
        "narozeni": "1998-05-04",
        "vyuziva": "ja",
        "informace": ["urad", "other"],
        "informace__other": "sousedé",
        "spokojenost": "4",
        "hodnoceni": {"dostupnost": "5"},
        "katalog": {"known": ["1", "2"], "used": ["2"]},
        "vzkaz": "Děkuji.",
    }


def test_an_empty_post_has_no_answers(definition):
    assert answers_from_post(definition, _post(_action="send", **{"kp-homepage": ""})) == {}


def test_contact_block_left_empty_is_no_contact():
    assert contact_from_post(_post(**{"contact.consent": "1"})) == (None, {})


@pytest.mark.parametrize(
    ("fields", "key", "message"),
    [
        ({"contact.email": "jana@example.cz"}, "contact.consent", "Tick the consent"),
        ({"contact.email": "jana(at)example", "contact.consent": "1"}, "contact.email", "e-mail address"),
        ({"contact.phone": "7" * 41, "contact.consent": "1"}, "contact.phone", "at most 40"),
    ],
)
def test_contact_problems_are_named_by_field(fields, key, message):
    _contact, errors = contact_from_post(_post(**fields))

    assert key in errors and message in errors[key]


def test_contact_with_consent():
    contact, errors = contact_from_post(
        _post(**{"contact.name": " Jana ", "contact.email": "jana@example.cz", "contact.consent": "1"})
    )

    assert errors == {}
    assert contact == {"name": "Jana", "email": "jana@example.cz", "phone": "", "consent": True}


# --- rendering ------------------------------------------------------------------------------------------


def test_every_question_type_is_rendered_with_its_label(definition, process, catalogue):
    html = _render(definition, runtime.options_for(process, definition))

    for question in definition.questions():
        assert question.label in html
    ids = element_ids(html)
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates
    # choice groups are fieldsets with legends; single inputs have a label for their id
    assert html.count("<fieldset") >= 1 + 3 + 2  # question groups, matrix rows, service type groups
    for match in re.finditer(r'<label class="kp-label" for="([^"]+)"', html):
        assert match.group(1) in ids
    assert "Pečovatelská služba Slaný" in html and "Odlehčovací služba Slaný" in html
    assert "Pečovatelská služba Kladno" not in html  # not in the process catalogue
    assert '<option value="532819">Slaný</option>' in html
    assert "A whole number from 15 to 110." in html
    assert "Choose at most 2." in html
    assert "(required)" in html


def test_conditional_questions_say_when_to_answer(definition, process):
    html = _render(definition, runtime.options_for(process, definition))

    assert "Answer only if the answer to “Využil(a) jste vy nebo vaši blízcí" in html
    assert "is “Ano, já”." in html
    assert "is not “Ne”." in html
    assert 'data-kp-conditions="[{&quot;question&quot;: &quot;vyuziva&quot;' in html


def test_errors_are_at_the_field_and_in_the_summary(definition, process):
    errors = {"vek": "Write a number from 15 to 110.", "informace__other": "Say what “other” means."}
    html = _render(definition, runtime.options_for(process, definition), {"vek": "9"}, errors)

    summary = html[html.index('class="kp-error-summary"') : html.index("</div>")]
    assert '<a href="#q-vek-input">Kolik je vám let?: Write a number from 15 to 110.</a>' in summary
    assert '<a href="#q-informace-other-text">' in summary
    assert re.search(r'<input type="text" id="q-vek-input"[^>]*aria-describedby="q-vek-help q-vek-error"', html)
    assert re.search(r'id="q-vek-input"[^>]*aria-invalid="true"', html)
    assert 'id="q-vek-error"' in html
    assert re.search(
        r'id="q-informace-other-text"[^>]*aria-invalid="true" aria-describedby="q-informace-other-error"', html
    )


def test_choice_group_errors_describe_the_fieldset(definition, process):
    html = _render(
        definition, runtime.options_for(process, definition), {}, {"vyuziva": "This question needs an answer."}
    )

    assert '<fieldset class="kp-q__group" aria-describedby="q-vyuziva-error">' in html
    assert '<a href="#q-vyuziva-0">' in html


def test_unknown_error_keys_become_a_general_error(definition, process):
    html = _render(definition, runtime.options_for(process, definition), {}, {"": "Reload the page.", "gone": "No."})

    assert "Reload the page. No." in html


def test_contact_block_only_when_asked(definition, process):
    options = runtime.options_for(process, definition)
    assert "contact.email" not in _render(definition, options)

    html = _render(
        definition,
        options,
        consent_text="Kontakt použijeme jen k pozvání na setkání.",
        contact={"email": "x"},
        errors={"consent": "Contact details can be kept only with your consent."},
    )

    assert "Kontakt použijeme jen k pozvání na setkání." in html
    assert 'name="contact.email" value="x"' in html
    assert '<a href="#contact-consent">Consent: Contact details can be kept only with your consent.</a>' in html


def test_honeypot_is_out_of_reach(definition, process):
    html = _render(definition, runtime.options_for(process, definition))

    assert '<div class="kp-hp" aria-hidden="true">' in html
    assert re.search(r'name="kp-homepage" value="" tabindex="-1" autocomplete="off"', html)


# --- the round trip -------------------------------------------------------------------------------------


def test_answers_survive_the_form_round_trip(definition, process, catalogue):
    answers = {**FULL_ANSWERS, "katalog": {"known": [catalogue["home_care"].pk, catalogue["respite"].pk]}}
    answers["katalog"]["used"] = [catalogue["respite"].pk]
    context = answer_context(process)
    clean, errors = qdef.check_answers(definition, answers, context)
    assert errors == {}

    html = _render(definition, runtime.options_for(process, definition), clean)
    posted = answers_from_post(definition, form_data(html, _action="send"))
    again, errors = qdef.check_answers(definition, posted, context)

    assert errors == {}
    assert again == clean


def test_an_empty_form_submits_nothing(definition, process, catalogue):
    html = _render(definition, runtime.options_for(process, definition))

    assert answers_from_post(definition, form_data(html)) == {}


def test_condition_notes_name_municipalities_and_scale_points(process):
    data = every_type()
    data["sections"][0]["questions"].append(
        {
            "key": "dojizdi",
            "type": "single",
            "label": "Dojíždíte?",
            "choices": [{"value": "ano", "label": "Ano"}],
            "conditions": [{"question": "obec", "op": "equals", "value": SLANY}, {"question": "vek", "op": "answered"}],
        }
    )
    definition = qdef.parse(data)
    question = definition.question("dojizdi")

    note = runtime.condition_note(definition, question, runtime.options_for(process, definition))

    assert note == "Answer only if the answer to “Obec bydliště” is “Slaný” and you answered “Kolik je vám let?”."


def test_service_groups_follow_the_catalogue_order(process, catalogue):
    groups = runtime.service_groups(process)

    # both are care services (§ 40, § 44): one group each, by the type's name in the page's language
    assert [g.label for g in groups] == ["Home care service", "Respite care"]
    assert [s.name for g in groups for s in g.services] == ["Pečovatelská služba Slaný", "Odlehčovací služba Slaný"]
    with translation.override("cs"):
        assert [g.label for g in runtime.service_groups(process)] == ["Odlehčovací služby", "Pečovatelská služba"]


def test_scale_ends_are_said_once_and_in_the_labels_of_the_end_points(definition, process):
    html = _render(definition, runtime.options_for(process, definition))

    assert '<p class="kp-scale__ends" aria-hidden="true">1 = velmi nespokojen(a), 5 = velmi spokojen(a)</p>' in html
    assert html.count('<span class="kp-sr-only"> – nejhorší</span>') == 3  # each row of the matrix
    assert html.count('<p class="kp-scale__ends"') == 2  # the scale and the matrix (not per row)


def test_non_finite_numbers_are_found_before_the_check(definition):
    answers = {"vek": "1e999", "spokojenost": "nan", "hodnoceni": {"cena": "inf"}, "chybi": "inf"}

    assert runtime.non_finite_numbers(definition, answers) == {
        "vek": "Write a number.",
        "spokojenost": "Write a number.",
        "hodnoceni": "Write a number.",
    }
    assert runtime.non_finite_numbers(definition, {"vek": "71", "hodnoceni": {"cena": 2}, "spokojenost": []}) == {}


def test_nul_characters_are_removed_everywhere():
    assert runtime.without_nul({"a\x00": ["b\x00c", {"d": "e\x00"}], "n": 1}) == {"a": ["bc", {"d": "e"}], "n": 1}

"""Staff screens of surveys: the list, a new survey (blank, template, XLSForm), settings, delete, versions,
structure and preview; access for every persona."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from django.utils import timezone

from komplan.surveys import services
from komplan.surveys.definition import parse
from komplan.surveys.models import Channel, Response, ResponseStatus, Survey, SurveyVersion
from tests.conftest import person

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.surveys.urls_admin")]

BASE = "/en/slany/sprava/pruzkumy/"
XLSFORMS = Path("/work/shared/data/xlsform-dotazniky/pyxform")

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
                    "required": True,
                    "choices": [{"value": "ano", "label": "Ano"}, {"value": "ne", "label": "Ne"}],
                },
                {
                    "key": "kterou",
                    "type": "text",
                    "label": "Kterou?",
                    "conditions": [{"question": "vyuziva", "op": "equals", "value": "ano"}],
                },
                {"key": "vek", "type": "number", "label": "Věk", "min": 15, "max": 110},
            ],
        }
    ],
}


@pytest.fixture
def survey(process, coordinator):
    return services.create_survey(
        process, title="Průzkum mezi uživateli", kind="users", definition=QUESTIONNAIRE, user=coordinator
    )


def answer(survey: Survey, channel: str = Channel.WEB, status: str = ResponseStatus.SUBMITTED) -> Response:
    return Response.objects.create(
        survey=survey,
        version=survey.current_version(),
        channel=channel,
        status=status,
        answers={"vyuziva": "ne"},
        submitted_at=timezone.now() if status == ResponseStatus.SUBMITTED else None,
    )


PAGES = ["novy/", "import/", "{s}/dotaznik/", "{s}/nastaveni/", "{s}/smazat/", "{s}/nahled/", "{s}/struktura/"]
PAGES += ["{s}/verze/", "{s}/verze/1/", "{s}/pozvanky/"]


@pytest.mark.parametrize("page", ["", *PAGES])
def test_access(client, as_user, member, outsider, coordinator, survey, page):
    url = BASE + page.format(s=survey.slug)

    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/ucet/" in anonymous["Location"]
    assert as_user(outsider).get(url).status_code == 404
    assert as_user(member).get(url).status_code == (200 if page == "" else 403)
    assert as_user(coordinator).get(url).status_code == 200


def test_a_survey_of_another_process_is_not_found(as_user, survey, other_process):
    boss = person("sef@example.org", "Šéf Přerova", other_process, "coordinator", "commissioner")

    assert as_user(boss).get(f"/en/prerov/sprava/pruzkumy/{survey.slug}/dotaznik/").status_code == 404


def test_list_counts_responses_by_channel(as_user, member, coordinator, survey):
    answer(survey)
    answer(survey)
    answer(survey, Channel.PAPER)
    answer(survey, status=ResponseStatus.IN_PROGRESS)  # not sent: not counted

    page = as_user(coordinator).get(BASE)

    row = page.context["surveys"][0]
    assert (row.n_total, row.n_web, row.n_paper, row.n_invitation) == (3, 2, 1, 0)
    assert row.current_status == "draft"
    html = page.content.decode()
    assert "web form: 2; paper questionnaire (typed in by staff): 1" in html
    assert "New survey" in html

    assert "New survey" not in as_user(member).get(BASE).content.decode()


def test_create_a_blank_survey(as_user, coordinator, process):
    response = as_user(coordinator).post(
        BASE + "novy/", {"start": "blank", "title": "Průzkum veřejnosti", "kind": "public"}
    )

    survey = Survey.objects.get(process=process)
    assert response.status_code == 302 and response["Location"].endswith(f"/{survey.slug}/dotaznik/")
    assert (survey.kind, survey.created_by) == ("public", coordinator)
    assert survey.current_version().definition["sections"][0]["questions"] == []


def test_a_blank_survey_needs_title_and_kind(as_user, coordinator, process):
    response = as_user(coordinator).post(BASE + "novy/", {"start": "blank", "title": " "})

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"title", "kind"}
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Survey.objects.exists()


@pytest.fixture
def fake_library(monkeypatch):
    """A template of our own in place of the shipped ones, so the test does not depend on their wording."""
    from komplan.surveys import library

    info = library.TemplateInfo("uzivatele", "users", "Dotazník pro uživatele", "krátký", "cs")
    monkeypatch.setattr(library, "templates", lambda language: [info])
    monkeypatch.setattr(library, "load", lambda slug, language: copy.deepcopy(QUESTIONNAIRE))
    return library


def test_create_from_a_template_copies_it(as_user, coordinator, process, fake_library):
    staff = as_user(coordinator)
    assert "Dotazník pro uživatele – krátký" in staff.get(BASE + "novy/").content.decode()

    response = staff.post(BASE + "novy/", {"start": "uzivatele", "title": "", "kind": ""})

    survey = Survey.objects.get(process=process)
    assert response.status_code == 302
    assert (survey.title, survey.kind) == ("Dotazník pro uživatele", "users")
    version = survey.current_version()
    assert version.note == "From the template “Dotazník pro uživatele”"
    assert [q["key"] for q in version.definition["sections"][0]["questions"]] == ["vyuziva", "kterou", "vek"]

    # an independent copy: editing it leaves the template alone
    services.save_definition(survey, {"language": "cs", "sections": [{"key": "s1", "title": "", "questions": []}]})
    assert len(QUESTIONNAIRE["sections"][0]["questions"]) == 3


def test_unknown_template_is_refused_at_the_field(as_user, coordinator, fake_library):
    response = as_user(coordinator).post(BASE + "novy/", {"start": "neni", "title": "X", "kind": "users"})

    assert response.status_code == 400 and "start" in response.context["form"].errors


@pytest.mark.parametrize("slug", ["providers", "users", "public", "mayors"])
def test_create_from_the_shipped_library(as_user, coordinator, process, slug):
    from komplan.surveys import library

    assert slug in as_user(coordinator).get(BASE + "novy/").content.decode()

    response = as_user(coordinator).post(BASE + "novy/", {"start": slug, "title": "", "kind": ""})

    survey = Survey.objects.get(process=process)
    assert response.status_code == 302
    assert survey.kind == library.get(slug).kind
    assert survey.current_version().definition == parse(library.load(slug, "en")).to_dict()  # the /en/ page


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, (XLSFORMS / name).read_bytes())


def test_xlsform_preview_then_create(as_user, coordinator, process, media):
    staff = as_user(coordinator)

    preview = staff.post(BASE + "import/", {"file": upload("tutorial.xls"), "kind": "public", "title": ""})

    assert preview.status_code == 200
    result = preview.context["result"]
    assert result.ok and result.unsupported
    html = preview.content.decode()
    assert "These parts of the form are not taken over" in html
    assert str(result.unsupported[0]).split(":")[-1].strip()[:20] in html
    assert not Survey.objects.exists()

    created = staff.post(BASE + "import/potvrdit/", {"token": preview.context["token"]})

    survey = Survey.objects.get(process=process)
    assert created.status_code == 302 and created["Location"].endswith(f"/{survey.slug}/dotaznik/")
    assert (survey.title, survey.kind) == ("tutorial", "public")
    assert survey.current_version().note == "Imported from the XLSForm “tutorial.xls”"
    assert sum(len(s["questions"]) for s in survey.current_version().definition["sections"]) == 10
    assert not any((media / "imports" / "surveys").iterdir())  # the uploaded file is not kept

    again = staff.post(BASE + "import/potvrdit/", {"token": preview.context["token"]})  # used up
    assert again.status_code == 302 and again["Location"].endswith("/import/")
    assert Survey.objects.count() == 1


def test_broken_xlsform_is_refused_with_the_place(as_user, coordinator, media):
    response = as_user(coordinator).post(BASE + "import/", {"file": upload("duplicate_columns.xlsx"), "kind": "public"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "The file cannot be imported; nothing was created." in html
    assert "sheet “survey”, row 1" in html
    assert "token" not in response.context
    assert not Survey.objects.exists()


def test_upload_must_be_a_workbook(as_user, coordinator, media):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = as_user(coordinator).post(
        BASE + "import/", {"file": SimpleUploadedFile("dotaznik.csv", b"type,name\n"), "kind": "public"}
    )

    assert response.status_code == 400 and "file" in response.context["form"].errors


def test_settings_are_checked_at_the_field(as_user, coordinator, survey):
    url = BASE + f"{survey.slug}/nastaveni/"
    data = {
        "title": "Průzkum 2026",
        "kind": "users",
        "introduction": "**Děkujeme**",
        "is_published": "on",
        "opens_at": "2026-03-01T08:00",
        "closes_at": "2026-02-01T08:00",
        "public_link": "on",
        "collects_contact": "on",
        "consent_text": "",
    }
    refused = as_user(coordinator).post(url, data)

    assert refused.status_code == 400
    errors = refused.context["form"].errors
    assert errors["closes_at"] == ["The survey must close after it opens."]
    assert "consent_text" in errors

    data.update(closes_at="2026-03-31T20:00", consent_text="Kontakt použijeme jen k pozvání na setkání.")
    saved = as_user(coordinator).post(url, data)

    assert saved.status_code == 302
    survey.refresh_from_db()
    assert survey.title == "Průzkum 2026" and survey.collects_contact and survey.is_published
    assert timezone.localtime(survey.opens_at).strftime("%Y-%m-%d %H:%M") == "2026-03-01 08:00"


def test_delete_without_responses(as_user, coordinator, survey):
    response = as_user(coordinator).post(BASE + f"{survey.slug}/smazat/")

    assert response.status_code == 302
    assert not Survey.objects.exists() and not SurveyVersion.objects.exists()


def test_delete_with_responses_needs_the_confirmation(as_user, coordinator, survey):
    answer(survey)
    url = BASE + f"{survey.slug}/smazat/"
    staff = as_user(coordinator)
    assert "The survey has 1 response." in staff.get(url).content.decode()

    refused = staff.post(url)
    assert refused.status_code == 400 and "confirm_responses" in refused.context["form"].errors
    assert Survey.objects.exists()

    assert staff.post(url, {"confirm_responses": "on"}).status_code == 302
    assert not Survey.objects.exists() and not Response.objects.exists()


def test_versions_and_their_outline(as_user, coordinator, survey):
    answer(survey)
    changed = {**QUESTIONNAIRE, "sections": [{**QUESTIONNAIRE["sections"][0], "title": "Respondent"}]}
    services.save_definition(survey, changed, user=coordinator, note="nový název oddílu")
    staff = as_user(coordinator)

    page = staff.get(BASE + f"{survey.slug}/verze/")

    rows = list(page.context["versions"])
    assert [(v.number, v.n_responses, v.note) for v in rows] == [(2, 0, "nový název oddílu"), (1, 1, "")]
    first = staff.get(BASE + f"{survey.slug}/verze/1/")
    assert first.context["outline"][0].title == "O vás"
    assert staff.get(BASE + f"{survey.slug}/verze/9/").status_code == 404


def test_structure_names_types_rules_and_conditions(as_user, coordinator, survey):
    html = as_user(coordinator).get(BASE + f"{survey.slug}/struktura/").content.decode()

    assert "Single choice" in html and "required" in html
    assert "“Využíváte sociální službu?” (vyuziva) is “Ano”" in html.replace("&quot;", '"')
    assert "from 15 to 110" in html


def test_preview_checks_answers_and_saves_nothing(as_user, coordinator, survey):
    url = BASE + f"{survey.slug}/nahled/"
    staff = as_user(coordinator)
    page = staff.get(url)
    assert "Preview — answers are not saved." in page.content.decode()
    assert 'name="vyuziva"' in page.content.decode()

    wrong = staff.post(url, {"vek": "7"})
    assert wrong.context["checked"] and not wrong.context["passed"]
    assert "Please correct the errors below" in wrong.content.decode()

    right = staff.post(url, {"vyuziva": "ano", "kterou": "pečovatelská služba", "vek": "70"})
    assert right.context["passed"]
    assert not Response.objects.exists()

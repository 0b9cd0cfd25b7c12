"""The results pages: who sees what, filters with shareable URLs and errors at the field, coding of free text."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from komplan.surveys.models import Code, CodedAnswer

from .results_fixtures import add_response, filled_survey

pytestmark = pytest.mark.urls("tests.surveys.urls_results")


@pytest.fixture
def survey(process):
    return filled_survey(process)


@pytest.fixture
def private(process):
    return filled_survey(process, title="Neveřejný průzkum", results_public=False)


def url(survey, name="results", **kwargs):
    """The Czech (unprefixed) address; tests prefix /en/ to read the page in English."""
    with translation.override("cs"):
        return reverse(
            f"survey_results:{name}", kwargs={"process": survey.process.slug, "survey": survey.slug, **kwargs}
        )


def test_public_results_page(client, survey):
    response = client.get("/en" + url(survey))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Kolik je vám let?" in html
    assert 'role="img"' in html  # the charts
    assert "<caption" in html and "Lower limit (95%)" in html  # their tables
    assert "farnost" not in html  # an "other" text: members only
    assert "Nováková" not in html  # a free-text answer: members only
    assert "Illustrative data" not in html
    assert "odpovedi.csv" not in html  # the answers export: members only


def test_staff_see_texts_and_exports(as_user, coordinator, survey):
    html = as_user(coordinator).get("/en" + url(survey)).content.decode()

    assert "farnost" in html
    assert "Nováková" in html
    assert url(survey, "export_csv") in html
    assert url(survey, "coding", key="chybi") in html


def test_member_without_manage_surveys_sees_texts_but_cannot_code(as_user, member, survey):
    html = as_user(member).get("/en" + url(survey)).content.decode()

    assert "Nováková" in html
    assert url(survey, "coding", key="chybi") not in html


def test_private_results_are_404_for_public_and_outsiders(client, as_user, outsider, member, private):
    assert client.get(url(private)).status_code == 404
    assert client.get(url(private, "pdf")).status_code == 404
    assert client.get(url(private, "chapter")).status_code == 404
    assert as_user(outsider).get(url(private)).status_code == 404  # (as_user signs the same client in)
    assert as_user(member).get(url(private)).status_code == 200


def test_index_lists_what_the_person_may_see(client, as_user, member, survey, private):
    with translation.override("cs"):
        index = reverse("survey_results:index", kwargs={"process": survey.process.slug})

    public_html = client.get(index).content.decode()
    member_html = as_user(member).get(index).content.decode()

    assert survey.title in public_html and private.title not in public_html
    assert private.title in member_html


def test_illustrative_notice(client, survey):
    add_response(survey, {"vek": "do64"}, illustrative=True)

    html = client.get("/en" + url(survey)).content.decode()

    assert "Illustrative data — not findings" in html


def test_filters_and_crosstab_through_the_url(client, survey):
    for _ in range(5):
        add_response(survey, {"vek": "65_79", "vyuziva": "ano"})

    response = client.get("/en" + url(survey), {"skupina": "vek:65_79", "podle": "vyuziva"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "7 responses of 9 sent match the choice." in html
    assert 'value="vek:65_79" selected' in html
    assert "Chi-square test" in html or "No test" in html or "No chi-square test" in html
    assert "by Využíváte vy nebo vaši blízcí sociální službu?" in html


def test_small_groups_are_withheld_from_the_public(client, as_user, coordinator, survey):
    public = client.get("/en" + url(survey), {"skupina": "vek:80plus"}).content.decode()
    staff = as_user(coordinator).get("/en" + url(survey), {"skupina": "vek:80plus"}).content.decode()

    assert "results of such a small group are not shown" in public
    assert "Kde hledáte informace?" in staff and "results of such a small group" not in staff


@pytest.mark.parametrize(
    ("params", "field_id"),
    [
        ({"skupina": "vek:99"}, "filtr-skupina"),
        ({"kanal": "holub"}, "filtr-kanal"),
        ({"verze": "9"}, "filtr-verze"),
        ({"podle": "chybi"}, "filtr-podle"),
    ],
)
def test_bad_filters_answer_400_with_the_error_at_the_field(client, survey, params, field_id):
    response = client.get("/en" + url(survey), params)

    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="{field_id}"' in html
    assert f'aria-describedby="{field_id}-error"' in html or f'{field_id}-error"' in html
    assert 'aria-invalid="true"' in html
    assert f'href="#{field_id}"' in html  # the summary links to the field


def test_bad_filter_on_pdf_and_export_is_400(client, as_user, coordinator, survey):
    assert client.get(url(survey, "pdf"), {"kanal": "holub"}).status_code == 400
    assert as_user(coordinator).get(url(survey, "export_csv"), {"verze": "x"}).status_code == 400


def test_pdf_and_chapter(client, survey):
    pdf = client.get(url(survey, "pdf"))
    chapter = client.get("/en" + url(survey, "chapter"))

    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert chapter.status_code == 200
    assert "Survey of social service recipients" in chapter.content.decode()


def test_chapter_markdown_for_staff(as_user, coordinator, survey):
    response = as_user(coordinator).get(url(survey, "chapter"), {"format": "md"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/markdown")


def test_exports_need_membership(client, as_user, outsider, member, survey):
    assert client.get(url(survey, "export_csv")).status_code == 302  # to sign in
    assert as_user(outsider).get(url(survey, "export_csv")).status_code == 404
    assert as_user(member).get(url(survey, "export_csv")).status_code == 200
    assert as_user(member).get(url(survey, "codebook")).status_code == 200


def test_contacts_need_personal_data_permission(as_user, member, coordinator, process):
    survey = filled_survey(process, title="S kontakty", collects_contact=True, consent_text="Souhlasím.")

    assert as_user(member).get(url(survey, "contacts")).status_code == 403
    assert as_user(coordinator).get(url(survey, "contacts")).status_code == 200
    assert url(survey, "contacts") in as_user(coordinator).get(url(survey)).content.decode()


# --- coding of free-text answers -----------------------------------------------------------------------


def test_coding_needs_manage_surveys(client, as_user, member, outsider, survey):
    address = url(survey, "coding", key="chybi")

    assert client.get(address).status_code == 302
    assert as_user(outsider).get(address).status_code == 404
    assert as_user(member).get(address).status_code == 403


def test_coding_only_for_free_text_questions(as_user, coordinator, survey):
    assert as_user(coordinator).get(url(survey, "coding", key="vek")).status_code == 404
    assert as_user(coordinator).get(url(survey, "coding", key="neni")).status_code == 404


def test_add_assign_and_count_categories(as_user, coordinator, survey):
    staff = as_user(coordinator)
    address = url(survey, "coding", key="chybi")

    response = staff.post(address, {"action": "add", "label": "Denní stacionář"})
    assert response.status_code == 302
    code = Code.objects.get(survey=survey, question_key="chybi")

    page = staff.get(address).content.decode()
    assert "Chybí denní stacionář pro seniory." in page
    ids = [r.pk for r in survey.responses.filter(answers__has_key="chybi").order_by("id")]
    staff.post(
        address, {"action": "assign", "shown": ids, f"kategorie-{ids[0]}": code.pk, f"kategorie-{ids[1]}": code.pk}
    )

    assert CodedAnswer.objects.filter(code=code).count() == 2
    public = Client().get("/en" + url(survey)).content.decode()
    assert "Denní stacionář" in public  # the category and its count are public
    assert "Chybí denní stacionář pro seniory." not in public

    staff.post(address, {"action": "assign", "shown": [ids[0]]})  # untick the first answer only
    assert CodedAnswer.objects.filter(code=code).count() == 1


def test_add_category_errors_at_the_field(as_user, coordinator, survey):
    staff = as_user(coordinator)
    address = "/en" + url(survey, "coding", key="chybi")
    staff.post(address, {"action": "add", "label": "Doprava"})

    response = staff.post(address, {"action": "add", "label": " doprava "})

    assert response.status_code == 400
    html = response.content.decode()
    assert "already has a category of this name" in html
    assert 'aria-invalid="true"' in html


def test_assign_ignores_other_surveys_responses_and_codes(as_user, coordinator, survey, process):
    other = filled_survey(process, title="Jiný průzkum")
    foreign_code = Code.objects.create(survey=other, question_key="chybi", label="Cizí")
    foreign_response = other.responses.first()
    address = url(survey, "coding", key="chybi")

    as_user(coordinator).post(
        address,
        {"action": "assign", "shown": [foreign_response.pk], f"kategorie-{foreign_response.pk}": foreign_code.pk},
    )

    assert not CodedAnswer.objects.exists()


def test_delete_category_and_unknown_action(as_user, coordinator, survey):
    staff = as_user(coordinator)
    address = url(survey, "coding", key="chybi")
    code = Code.objects.create(survey=survey, question_key="chybi", label="Doprava")

    staff.post(address, {"action": "delete", "code": code.pk})

    assert not Code.objects.filter(pk=code.pk).exists()
    assert staff.post(address, {"action": "nic"}).status_code == 400


def test_other_process_survey_is_404(as_user, coordinator, other_process):
    foreign = filled_survey(other_process, title="Přerovský průzkum")
    with translation.override("cs"):
        person_url = reverse("survey_results:results", kwargs={"process": "slany", "survey": foreign.slug})

    assert as_user(coordinator).get(person_url).status_code == 404


def test_superuser_sees_private_results(as_user, superuser, private):
    assert as_user(superuser).get(url(private)).status_code == 200


def test_results_of_a_draft_are_not_public_even_when_marked_public(client, as_user, coordinator, process):
    from .results_fixtures import make_survey

    draft = make_survey(process, title="Koncept", is_published=False)
    page = f"/slany/analyzy/pruzkumy/{draft.slug}/"

    assert client.get(page).status_code == 404
    assert client.get(f"/api/v1/surveys/{draft.pk}/results").status_code == 404
    assert draft.slug not in client.get("/slany/analyzy/pruzkumy/").content.decode()
    assert as_user(coordinator).get(page).status_code == 200

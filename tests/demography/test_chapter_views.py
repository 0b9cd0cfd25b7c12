"""The chapter editor: generate, edit, save; no silent overwrite; access by the manage_analysis flag."""

from __future__ import annotations

import pytest

from komplan.demography.models import Chapter

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demography_data")]

URL = "/slany/sprava/demografie/kapitola/"
GENERATE = "/slany/sprava/demografie/kapitola/generovat/"


def test_access(client, as_user, member, outsider, process):
    assert client.get(URL).status_code == 302
    assert as_user(outsider).get(URL).status_code == 404
    assert as_user(member).get(URL).status_code == 403


def test_generate_edit_and_publish(as_user, coordinator, client):
    staff = as_user(coordinator)

    response = staff.post(GENERATE, {"scenario": "medium", "horizon": 15})
    assert response.status_code == 302
    chapter = Chapter.objects.get(process__slug="slany")
    assert "16\xa0740" in chapter.text and chapter.text == chapter.generated_text and chapter.updated_by == coordinator

    page = staff.get(URL)
    opened_at = page.context["form"]["opened_at"].value()
    text = chapter.text + "\nPracovní skupina doplnila: ve městě chybí denní stacionář.\n"
    assert staff.post(URL, {"text": text, "opened_at": opened_at}).status_code == 302
    chapter.refresh_from_db()
    assert "denní stacionář" in chapter.text and chapter.generated_text != chapter.text

    public = client.get("/slany/analyzy/demografie/kapitola/")
    assert public.context["preview"] is False
    assert "denní stacionář" in public.content.decode()


def test_generating_again_over_edits_needs_a_confirmation(as_user, coordinator):
    staff = as_user(coordinator)
    staff.post(GENERATE, {"scenario": "medium", "horizon": 15})
    opened_at = staff.get(URL).context["form"]["opened_at"].value()
    staff.post(URL, {"text": "Vlastní text.", "opened_at": opened_at})

    refused = staff.post(GENERATE, {"scenario": "medium", "horizon": 15})
    assert refused.status_code == 400
    assert "replace" in refused.context["generate_form"].errors
    assert Chapter.objects.get(process__slug="slany").text == "Vlastní text."
    assert staff.post(GENERATE, {"scenario": "high", "horizon": 10, "replace": "on"}).status_code == 302
    assert "Vlastní text." not in Chapter.objects.get(process__slug="slany").text


def test_two_editors_cannot_overwrite_each_other_silently(as_user, coordinator, process):
    from tests.conftest import person

    other = person("zpracovatel@example.org", "Zpracovatel Plánu", process, "plan_processor", "commissioner")
    first = as_user(coordinator)
    first.post(GENERATE, {"scenario": "medium", "horizon": 15})
    opened_by_first = first.get(URL).context["form"]["opened_at"].value()

    from django.test import Client

    second = Client()
    second.force_login(other)
    opened_by_second = second.get(URL).context["form"]["opened_at"].value()
    assert second.post(URL, {"text": "Text druhého.", "opened_at": opened_by_second}).status_code == 302

    conflict = first.post(URL, {"text": "Text prvního.", "opened_at": opened_by_first})
    assert conflict.status_code == 409
    assert conflict.context["conflict"] == "Text druhého."
    assert conflict.context["form"]["text"].value() == "Text prvního."
    assert Chapter.objects.get(process=process).text == "Text druhého."
    # Saving again from the conflict page (which now carries the newer time) goes through.
    retry_opened = conflict.context["form"]["opened_at"].value()
    assert first.post(URL, {"text": "Sloučený text.", "opened_at": retry_opened}).status_code == 302


def test_invalid_generate_choice_is_400_at_the_field(as_user, coordinator):
    response = as_user(coordinator).post(GENERATE, {"scenario": "nope", "horizon": 15})

    assert response.status_code == 400
    assert "scenario" in response.context["generate_form"].errors

"""Provider self-service: an editor proposes, the coordinator accepts or rejects; who/when/what is kept."""

import pytest

from komplan.directory.review import ChangeRequest, OrganizationEditor
from komplan.directory.review_services import ReviewError, accept, propose, reject
from tests.conftest import person
from tests.directory.factories import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(process):
    return make_service("Pečovatelská služba Slaný (test)", "4", located_in="532819", web="https://stary.example")


@pytest.fixture
def editor(process, service):
    user = person("editor@example.org", "Editorka Poskytovatele", process, "provider_editor", "provider")
    OrganizationEditor.objects.create(process=process, user=user, organization=service.organization)
    return user


def base(process, tail=""):
    return f"/{process.slug}/sprava/katalog/{tail}"


def test_a_proposal_keeps_old_and_new_values_and_changes_nothing_yet(process, editor, service):
    change = propose(process, editor, service, {"web": "https://novy.example", "phone": ""})
    assert change.changes == {"web": ["https://stary.example", "https://novy.example"]}
    service.refresh_from_db()
    assert service.web == "https://stary.example"
    assert propose(process, editor, service, {"web": "https://stary.example"}) is None


def test_accepting_publishes_and_records_the_reviewer(process, editor, coordinator, service):
    change = propose(process, editor, service, {"web": "https://novy.example"})
    accept(change, coordinator, "OK")
    service.refresh_from_db()
    change.refresh_from_db()
    assert service.web == "https://novy.example"
    assert (change.status, change.reviewed_by, change.review_note) == ("accepted", coordinator, "OK")
    with pytest.raises(ReviewError):
        reject(change, coordinator)


def test_a_stale_proposal_cannot_be_accepted(process, editor, coordinator, service):
    change = propose(process, editor, service, {"web": "https://novy.example"})
    service.web = "https://jinak.example"
    service.save()
    with pytest.raises(ReviewError):
        accept(change, coordinator)


def test_the_editor_proposes_through_the_form(as_user, process, editor, service):
    client = as_user(editor)
    assert client.get(base(process, "muj-poskytovatel/")).status_code == 200
    url = base(process, f"muj-poskytovatel/sluzba/{service.pk}/")
    response = client.post(
        url,
        {
            "description": "",
            "web": "not a url",
            "email": "",
            "phone": "",
            "opening_hours": "",
            "fees": "",
            "how_to_get": "",
        },
    )
    assert response.status_code == 200 and "web" in response.context["form"].errors
    response = client.post(
        url,
        {
            "description": "Nový popis",
            "web": "https://stary.example",
            "email": "",
            "phone": "",
            "opening_hours": "Po–Pá 7–15",
            "fees": "",
            "how_to_get": "",
        },
    )
    assert response.status_code == 302
    assert ChangeRequest.objects.get().changes["opening_hours"] == ["", "Po–Pá 7–15"]


def test_editors_reach_only_their_own_providers(as_user, process, editor):
    other = make_service("Cizí služba (test)", "13", located_in="532819")
    client = as_user(editor)
    assert client.get(base(process, f"muj-poskytovatel/sluzba/{other.pk}/")).status_code == 404
    assert client.get(base(process, f"muj-poskytovatel/organizace/{other.organization.pk}/")).status_code == 404


def test_self_service_with_personas(as_user, process, member, outsider, editor, coordinator, service):
    change = propose(process, editor, service, {"web": "https://novy.example"})
    assert as_user(outsider).get(base(process, "zmeny/")).status_code == 404
    assert as_user(member).get(base(process, "muj-poskytovatel/")).status_code == 403
    assert as_user(member).get(base(process, "zmeny/")).status_code == 403
    assert as_user(editor).get(base(process, "zmeny/")).status_code == 403
    client = as_user(coordinator)
    assert client.get(base(process, "zmeny/")).status_code == 200
    response = client.post(base(process, f"zmeny/{change.pk}/"), {"decision": "accept", "note": "díky"})
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.web == "https://novy.example"


def test_the_coordinator_assigns_editors(as_user, process, coordinator, service):
    user = person("druhy@example.org", "Druhý Editor", process, "provider_editor", "provider")
    client = as_user(coordinator)
    response = client.post(base(process, "editori/"), {"user": user.pk, "organization": service.organization.pk})
    assert response.status_code == 302
    assignment = OrganizationEditor.objects.get(user=user)
    assert client.post(base(process, f"editori/{assignment.pk}/odebrat/")).status_code == 302
    assert not OrganizationEditor.objects.filter(user=user).exists()
    stranger = person("cizi2@example.org", "Nečlen")
    response = client.post(base(process, "editori/"), {"user": stranger.pk, "organization": service.organization.pk})
    assert response.status_code == 200 and "user" in response.context["form"].errors

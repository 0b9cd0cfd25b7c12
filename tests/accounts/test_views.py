"""Sign-in, account page, data export and deletion, invitations, people of a process (three personas)."""

import json

import pytest
from django.core import mail

from komplan.accounts import services
from komplan.accounts.models import Invitation, Membership, User

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"


def test_people_sign_in_with_their_email(client, member):
    response = client.post("/ucet/prihlaseni/", {"username": "CLEN@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/ucet/").status_code == 200


def test_a_wrong_password_is_an_error_at_the_form(client, member):
    response = client.post("/ucet/prihlaseni/", {"username": member.email, "password": "nope"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_the_account_page_needs_sign_in(client):
    assert client.get("/ucet/").status_code == 302


def test_the_account_page_lists_my_processes(as_user, member, process):
    response = as_user(member).get("/ucet/")
    assert process.name in response.content.decode()


def test_people_download_their_data(as_user, member, process):
    response = as_user(member).get("/ucet/moje-udaje.json")
    assert response["Content-Disposition"].startswith("attachment")
    assert json.loads(response.content)["memberships"][0]["process_slug"] == process.slug


def test_people_delete_their_account_after_confirming(as_user, member):
    client = as_user(member)
    response = client.post("/ucet/smazat/", {"confirm_email": "someone@else.org"})
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post("/ucet/smazat/", {"confirm_email": member.email})
    assert response.status_code == 302
    assert not User.objects.filter(pk=member.pk).exists()


def test_the_only_coordinator_cannot_delete_the_account(as_user, coordinator):
    response = as_user(coordinator).post("/ucet/smazat/", {"confirm_email": coordinator.email})
    assert response.status_code == 200
    assert User.objects.filter(pk=coordinator.pk).exists()


def test_password_reset_sends_a_link(client, member):
    response = client.post("/ucet/heslo/", {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "/ucet/heslo/" in mail.outbox[0].body


# --- invitations ---------------------------------------------------------------------------------


def _invitation(process, coordinator, email="nova@example.org"):
    return services.invite(
        process,
        invited_by=coordinator,
        email=email,
        role="working_member",
        triad="provider",
        full_name="Nová Osoba",
        organisation="Charita",
    )


def test_a_new_person_accepts_by_creating_an_account(client, process, coordinator):
    invitation = _invitation(process, coordinator)
    url = f"/ucet/pozvanka/{invitation.token}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"full_name": "Nová Osoba", "password1": "Dlouhe-heslo-2024", "password2": "jine"})
    assert response.status_code == 200 and "password2" in response.context["form"].errors
    response = client.post(
        url, {"full_name": "Nová Osoba", "password1": "Dlouhe-heslo-2024", "password2": "Dlouhe-heslo-2024"}
    )
    assert response.status_code == 302 and response.url == f"/{process.slug}/sprava/"
    membership = Membership.objects.get(user__email="nova@example.org")
    assert (membership.process, membership.organisation) == (process, "Charita")
    assert client.get(url).status_code == 410


def test_an_existing_account_is_asked_to_sign_in_first(client, process, coordinator, member):
    invitation = _invitation(process, coordinator, email=member.email.upper())
    response = client.get(f"/ucet/pozvanka/{invitation.token}/")
    assert "login_url" in response.context


def test_a_signed_in_person_accepts_with_one_click(as_user, process, coordinator, outsider):
    invitation = _invitation(process, coordinator, email=outsider.email)
    client = as_user(outsider)
    assert client.post(f"/ucet/pozvanka/{invitation.token}/").status_code == 302
    assert Membership.objects.filter(process=process, user=outsider).exists()


def test_an_invitation_for_someone_else_cannot_be_accepted(as_user, process, coordinator, outsider):
    invitation = _invitation(process, coordinator)
    response = as_user(outsider).post(f"/ucet/pozvanka/{invitation.token}/")
    assert response.status_code == 403
    assert not Membership.objects.filter(process=process, user=outsider).exists()


def test_unknown_revoked_and_expired_invitations_are_explained(client, process, coordinator):
    assert client.get("/ucet/pozvanka/neznamy/").status_code == 404
    invitation = _invitation(process, coordinator)
    services.revoke_invitation(invitation)
    assert client.get(f"/ucet/pozvanka/{invitation.token}/").status_code == 410


# --- people of a process ---------------------------------------------------------------------------


def people(process, tail=""):
    return f"/{process.slug}/sprava/lide/{tail}"


def test_people_list_with_the_three_personas(client, as_user, process, coordinator, member, outsider):
    assert client.get(people(process)).status_code == 302
    assert as_user(outsider).get(people(process)).status_code == 404
    response = as_user(member).get(people(process))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Koordinátorka Testovací" in body and coordinator.email not in body  # no e-mails without the right
    response = as_user(coordinator).get(people(process))
    assert coordinator.email in response.content.decode()
    assert [count for _code, _label, count in response.context["balance"]] == [1, 0, 1, 0]


@pytest.mark.parametrize("tail", ["pozvat/", "export.csv"])
def test_managing_people_needs_the_right(as_user, process, member, outsider, tail):
    assert as_user(outsider).get(people(process, tail)).status_code == 404
    assert as_user(member).get(people(process, tail)).status_code == 403


def test_the_coordinator_invites_a_person(as_user, process, coordinator, django_capture_on_commit_callbacks):
    client = as_user(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            people(process, "pozvat/"), {"email": "p@example.org", "role": "steering_member", "triad": "user"}
        )
    assert response.status_code == 302
    assert Invitation.objects.for_process(process).get().email == "p@example.org"
    assert len(mail.outbox) == 1


def test_inviting_a_member_again_is_an_error_at_the_field(as_user, process, coordinator, member):
    response = as_user(coordinator).post(
        people(process, "pozvat/"), {"email": member.email, "role": "steering_member", "triad": "user"}
    )
    assert response.status_code == 200 and "email" in response.context["form"].errors


def test_the_coordinator_changes_a_role_and_removes_a_member(as_user, process, coordinator, member):
    client = as_user(coordinator)
    membership = Membership.objects.get(user=member)
    response = client.post(
        people(process, f"{membership.pk}/"),
        {"role": "steering_member", "triad": "provider", "organisation": "Charita", "is_active": "on"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.role, membership.triad) == ("steering_member", "provider")
    assert client.post(people(process, f"{membership.pk}/odebrat/")).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_members_of_another_process_are_out_of_reach(as_user, process, coordinator, outsider, other_process):
    foreign = Membership.objects.get(user=outsider)
    client = as_user(coordinator)
    assert client.get(people(process, f"{foreign.pk}/")).status_code == 404
    assert client.post(people(process, f"{foreign.pk}/odebrat/")).status_code == 404


def test_removing_the_last_coordinator_is_refused(as_user, process, coordinator):
    membership = Membership.objects.get(user=coordinator)
    response = as_user(coordinator).post(
        people(process, f"{membership.pk}/"),
        {"role": "working_member", "triad": "user", "organisation": "", "is_active": "on"},
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()


def test_the_people_list_exports_as_csv(as_user, process, coordinator, member):
    response = as_user(coordinator).get(people(process, "export.csv"))
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert member.email in body and "Člen Pracovní" in body


def test_the_coordinator_revokes_an_invitation(as_user, process, coordinator):
    invitation = _invitation(process, coordinator)
    assert as_user(coordinator).post(people(process, f"pozvanky/{invitation.pk}/zrusit/")).status_code == 302
    invitation.refresh_from_db()
    assert invitation.state == "revoked"


# --- new process ---------------------------------------------------------------------------------


def test_only_permitted_people_start_a_process(as_user, member):
    assert as_user(member).get("/ucet/novy-proces/").status_code == 403


def test_a_superuser_starts_a_process_and_becomes_its_coordinator(client, superuser):
    client.force_login(superuser)
    response = client.post(
        "/ucet/novy-proces/",
        {
            "name": "Plán Kojetín",
            "slug": "kojetin",
            "period_start": 2025,
            "period_end": 2027,
            "area_kind": "custom",
            "municipality_codes": "514055, 511382",
            "responsible_code": "514055",
            "triad": "commissioner",
            "is_public": "on",
            "summary": "",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=superuser)
    assert membership.role == "coordinator" and membership.process.municipalities.count() == 2

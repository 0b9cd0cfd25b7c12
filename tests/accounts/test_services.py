import pytest
from django.core import mail

from komplan.accounts import services
from komplan.accounts.models import Invitation, Membership, User
from komplan.accounts.roles import ROLE_PERMISSIONS, Perm, Role

pytestmark = pytest.mark.django_db


def test_every_role_has_named_permissions():
    assert set(ROLE_PERMISSIONS) == set(Role.values)
    assert ROLE_PERMISSIONS[Role.COORDINATOR] == frozenset(Perm.values)
    assert Perm.MANAGE_MEMBERS not in ROLE_PERMISSIONS[Role.WORKING_MEMBER]


def test_an_invitation_is_sent_by_email_with_the_acceptance_link(
    process, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite(
            process,
            invited_by=coordinator,
            email="Nova@Example.org ",
            role="working_member",
            triad="provider",
            full_name="Nová Osoba",
        )
    assert invitation.email == "nova@example.org"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nova@example.org"]
    assert f"/ucet/pozvanka/{invitation.token}/" in message.body
    assert process.name in message.subject


def test_a_new_invitation_revokes_the_older_one(process, coordinator):
    first = services.invite(process, invited_by=coordinator, email="a@example.org", role="working_member", triad="user")
    second = services.invite(
        process, invited_by=coordinator, email="a@example.org", role="steering_member", triad="user"
    )
    first.refresh_from_db()
    assert first.state == "revoked" and second.state == "pending"


def test_accepting_makes_a_membership_once(process, coordinator):
    invitation = services.invite(
        process,
        invited_by=coordinator,
        email="b@example.org",
        role="steering_member",
        triad="public",
        organisation="Spolek",
    )
    user = User.objects.create_user(email="b@example.org", password="x" * 12)
    membership = services.accept_invitation(invitation, user)
    assert (membership.role, membership.triad, membership.organisation) == (
        "steering_member",
        "public",
        "Spolek",
    )
    with pytest.raises(services.MembershipError):
        services.accept_invitation(invitation, user)


def test_the_last_coordinator_cannot_leave(process, coordinator):
    membership = Membership.objects.get(user=coordinator)
    with pytest.raises(services.MembershipError):
        services.update_membership(membership, role="working_member", triad="user", organisation="", is_active=True)
    with pytest.raises(services.MembershipError):
        services.remove_membership(membership)
    with pytest.raises(services.MembershipError):
        services.delete_person(coordinator)


def test_personal_data_export_lists_memberships_and_invitations(process, member, coordinator):
    services.invite(process, invited_by=coordinator, email=member.email, role="steering_member", triad="user")
    data = services.personal_data(member)
    assert data["person"]["email"] == member.email
    assert data["memberships"][0]["process_slug"] == process.slug
    assert data["invitations_received"][0]["state"] == "pending"


def test_deleting_a_person_removes_memberships_and_invitations(process, member, coordinator):
    services.invite(process, invited_by=coordinator, email=member.email, role="steering_member", triad="user")
    services.delete_person(member)
    assert not User.objects.filter(email=member.email).exists()
    assert not Membership.objects.filter(user_id=member.pk).exists()
    assert not Invitation.objects.filter(email=member.email).exists()


def test_the_roles_page_of_the_docs_matches_the_code():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "roles.md").read_text(encoding="utf-8")
    for perm in Perm.values:
        assert f"| `{perm}` |" in text, perm
    for role, perms in ROLE_PERMISSIONS.items():
        row = next(line for line in text.splitlines() if line.startswith(f"| `{role}`"))
        listed = row.split("|")[2].strip()
        assert listed == "all flags" if perms == frozenset(Perm.values) else set(listed.split(", ")) == set(perms), role

"""Invitations of a provider survey: created from the process's catalogue, sent by e-mail with the personal
link, resent, deleted while unanswered; their status; the staff screen and its access rules."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.utils import timezone, translation

from komplan.surveys import invitations
from komplan.surveys import services as survey_services
from komplan.surveys.invitations import InvitationState
from komplan.surveys.models import Channel, Invitation, Response, ResponseStatus
from tests.directory.factories import make_organization, make_service

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.surveys.urls_admin")]

SLANY, PREROV = "532819", "511382"
QUESTIONNAIRE = {
    "sections": [
        {"key": "s1", "title": "Kapacita", "questions": [{"key": "luzka", "type": "number", "label": "Lůžka"}]}
    ]
}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def catalogue(db):
    charita = make_organization("Charita Slaný (test)", email="charita@example.org")
    return {
        "home_care": make_service("Pečovatelská služba", "4", organization=charita, located_in=SLANY),
        "day_care": make_service(
            "Denní stacionář", "12", organization=charita, located_in=SLANY, email="stacionar@example.org"
        ),
        "shelter": make_service("Azylový dům", "26", located_in=SLANY),  # neither it nor its provider has an address
        "prerov": make_service("Pečovatelská služba Přerov", "4", located_in=PREROV, email="prerov@example.org"),
    }


@pytest.fixture
def survey(process, coordinator):
    return survey_services.create_survey(
        process,
        title="Dotazník pro poskytovatele",
        kind="providers",
        definition=QUESTIONNAIRE,
        user=coordinator,
        is_published=True,
        closes_at=timezone.now() + dt.timedelta(days=30),
    )


def test_one_invitation_per_service_of_the_catalogue(survey, catalogue):
    report = invitations.create_invitations(survey)

    assert (report.created, report.already, report.without_email) == (3, 0, 1)
    by_service = {i.service_id: i for i in Invitation.objects.filter(survey=survey)}
    assert set(by_service) == {catalogue[k].pk for k in ("home_care", "day_care", "shelter")}
    assert by_service[catalogue["home_care"].pk].email == "charita@example.org"  # the provider's address
    assert by_service[catalogue["day_care"].pk].email == "stacionar@example.org"  # the service's own
    assert by_service[catalogue["day_care"].pk].label == "Denní stacionář (Charita Slaný (test))"

    again = invitations.create_invitations(survey)
    assert (again.created, again.already) == (0, 3)


def test_one_invitation_per_provider(survey, catalogue):
    report = invitations.create_invitations(survey, per="organization")

    assert report.created == 2
    charita = Invitation.objects.get(survey=survey, organization=catalogue["home_care"].organization)
    assert (charita.label, charita.email, charita.service) == ("Charita Slaný (test)", "charita@example.org", None)
    # a provider invited as a whole is not invited again for each of its services
    again = invitations.create_invitations(survey)
    assert (again.created, again.already) == (0, 3)


def test_send_unsent_with_the_personal_link(survey, catalogue, settings):
    settings.SITE_URL = "https://komplan.example.cz"
    invitations.create_invitations(survey)

    report = invitations.send_unsent(survey, "cs")

    assert (report.sent, report.without_email, report.failed) == (2, 1, [])
    assert {m.to[0] for m in mail.outbox} == {"charita@example.org", "stacionar@example.org"}
    invitation = Invitation.objects.get(email="stacionar@example.org")
    message = next(m for m in mail.outbox if m.to == ["stacionar@example.org"])
    assert f"https://komplan.example.cz/slany/pruzkumy/odpoved/{invitation.token}/" in message.body
    assert "Dotazník pro poskytovatele" in message.subject
    assert invitation.sent_at is not None

    mail.outbox.clear()
    assert invitations.send_unsent(survey, "cs").sent == 0  # nothing twice
    assert not mail.outbox


def test_the_mail_text_is_translated(survey, catalogue):
    invitations.create_invitations(survey)
    invitation = Invitation.objects.get(email="stacionar@example.org")

    english = invitations.message(invitation, "en")

    assert english.subject == "Survey “Dotazník pro poskytovatele” of the planning process " + survey.process.name
    assert "Your personal link to the questionnaire:" in english.body
    assert invitations.invitation_path(invitation) in english.body
    assert invitations.invitation_path(invitation).endswith(f"/slany/pruzkumy/odpoved/{invitation.token}/")


def test_a_refused_address_is_reported_and_the_rest_still_go(survey, catalogue, monkeypatch):
    invitations.create_invitations(survey)
    from django.core.mail.backends.locmem import EmailBackend

    original = EmailBackend.send_messages

    def refuse_one(self, messages):
        if messages[0].to == ["charita@example.org"]:
            raise smtplib.SMTPRecipientsRefused({"charita@example.org": (550, b"no such user")})
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_one)

    report = invitations.send_unsent(survey)

    assert report.sent == 1 and report.failed == ["Pečovatelská služba (Charita Slaný (test))"]
    assert Invitation.objects.get(email="charita@example.org").sent_at is None


def submit(survey, invitation, final=True):
    return survey_services.submit(
        survey,
        survey_services.Submission(
            answers={"luzka": 12}, channel=Channel.INVITATION, invitation=invitation, final=final
        ),
        survey_services.answer_context(survey.process),
    )


def test_status_of_an_invitation(survey, catalogue):
    invitations.create_invitations(survey)
    invitation = Invitation.objects.get(email="stacionar@example.org")
    assert invitations.state(invitation) == InvitationState.NOT_SENT

    invitations.resend(invitation)
    assert invitations.state(invitation) == InvitationState.SENT

    submit(survey, invitation, final=False)
    assert invitations.state(Invitation.objects.get(pk=invitation.pk)) == InvitationState.STARTED

    submit(survey, invitation)
    assert invitations.state(Invitation.objects.get(pk=invitation.pk)) == InvitationState.ANSWERED

    submit(survey, invitation)  # a correction before closing
    assert invitations.state(Invitation.objects.get(pk=invitation.pk)) == InvitationState.CORRECTED


def test_answered_invitations_cannot_be_deleted(survey, catalogue):
    invitations.create_invitations(survey)
    answered, unanswered = Invitation.objects.filter(email__endswith="example.org").order_by("pk")[:2]
    submit(survey, answered)

    with pytest.raises(invitations.InvitationError):
        invitations.delete_invitation(Invitation.objects.get(pk=answered.pk))
    invitations.delete_invitation(unanswered)

    assert list(Invitation.objects.filter(survey=survey, email__endswith="example.org")) == [answered]


# --- the staff screen ----------------------------------------------------------------------------------------


def url(survey, tail=""):
    return f"/en/slany/sprava/pruzkumy/{survey.slug}/pozvanky/{tail}"


def test_access(client, as_user, member, outsider, coordinator, survey, catalogue):
    invitations.create_invitations(survey)
    invitation = Invitation.objects.filter(survey=survey).first()
    for target in (url(survey), url(survey, f"{invitation.pk}/")):
        client.logout()
        assert client.get(target).status_code == 302
        assert as_user(outsider).get(target).status_code == 404
        assert as_user(member).get(target).status_code == 403
        assert as_user(coordinator).get(target).status_code == 200
    for tail in ("vytvorit/", "odeslat/", f"{invitation.pk}/znovu/", f"{invitation.pk}/smazat/"):
        assert as_user(member).post(url(survey, tail)).status_code == 403
    assert not mail.outbox and Invitation.objects.filter(pk=invitation.pk).exists()


def test_create_send_and_list_without_showing_links(as_user, coordinator, survey, catalogue):
    staff = as_user(coordinator)

    created = staff.post(url(survey, "vytvorit/"), {"per": "service"}, follow=True)
    assert "Invitations created: 3; already invited: 0; without an e-mail address: 1." in created.content.decode()

    sent = staff.post(url(survey, "odeslat/"), follow=True)
    html = sent.content.decode()
    assert "2 invitations were sent." in html
    assert "1 invitation has no e-mail address" in html
    assert len(mail.outbox) == 2

    page = staff.get(url(survey)).content.decode()
    assert "sent, not answered" in page and "not sent" in page
    for invitation in Invitation.objects.all():
        assert invitation.token not in page  # personal links stay in the e-mails


def test_edit_the_address_then_send_and_resend(as_user, coordinator, survey, catalogue):
    staff = as_user(coordinator)
    invitations.create_invitations(survey)
    shelter = Invitation.objects.get(service=catalogue["shelter"])

    wrong = staff.post(url(survey, f"{shelter.pk}/"), {"email": "není adresa"})
    assert wrong.status_code == 400 and "email" in wrong.context["form"].errors

    staff.post(url(survey, f"{shelter.pk}/"), {"email": "azyl@example.org"})
    shelter.refresh_from_db()
    assert shelter.email == "azyl@example.org"

    staff.post(url(survey, f"{shelter.pk}/znovu/"))
    staff.post(url(survey, f"{shelter.pk}/znovu/"))
    assert [m.to for m in mail.outbox] == [["azyl@example.org"], ["azyl@example.org"]]


def test_delete_from_the_screen(as_user, coordinator, survey, catalogue):
    staff = as_user(coordinator)
    invitations.create_invitations(survey)
    answered, unanswered = Invitation.objects.filter(survey=survey).order_by("pk")[:2]
    submit(survey, answered)

    refused = staff.post(url(survey, f"{answered.pk}/smazat/"), follow=True)
    assert "cannot be deleted" in refused.content.decode()
    staff.post(url(survey, f"{unanswered.pk}/smazat/"))

    assert not Invitation.objects.filter(pk=unanswered.pk).exists()
    assert Invitation.objects.filter(pk=answered.pk).exists()
    assert Response.objects.get().status == ResponseStatus.SUBMITTED


def test_invitation_of_another_survey_is_not_found(as_user, coordinator, survey, catalogue, process):
    other = survey_services.create_survey(process, title="Jiný", kind="providers", definition=QUESTIONNAIRE)
    invitations.create_invitations(other)
    foreign = Invitation.objects.filter(survey=other).first()

    assert as_user(coordinator).get(url(survey, f"{foreign.pk}/")).status_code == 404
    assert as_user(coordinator).post(url(survey, f"{foreign.pk}/smazat/")).status_code == 404

"""Reminder e-mails: who gets one about which activities, the log, closed periods, and the staff button."""

import re
import smtplib

import pytest
from django.core import mail
from django.test import Client

from komplan.monitoring import reminders, services
from komplan.monitoring.models import Reminder
from komplan.monitoring.permissions import ReporterScope
from komplan.monitoring.validation import ProgressInput

pytestmark = pytest.mark.django_db

S = "/slany/sprava/plneni/"


def names(missing) -> dict[str, list[str]]:
    return {m.user.email: [a.title for a in m.activities] for m in missing}


def test_missing_by_person_lists_each_reporter_with_their_unreported_activities(
    plan2008, period, provider_editor, member, coordinator
):
    assert names(reminders.missing_by_person(period)) == {
        "editor@example.org": ["Víkendová pečovatelská služba"],
        "clen@example.org": ["Katalog služeb"],
    }  # 1.1.2: its provider has no editor in the process, so nobody is reminded of it
    services.save_progress(
        period,
        plan2008["a111"],
        provider_editor,
        ReporterScope(everything=True),
        ProgressInput(status="running", progress=20),
    )
    assert names(reminders.missing_by_person(period)) == {"clen@example.org": ["Katalog služeb"]}


def test_people_who_cannot_report_are_not_reminded(plan2008, period, provider_editor, member, process):
    from komplan.accounts.models import Membership

    Membership.objects.filter(process=process, user=member).update(is_active=False)
    provider_editor.is_active = False
    provider_editor.save()
    assert reminders.missing_by_person(period) == []


def test_an_editor_of_the_provider_in_another_process_is_not_reminded(plan2008, period, other_process, organization):
    from komplan.directory.review import OrganizationEditor
    from tests.conftest import person

    elsewhere = person("jinde@example.org", "Editor Jinde", other_process, "provider_editor", "provider")
    OrganizationEditor.objects.create(process=other_process, user=elsewhere, organization=organization)
    assert "jinde@example.org" not in names(reminders.missing_by_person(period))


def test_send_reminders_mails_each_person_once_and_logs_it(plan2008, period, provider_editor, member, coordinator):
    period.note = "Nezapomeňte na indikátory."
    period.save()
    report = reminders.send_reminders(period, coordinator, base_url="https://komplan.example.org")
    assert [m.user for m in report.sent] == [member, provider_editor] and report.failed == []
    assert len(mail.outbox) == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    editor_mail = by_address["editor@example.org"]
    assert "2008" in editor_mail.subject and "31. 1. 2009" in editor_mail.subject
    assert "Víkendová pečovatelská služba" in editor_mail.body and "Katalog služeb" not in editor_mail.body
    assert f"https://komplan.example.org{S}2008/aktivita/{plan2008['a111'].pk}/" in editor_mail.body
    assert "31. 1. 2009" in editor_mail.body and "Nezapomeňte na indikátory." in editor_mail.body
    assert "Eva Editorová" in editor_mail.body
    assert "Katalog služeb" in by_address["clen@example.org"].body
    assert editor_mail.from_email
    logged = {(r.user, r.activities, r.sent_by) for r in Reminder.objects.all()}
    assert logged == {(member, 1, coordinator), (provider_editor, 1, coordinator)}


def test_reminders_are_in_czech(plan2008, period, provider_editor):
    reminders.send_reminders(period, None)
    assert "Připomínka" in mail.outbox[0].subject or "Upomínka" in mail.outbox[0].subject


def test_send_reminders_to_chosen_people_only(plan2008, period, provider_editor, member, coordinator):
    report = reminders.send_reminders(period, coordinator, people=[member.pk])
    assert [m.user for m in report.sent] == [member]
    assert [message.to for message in mail.outbox] == [["clen@example.org"]]


def test_a_closed_period_sends_no_reminders(plan2008, period, provider_editor, coordinator):
    services.close_period(period, coordinator)
    with pytest.raises(services.PeriodClosed):
        reminders.send_reminders(period, coordinator)
    assert mail.outbox == [] and not Reminder.objects.exists()


def test_a_refused_address_is_reported_and_not_logged(plan2008, period, provider_editor, member, monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    original = EmailBackend.send_messages

    def refuse_editor(self, messages):
        if messages[0].to == ["editor@example.org"]:
            raise smtplib.SMTPRecipientsRefused({"editor@example.org": (550, b"no")})
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_editor)
    report = reminders.send_reminders(period, None)
    assert report.failed == ["Eva Editorová"] and [m.user for m in report.sent] == [member]
    assert list(Reminder.objects.values_list("user", flat=True)) == [member.pk]


def test_the_coordinator_confirms_and_sends_from_the_overview(
    as_user, plan2008, period, coordinator, provider_editor, member
):
    client = as_user(coordinator)
    overview = client.get(f"{S}?rok=2008").content.decode()
    assert f"{S}2008/upominky/" in overview
    confirm = client.get(f"{S}2008/upominky/").content.decode()
    assert "Eva Editorová" in confirm and "Člen Pracovní" in confirm and mail.outbox == []
    response = client.post(f"{S}2008/upominky/")
    assert response.status_code == 302 and response["Location"] == f"{S}?rok=2008"
    assert sorted(m.to[0] for m in mail.outbox) == ["clen@example.org", "editor@example.org"]
    log = client.get(f"{S}?rok=2008").content.decode()
    table = re.search(r'<caption id="upominky-tabulka".*?</table>', log, re.S).group(0)
    assert "Eva Editorová" in table and "Člen Pracovní" in table


def test_the_log_shows_names_only_with_view_personal_data(plan2008, period, coordinator, provider_editor, member):
    reminders.send_reminders(period, coordinator)
    client = Client()
    client.force_login(member)  # a working-group member: no view_personal_data
    html = client.get(f"{S}?rok=2008").content.decode()
    table = re.search(r'<caption id="upominky-tabulka".*?</table>', html, re.S).group(0)
    assert "Eva Editorová" not in table and "Koordinátorka" not in table
    assert re.search(r"\b2\b", re.sub(r"<[^>]+>", " ", table))


def test_sending_into_a_closed_period_from_the_page_is_refused(as_user, plan2008, period, coordinator, provider_editor):
    services.close_period(period, coordinator)
    client = as_user(coordinator)
    page = client.get(f"{S}2008/upominky/")
    assert page.status_code == 200 and 'method="post"' not in page.content.decode().split('id="obsah"')[1]
    assert client.post(f"{S}2008/upominky/").status_code == 302
    assert mail.outbox == [] and not Reminder.objects.exists()

"""Staff pages of the meetings (three personas each) and what they do."""

from __future__ import annotations

import pytest

from komplan.accounts.models import Membership
from komplan.meetings.models import Attendance, Meeting, Task

pytestmark = pytest.mark.django_db

STAFF = "/slany/sprava/schuzky/"


def _paths(meetings, kind):
    public, internal = meetings["public"].pk, meetings["internal"].pk
    task = Task.objects.filter(meeting_id=public).first().pk
    guest = Attendance.objects.get(meeting_id=public, membership__isnull=True).pk
    return {
        "view": ["", "ukoly/", f"{public}/", f"{internal}/", f"{public}/pozvanka.ics"],
        "manage_get": [
            "nova/",
            f"{public}/upravit/",
            f"{public}/zapis/",
            f"{public}/dochazka/",
            f"{public}/fotografie/pridat/",
        ],
        "manage_post": [
            f"{public}/smazat/",
            f"{public}/zapis/zverejneni/",
            f"{public}/hoste/",
            f"{public}/hoste/{guest}/odebrat/",
            f"{public}/pozvanky/",
            f"{public}/ukoly/",
            f"{public}/ukoly/{task}/smazat/",
            f"{public}/prilohy/",
        ],
    }[kind]


def test_viewing_pages_for_the_three_personas(clients, meetings):
    for path in _paths(meetings, "view"):
        assert clients["anonymous"].get(STAFF + path).status_code == 302, path
        assert clients["outsider"].get(STAFF + path).status_code == 404, path
        assert clients["member"].get(STAFF + path).status_code == 200, path
        assert clients["coordinator"].get(STAFF + path).status_code == 200, path


def test_managing_pages_for_the_three_personas(clients, meetings):
    for path in _paths(meetings, "manage_get"):
        assert clients["anonymous"].get(STAFF + path).status_code == 302, path
        assert clients["outsider"].get(STAFF + path).status_code == 404, path
        assert clients["member"].get(STAFF + path).status_code == 403, path
        assert clients["coordinator"].get(STAFF + path).status_code == 200, path


def test_changes_are_refused_to_non_organisers(clients, meetings):
    for path in _paths(meetings, "manage_post"):
        assert clients["anonymous"].post(STAFF + path).status_code == 302, path
        assert clients["outsider"].post(STAFF + path).status_code == 404, path
        assert clients["member"].post(STAFF + path).status_code == 403, path
    assert Meeting.objects.count() == 3 and Task.objects.count() == 2


def test_a_meeting_of_another_process_is_not_found(as_user, outsider, other_process, coordinator, meetings):
    from tests.meetings.conftest import at

    foreign = Meeting.objects.create(
        process=other_process, title="Cizí", starts_at=at(2020, 1, 1, 10), ends_at=at(2020, 1, 1, 11), place="x"
    )
    assert as_user(coordinator).get(f"{STAFF}{foreign.pk}/").status_code == 404


def test_member_sees_meetings_without_managing_controls(as_user, member, meetings):
    page = as_user(member).get(STAFF)
    html = page.content.decode()
    assert "Neveřejná porada" in html and page.context["can_manage"] is False
    detail = as_user(member).get(f"{STAFF}{meetings['public'].pk}/")
    assert "Host Hostovský" in detail.content.decode() and detail.context["can_manage"] is False


def _meeting_data(**extra):
    data = {
        "title": "Druhá schůzka strategického týmu",
        "starts_at": "2007-06-27T15:00",
        "ends_at": "2007-06-27T17:30",
        "place": "MěÚ Slaný",
        "is_public": "on",
        "agenda": "1. Pracovní verze plánu",
    }
    return {**data, **extra}


def test_coordinator_plans_a_meeting_in_prague_time(as_user, coordinator, process, bodies):
    response = as_user(coordinator).post(STAFF + "nova/", _meeting_data(body=bodies["steering"].pk))
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Druhá schůzka strategického týmu")
    assert meeting.process == process and meeting.body == bodies["steering"] and meeting.is_public
    assert meeting.starts_at.isoformat() == "2007-06-27T13:00:00+00:00"  # 15:00 CEST
    assert meeting.version == 1


def test_end_before_start_is_refused_at_the_field(as_user, coordinator, meetings):
    response = as_user(coordinator).post(STAFF + "nova/", _meeting_data(ends_at="2007-06-27T14:00"))
    assert response.status_code == 400 and "ends_at" in response.context["form"].errors
    no_place = as_user(coordinator).post(STAFF + "nova/", _meeting_data(place=""))
    assert no_place.status_code == 400 and "place" in no_place.context["form"].errors
    assert Meeting.objects.count() == 3


def test_editing_over_a_newer_version_is_refused_with_the_other_change(as_user, coordinator, meetings):
    meeting = meetings["public"]
    staff = as_user(coordinator)
    url = f"{STAFF}{meeting.pk}/upravit/"
    first = _meeting_data(title="Moje verze", opened_version=meeting.version)
    second = _meeting_data(title="Jejich verze", opened_version=meeting.version)
    assert staff.post(url, second).status_code == 302
    response = staff.post(url, first)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Jejich verze" in html and "Moje verze" in html
    meeting.refresh_from_db()
    assert meeting.title == "Jejich verze" and meeting.version == 2
    # saving again from the conflict page (it carries the newer version) works
    assert staff.post(url, {**first, "opened_version": 2}).status_code == 302


def test_minutes_conflict_and_publishing(as_user, coordinator, meetings):
    meeting = meetings["internal"]
    staff = as_user(coordinator)
    url = f"{STAFF}{meeting.pk}/zapis/"
    data = {"discussion": "Vize a SWOT", "decisions": "Tři pracovní skupiny", "opened_version": meeting.version}
    assert staff.post(url, data).status_code == 302
    stale = staff.post(url, {**data, "decisions": "Jiné rozhodnutí"})
    assert stale.status_code == 409 and "Tři pracovní skupiny" in stale.content.decode()
    meeting.refresh_from_db()
    assert meeting.decisions == "Tři pracovní skupiny"
    assert staff.post(f"{STAFF}{meeting.pk}/zapis/zverejneni/", {"publish": "1"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes_published
    staff.post(f"{STAFF}{meeting.pk}/zapis/zverejneni/", {"publish": "0"})
    meeting.refresh_from_db()
    assert not meeting.minutes_published


def test_minutes_cannot_be_published_empty(as_user, coordinator, meetings):
    forum = meetings["forum"]
    as_user(coordinator).post(f"{STAFF}{forum.pk}/zapis/zverejneni/", {"publish": "1"})
    forum.refresh_from_db()
    assert not forum.minutes_published


def test_attendance_form_is_prefilled_with_the_group_members(as_user, coordinator, member, process, meetings):
    meeting = meetings["public"]
    staff = as_user(coordinator)
    page = staff.get(f"{STAFF}{meeting.pk}/dochazka/")
    form = page.context["form"]
    assert len(form.fields) == 3  # the three members of the working group
    clen = Membership.objects.get(process=process, user=member)
    assert form.fields[f"m{clen.pk}"].initial == "excused"
    data = {name: "present" for name in form.fields}
    assert staff.post(f"{STAFF}{meeting.pk}/dochazka/", data).status_code == 302
    assert Attendance.objects.filter(meeting=meeting, membership__isnull=False, status="present").count() == 3
    bad = staff.post(f"{STAFF}{meeting.pk}/dochazka/", {**data, f"m{clen.pk}": "asleep"})
    assert bad.status_code == 400
    assert Attendance.objects.get(meeting=meeting, membership=clen).status == "present"


def test_guests_are_added_and_removed(as_user, coordinator, meetings):
    meeting = meetings["forum"]
    staff = as_user(coordinator)
    assert staff.post(f"{STAFF}{meeting.pk}/hoste/", {"guest_name": "", "status": "present"}).status_code == 400
    assert (
        staff.post(
            f"{STAFF}{meeting.pk}/hoste/", {"guest_name": "Zpracovatel", "organisation": "ViP", "status": "present"}
        ).status_code
        == 302
    )
    guest = Attendance.objects.get(meeting=meeting)
    assert guest.is_guest and guest.organisation == "ViP"
    assert staff.post(f"{STAFF}{meeting.pk}/hoste/{guest.pk}/odebrat/").status_code == 302
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_tasks_are_added_ticked_and_listed_per_person(as_user, coordinator, member, process, meetings):
    meeting = meetings["public"]
    clen = Membership.objects.get(process=process, user=member)
    staff = as_user(coordinator)
    bad = staff.post(f"{STAFF}{meeting.pk}/ukoly/", {"text": "", "deadline": "zítra"})
    assert bad.status_code == 400 and {"text", "deadline"} <= set(bad.context["task_form"].errors)
    assert (
        staff.post(
            f"{STAFF}{meeting.pk}/ukoly/", {"text": "Oslovit poskytovatele", "owner": clen.pk, "deadline": "2007-06-30"}
        ).status_code
        == 302
    )
    all_tasks = staff.get(STAFF + "ukoly/")
    names = [name for name, _tasks in all_tasks.context["everyone"]]
    assert names == ["Člen Pracovní", "Koordinátorka Testovací"]  # Czech order: Č before K

    own = as_user(member).get(STAFF + "ukoly/")
    assert [t.text for t in own.context["own"]] == ["Zjistit kapacity stacionářů", "Oslovit poskytovatele"]
    assert own.context["everyone"] == []
    task = Task.objects.get(text="Oslovit poskytovatele")
    assert as_user(member).post(f"{STAFF}{meeting.pk}/ukoly/{task.pk}/stav/", {"done": "1"}).status_code == 302
    task.refresh_from_db()
    assert task.is_done
    others = Task.objects.get(text="Rozeslat zápis")
    assert as_user(member).post(f"{STAFF}{meeting.pk}/ukoly/{others.pk}/stav/", {"done": "1"}).status_code == 403
    assert [t.text for t in as_user(member).get(STAFF + "ukoly/").context["own"]] == ["Zjistit kapacity stacionářů"]


def test_invitations_are_sent_with_an_ics_attachment(as_user, coordinator, meetings, mailoutbox):
    import icalendar

    from tests.meetings.test_ics import assert_rfc5545

    meeting = meetings["public"]
    assert as_user(coordinator).post(f"{STAFF}{meeting.pk}/pozvanky/").status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == [
        "clen@example.org",
        "koordinator@example.org",
        "poskytovatel@example.org",
    ]
    mail = mailoutbox[0]
    assert mail.subject == "Pozvánka: Schůzka PS senioři, 5. 6. 2007"
    assert "MěÚ Slaný" in mail.body and "5. 6. 2007, 15:00–17:00" in mail.body  # Prague time
    (part,) = mail.attachments
    assert part.get_content_type() == "text/calendar" and part.get_param("method") == "REQUEST"
    assert part.get_filename() == "pozvanka.ics"
    calendar = assert_rfc5545(part.get_payload(decode=True))
    event = calendar.walk("VEVENT")[0]
    assert str(event["UID"]) == meeting.uid and str(calendar["METHOD"]) == "REQUEST"
    assert str(event["ATTENDEE"]) == f"mailto:{mail.to[0]}"
    assert isinstance(calendar, icalendar.Calendar)
    meeting.refresh_from_db()
    assert meeting.invitations_sent_at is not None


def test_delete_meeting(as_user, coordinator, meetings):
    meeting = meetings["internal"]
    assert as_user(coordinator).post(f"{STAFF}{meeting.pk}/smazat/").status_code == 302
    assert not Meeting.objects.filter(pk=meeting.pk).exists()


def test_a_meeting_deleted_while_being_edited(as_user, coordinator, meetings):
    meeting = meetings["forum"]
    staff = as_user(coordinator)
    url = f"{STAFF}{meeting.pk}/zapis/"
    page = staff.get(url)
    assert page.status_code == 200
    Meeting.objects.filter(pk=meeting.pk).delete()
    assert staff.post(url, {"discussion": "x", "decisions": "", "opened_version": 1}).status_code == 404


def test_ticking_a_task_off_for_the_three_personas(clients, meetings):
    meeting = meetings["public"]
    coordinators = Task.objects.get(text="Rozeslat zápis")
    url = f"{STAFF}{meeting.pk}/ukoly/{coordinators.pk}/stav/"
    assert clients["anonymous"].post(url, {"done": "1"}).status_code == 302
    assert clients["outsider"].post(url, {"done": "1"}).status_code == 404
    assert clients["member"].post(url, {"done": "1"}).status_code == 403  # not the owner, not an organiser
    back = clients["coordinator"].post(url, {"done": "1", "next": "https://evil.example/"})
    assert back.status_code == 302 and back["Location"].startswith(f"/slany/sprava/schuzky/{meeting.pk}/")
    coordinators.refresh_from_db()
    assert coordinators.is_done


def test_the_meeting_page_has_the_attendance_form_for_organisers(clients, meetings):
    url = f"{STAFF}{meetings['public'].pk}/"
    form = clients["coordinator"].get(url).context["attendance_form"]
    assert len(form.fields) == 3
    assert "attendance_form" not in clients["member"].get(url).context


def test_the_ics_download_of_a_meeting(clients, meetings):
    from tests.meetings.test_ics import assert_rfc5545

    response = clients["member"].get(f"{STAFF}{meetings['internal'].pk}/pozvanka.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = assert_rfc5545(response.content)
    assert str(calendar["METHOD"]) == "PUBLISH" and str(calendar.walk("VEVENT")[0]["UID"]) == meetings["internal"].uid


def test_an_edit_without_the_opened_version_is_refused(as_user, coordinator, meetings):
    meeting = meetings["public"]
    response = as_user(coordinator).post(f"{STAFF}{meeting.pk}/upravit/", _meeting_data(title="Bez verze"))
    assert response.status_code == 400 and "opened_version" in response.context["form"].errors
    meeting.refresh_from_db()
    assert meeting.title == "Schůzka PS senioři"


def test_the_conflict_shows_local_times_and_yes_no(as_user, coordinator, meetings):
    meeting = meetings["public"]
    Meeting.objects.filter(pk=meeting.pk).update(version=7)
    response = as_user(coordinator).post(f"{STAFF}{meeting.pk}/upravit/", _meeting_data(opened_version=1))
    assert response.status_code == 409
    shown = {str(label): value for label, value in response.context["conflict"]}
    assert shown["začátek"] == "5. 6. 2007 15:00" and shown["veřejná schůzka"] == "ano"


def test_the_workspace_shows_the_next_meeting_internal_ones_included(clients, process, meetings):
    import datetime as dt

    from django.utils import timezone

    soon = Meeting.objects.create(
        process=process,
        title="Porada řídící skupiny",
        starts_at=timezone.now() + dt.timedelta(days=2),
        ends_at=timezone.now() + dt.timedelta(days=2, hours=1),
        is_public=False,
    )
    html = clients["member"].get("/slany/sprava/").content.decode()
    assert f"/slany/sprava/schuzky/{soon.pk}/" in html and "Porada řídící skupiny" in html
    assert "Porada řídící skupiny" not in clients["anonymous"].get("/slany/").content.decode()
    soon.delete()
    assert "Veřejné fórum" in clients["member"].get("/slany/sprava/").content.decode()

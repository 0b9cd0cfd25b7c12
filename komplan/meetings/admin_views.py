"""Staff pages of the meetings at `<process>/sprava/schuzky/` (namespace meetings_admin).

Every member of the process sees the meetings (flag view_internal); organising them, attendance and minutes need
manage_meetings. Uploads (attachments, gallery) are in admin_files.py, tasks in tasks_views.py.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from komplan.accounts.roles import Perm
from komplan.lib.text import czech_key
from komplan.territory.access import internal_view
from komplan.territory.views import workspace_crumbs

from . import querysets, services
from .forms import AttachmentForm, AttendanceForm, GuestForm, MeetingForm, MinutesForm, TaskForm
from .invitations import meeting_ics, send_invitations
from .models import Attendance, Meeting


def crumbs(request, *tail):
    overview = reverse("meetings_admin:list", kwargs={"process": request.process.slug}) if tail else None
    return workspace_crumbs(request.process, (_("Meetings"), overview), *tail)


def meeting_crumbs(request, meeting: Meeting, *tail):
    url = reverse("meetings_admin:meeting", kwargs={"process": request.process.slug, "pk": meeting.pk})
    return crumbs(request, (meeting.title, url if tail else None), *tail)


def get_meeting(request, pk: int) -> Meeting:
    meeting = querysets.meeting_for(request.process, pk, insider=True)
    if meeting is None:
        raise Http404
    return meeting


def to_meeting(request, meeting: Meeting, anchor: str = ""):
    url = reverse("meetings_admin:meeting", kwargs={"process": request.process.slug, "pk": meeting.pk})
    return redirect(url + (f"#{anchor}" if anchor else ""))


@internal_view(Perm.VIEW_INTERNAL)
def meeting_list(request, process):
    upcoming, past = querysets.split_upcoming(querysets.meetings_for(request.process, insider=True))
    context = {
        "upcoming": upcoming,
        "past": past,
        "can_manage": request.access.can(Perm.MANAGE_MEETINGS),
        "breadcrumbs": crumbs(request),
    }
    return render(request, "meetings/admin_list.html", context)


def detail_context(request, meeting: Meeting, **forms) -> dict:
    can_manage = request.access.can(Perm.MANAGE_MEETINGS)
    rows = sorted(meeting.attendance.all(), key=lambda row: czech_key(row.name))
    context = {
        "meeting": meeting,
        "members_attendance": [r for r in rows if not r.is_guest],
        "guests": [r for r in rows if r.is_guest],
        "counts": querysets.attendance_counts(rows),
        "invitees": list(querysets.invitees(meeting)),
        "can_manage": can_manage,
        "own_membership": request.access.membership,
        "breadcrumbs": meeting_crumbs(request, meeting),
    }
    if can_manage:
        context.update(
            attendance_form=AttendanceForm(people=querysets.attendance_members(meeting)),
            guest_form=forms.get("guest_form") or GuestForm(),
            task_form=forms.get("task_form") or TaskForm(process=request.process),
            attachment_form=forms.get("attachment_form") or AttachmentForm(),
        )
    return context


@internal_view(Perm.VIEW_INTERNAL)
def meeting_detail(request, process, pk: int):
    meeting = get_meeting(request, pk)
    return render(request, "meetings/admin_meeting.html", detail_context(request, meeting))


def _shown(value) -> str:
    """A saved value as the conflict page shows it (local times, yes/no, nothing as a dash)."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "j. n. Y H:i")
    return "" if value is None else str(value)


def _conflict(request, form, meeting_pk: int, fields: list[str], template: str, title: str, meeting=None):
    """The save was refused: show the newer saved values beside the editor's own, with the newer version."""
    current = Meeting.objects.filter(pk=meeting_pk).first()
    if current is None:  # deleted meanwhile
        raise Http404
    form.data = form.data.copy()
    form.data["opened_version"] = str(current.version)
    form.add_error(
        None,
        _(
            "Someone else saved this meeting after you opened it. Their version is shown below; your text is kept "
            "in the form. Merge them and save again."
        ),
    )
    theirs = [(current._meta.get_field(f).verbose_name, _shown(getattr(current, f))) for f in fields]
    context = {"form": form, "title": title, "conflict": theirs, "meeting": meeting}
    context["breadcrumbs"] = meeting_crumbs(request, meeting, (title, None)) if meeting else crumbs(request)
    return render(request, template, context, status=409)


@internal_view(Perm.MANAGE_MEETINGS)
def meeting_add(request, process):
    meeting = Meeting(process=request.process)
    form = MeetingForm(request.POST or None, process=request.process, instance=meeting)
    if request.method == "POST" and form.is_valid():
        services.save_meeting(form.save(commit=False), [], None)
        messages.success(request, _("The meeting “%(title)s” was saved.") % {"title": meeting.title})
        return to_meeting(request, meeting)
    title = _("New meeting")
    context = {"form": form, "title": title, "breadcrumbs": crumbs(request, (title, None))}
    return render(request, "meetings/meeting_form.html", context, status=400 if form.errors else 200)


def _versioned_edit(request, meeting, form, title: str, template: str, done: str, anchor: str = ""):
    """Save a meeting form that carries the version it was opened at; a newer save meanwhile → 409 with both."""
    fields = form.Meta.fields
    if request.method == "POST" and form.is_valid():
        try:
            services.save_meeting(form.save(commit=False), fields, form.cleaned_data["opened_version"])
        except services.MeetingConflict:
            return _conflict(request, form, meeting.pk, fields, template, title, meeting)
        messages.success(request, done)
        return to_meeting(request, meeting, anchor)
    context = {
        "form": form,
        "title": title,
        "meeting": meeting,
        "breadcrumbs": meeting_crumbs(request, meeting, (title, None)),
    }
    return render(request, template, context, status=400 if form.errors else 200)


@internal_view(Perm.MANAGE_MEETINGS)
def meeting_edit(request, process, pk: int):
    meeting = get_meeting(request, pk)
    form = MeetingForm(request.POST or None, process=request.process, instance=meeting)
    done = _("The meeting “%(title)s” was saved.") % {"title": meeting.title}
    return _versioned_edit(request, meeting, form, _("Edit the meeting"), "meetings/meeting_form.html", done)


@require_POST
@internal_view(Perm.MANAGE_MEETINGS)
def meeting_delete(request, process, pk: int):
    meeting = get_meeting(request, pk)
    services.delete_meeting(meeting)
    messages.success(request, _("The meeting “%(title)s” was deleted.") % {"title": meeting.title})
    return redirect("meetings_admin:list", process=request.process.slug)


@internal_view(Perm.MANAGE_MEETINGS)
def minutes_edit(request, process, pk: int):
    meeting = get_meeting(request, pk)
    form = MinutesForm(request.POST or None, instance=meeting)
    done = _("The minutes were saved.")
    return _versioned_edit(request, meeting, form, _("Minutes"), "meetings/minutes_form.html", done, "zapis")


@require_POST
@internal_view(Perm.MANAGE_MEETINGS)
def minutes_publish(request, process, pk: int):
    meeting = get_meeting(request, pk)
    publish = request.POST.get("publish") == "1"
    try:
        services.publish_minutes(meeting, publish)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("The minutes were published.") if publish else _("The minutes were withdrawn."))
    return to_meeting(request, meeting, "zapis")


@internal_view(Perm.MANAGE_MEETINGS)
def attendance_edit(request, process, pk: int):
    meeting = get_meeting(request, pk)
    form = AttendanceForm(request.POST or None, people=querysets.attendance_members(meeting))
    if request.method == "POST" and form.is_valid():
        services.record_attendance(meeting, form.statuses())
        messages.success(request, _("The attendance was saved."))
        return to_meeting(request, meeting, "dochazka")
    title = _("Attendance")
    context = {
        "form": form,
        "meeting": meeting,
        "title": title,
        "breadcrumbs": meeting_crumbs(request, meeting, (title, None)),
    }
    return render(request, "meetings/attendance_form.html", context, status=400 if form.errors else 200)


@require_POST
@internal_view(Perm.MANAGE_MEETINGS)
def guest_add(request, process, pk: int):
    meeting = get_meeting(request, pk)
    form = GuestForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        services.add_guest(meeting, data["guest_name"], data["organisation"], data["status"])
        messages.success(request, _("The guest was added."))
        return to_meeting(request, meeting, "dochazka")
    context = detail_context(request, meeting, guest_form=form)
    return render(request, "meetings/admin_meeting.html", context, status=400)


@require_POST
@internal_view(Perm.MANAGE_MEETINGS)
def guest_remove(request, process, pk: int, row: int):
    meeting = get_meeting(request, pk)
    found = Attendance.objects.filter(meeting=meeting, pk=row, membership__isnull=True).first()
    if found is None:
        raise Http404
    services.remove_attendance(found)
    messages.success(request, _("The guest was removed."))
    return to_meeting(request, meeting, "dochazka")


@require_POST
@internal_view(Perm.MANAGE_MEETINGS)
def invitations_send(request, process, pk: int):
    meeting = get_meeting(request, pk)
    report = send_invitations(meeting, request.LANGUAGE_CODE)
    if report.sent:
        messages.success(request, _("Invitations sent: %(count)s.") % {"count": report.sent})
    if report.failed:
        messages.error(request, _("Not sent to: %(names)s.") % {"names": ", ".join(report.failed)})
    if not report.sent and not report.failed:
        messages.error(request, _("Nobody is invited: the group has no members."))
    return to_meeting(request, meeting)


@internal_view(Perm.VIEW_INTERNAL)
def invitation_download(request, process, pk: int):
    meeting = get_meeting(request, pk)
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="schuzka-{meeting.pk}.ics"'
    return response

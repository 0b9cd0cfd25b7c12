"""Meetings of a planning process: the agenda, attendance, minutes with tasks, attachments and a photo gallery.

A meeting usually belongs to a body (the steering group or a working group); without a body it is a public forum
of the whole process. Times are aware datetimes (the site's zone, Europe/Prague). ``version`` grows with every
save of the meeting or its minutes, so two people editing at once cannot overwrite each other silently
(services.save_meeting refuses a save made over a newer version).

Files (attachments, photos) live under ``MEDIA_ROOT/meetings/<process>/<meeting>/`` and are served only
through views that check access (views.photo_file, views.attachment_file), never straight from MEDIA_ROOT.
"""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from komplan.accounts.models import Membership
from komplan.planning.models import Body
from komplan.territory.models import ProcessOwned


class Meeting(ProcessOwned):
    body = models.ForeignKey(
        Body,
        verbose_name=_("group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        help_text=_("Leave empty for a public forum of the whole process."),
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    place = models.CharField(_("place"), max_length=250, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Markdown: one item per line starting with 1."))
    is_public = models.BooleanField(
        _("public meeting"),
        default=False,
        help_text=_("Public meetings and their published minutes appear on the process site and in its calendar."),
    )
    discussion = models.TextField(_("discussion"), blank=True, help_text=_("Minutes: the course of the meeting."))
    decisions = models.TextField(_("decisions"), blank=True, help_text=_("Minutes: what the meeting decided."))
    minutes_published_at = models.DateTimeField(_("minutes published"), null=True, blank=True)
    invitations_sent_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def minutes_published(self) -> bool:
        return self.minutes_published_at is not None

    @property
    def has_minutes(self) -> bool:
        return bool(self.discussion.strip() or self.decisions.strip())

    @property
    def uid(self) -> str:
        """The iCalendar UID: stable for the life of the meeting, unique to this komplan instance."""
        host = urlsplit(settings.SITE_URL).hostname or "komplan"
        return f"meeting-{self.pk}-{self.process_id}@{host}"

    def is_past(self, now=None) -> bool:
        return self.ends_at < (now or timezone.now())


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("present")
    EXCUSED = "excused", _("excused")
    ABSENT = "absent", _("absent")


class Attendance(models.Model):
    """One person at one meeting: a member of the process, or a guest (name and organisation only)."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(
        Membership,
        verbose_name=_("member"),
        on_delete=models.CASCADE,  # deleting an account deletes what komplan stores about the person
        null=True,
        blank=True,
        related_name="meeting_attendance",
    )
    guest_name = models.CharField(_("guest's name"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=250, blank=True)
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["guest_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"],
                condition=models.Q(membership__isnull=False),
                name="attendance_one_row_per_member",
            ),
            models.CheckConstraint(
                condition=models.Q(membership__isnull=False) | ~models.Q(guest_name=""),
                name="attendance_member_or_guest",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.get_status_display()}"

    @property
    def is_guest(self) -> bool:
        return self.membership_id is None

    @property
    def name(self) -> str:
        return self.guest_name if self.is_guest else str(self.membership.user)


class Task(models.Model):
    """A task agreed in the minutes: what, who (a member of the process) and by when."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="tasks")
    text = models.CharField(_("task"), max_length=500)
    owner = models.ForeignKey(
        Membership,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_tasks",
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


def _folder(meeting: Meeting) -> str:
    return f"meetings/{meeting.process_id}/{meeting.pk}"


def attachment_path(instance: Attachment, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{_folder(instance.meeting)}/attachments/{uuid.uuid4().hex}.{suffix}"


def photo_path(instance: Photo, filename: str) -> str:
    return f"{_folder(instance.meeting)}/photos/{uuid.uuid4().hex}.jpg"


class Attachment(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveIntegerField(_("size"))
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Shown with the published minutes of a public meeting. Keep attendance sheets internal."),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Photo(models.Model):
    """A gallery photo: the upload resized to a display size and a thumbnail (JPEG, no EXIF); alt text required."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to=photo_path, max_length=200)
    thumbnail = models.FileField(_("thumbnail"), upload_to=photo_path, max_length=200)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    thumbnail_width = models.PositiveIntegerField(_("thumbnail width"))
    thumbnail_height = models.PositiveIntegerField(_("thumbnail height"))
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_("What the photo shows, for people who cannot see it. Required."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["order", "pk"]
        constraints = [models.CheckConstraint(condition=~models.Q(alt_text=""), name="photo_alt_text_required")]

    def __str__(self) -> str:
        return self.alt_text

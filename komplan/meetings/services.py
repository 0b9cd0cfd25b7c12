"""Changes to meetings, each in one transaction. Uploads are checked completely before anything is written, and
files written for a change that then fails are removed again: nothing partial is left behind."""

from __future__ import annotations

import mimetypes
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from komplan.accounts.models import Membership

from .images import ImageRejected, process_photo
from .models import Attachment, Attendance, AttendanceStatus, Meeting, Photo, Task

ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024  # 20 MB per attachment
ATTACHMENT_SUFFIXES = {
    "pdf",
    "odt",
    "ods",
    "odp",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "rtf",
    "txt",
    "csv",
    "jpg",
    "jpeg",
    "png",
}


class MeetingConflict(Exception):
    """Someone saved the meeting after the editor opened it (the save carried an older version)."""


# --- the meeting and its minutes -------------------------------------------------------------------------------


@transaction.atomic
def save_meeting(meeting: Meeting, fields: list[str], opened_version: int | None) -> Meeting:
    """Save ``fields`` of ``meeting``; with ``opened_version`` (an edit) only if nobody saved it in between.

    The check and the version bump are one conditional UPDATE, so of two simultaneous saves one wins and the
    other gets MeetingConflict.
    """
    meeting.updated_at = timezone.now()
    if meeting.pk is None or opened_version is None:
        meeting.save()
        return meeting
    bumped = Meeting.objects.filter(pk=meeting.pk, version=opened_version).update(version=F("version") + 1)
    if not bumped:
        raise MeetingConflict
    meeting.version = opened_version + 1
    meeting.save(update_fields=[*fields, "version", "updated_at"])
    return meeting


@transaction.atomic
def delete_meeting(meeting: Meeting) -> None:
    files = [a.file for a in meeting.attachments.all()]
    files += [f for p in meeting.photos.all() for f in (p.image, p.thumbnail)]
    meeting.delete()
    _delete_files_on_commit(files)


@transaction.atomic
def publish_minutes(meeting: Meeting, publish: bool = True) -> None:
    if publish and not meeting.has_minutes:
        raise ValidationError(_("Write the minutes before publishing them."))
    meeting.minutes_published_at = timezone.now() if publish else None
    meeting.save(update_fields=["minutes_published_at"])


# --- attendance -------------------------------------------------------------------------------------------------


@transaction.atomic
def record_attendance(meeting: Meeting, statuses: dict[Membership, str]) -> None:
    """Set the attendance of members: a status per membership, "" removes the record."""
    for membership, status in statuses.items():
        if membership.process_id != meeting.process_id:
            raise ValidationError(_("Only members of this planning process can be recorded."))
        if status:
            if status not in AttendanceStatus.values:
                raise ValidationError(_("Unknown attendance status."))
            Attendance.objects.update_or_create(meeting=meeting, membership=membership, defaults={"status": status})
        else:
            Attendance.objects.filter(meeting=meeting, membership=membership).delete()


@transaction.atomic
def add_guest(meeting: Meeting, name: str, organisation: str, status: str) -> Attendance:
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the guest's name."))
    return Attendance.objects.create(meeting=meeting, guest_name=name, organisation=organisation.strip(), status=status)


@transaction.atomic
def remove_attendance(row: Attendance) -> None:
    row.delete()


# --- tasks ------------------------------------------------------------------------------------------------------


@transaction.atomic
def add_task(meeting: Meeting, text: str, owner: Membership | None, deadline) -> Task:
    if owner is not None and owner.process_id != meeting.process_id:
        raise ValidationError(_("The owner must be a member of this planning process."))
    return Task.objects.create(meeting=meeting, text=text.strip(), owner=owner, deadline=deadline)


@transaction.atomic
def set_task_done(task: Task, done: bool = True) -> None:
    task.done_at = timezone.now() if done else None
    task.save(update_fields=["done_at"])


@transaction.atomic
def delete_task(task: Task) -> None:
    task.delete()


# --- files ------------------------------------------------------------------------------------------------------


def _delete_files_on_commit(files) -> None:
    names = [(f.storage, f.name) for f in files if f]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])


def check_attachment(name: str, size: int) -> None:
    suffix = PurePath(name).suffix.lower().lstrip(".")
    if suffix not in ATTACHMENT_SUFFIXES:
        raise ValidationError(
            _("Files of this type cannot be attached. Allowed: %(types)s.")
            % {"types": ", ".join(sorted(ATTACHMENT_SUFFIXES))}
        )
    if size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is too large; the limit is %(limit)s MB.") % {"limit": ATTACHMENT_MAX_BYTES // 1024 // 1024}
        )
    if size == 0:
        raise ValidationError(_("The file is empty."))


def add_attachment(meeting: Meeting, upload, *, is_public: bool = False) -> Attachment:
    """Attach an uploaded file (type by its suffix from an allow-list, size limited; served as a download)."""
    name = PurePath(upload.name).name[:200]
    check_attachment(name, upload.size)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    attachment = Attachment(meeting=meeting, name=name, content_type=content_type, size=upload.size)
    attachment.is_public = is_public
    try:
        with transaction.atomic():
            attachment.file.save(name, upload, save=False)
            attachment.save()
    except Exception:
        if attachment.file.name:
            attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


@transaction.atomic
def delete_attachment(attachment: Attachment) -> None:
    attachment.delete()
    _delete_files_on_commit([attachment.file])


def add_photo(meeting: Meeting, data: bytes, alt_text: str, caption: str = "") -> Photo:
    """Add a gallery photo: decoded and resized first (ImageRejected → ValidationError), then stored.

    Both renditions are JPEGs without EXIF; the original upload is not kept.
    """
    alt_text = alt_text.strip()
    if not alt_text:
        raise ValidationError(_("Describe the photo in the alternative text."))
    try:
        processed = process_photo(data)
    except ImageRejected as exc:
        raise ValidationError(str(exc)) from exc
    last = meeting.photos.order_by("-order").values_list("order", flat=True).first()
    photo = Photo(
        meeting=meeting,
        alt_text=alt_text,
        caption=caption.strip(),
        width=processed.display.width,
        height=processed.display.height,
        thumbnail_width=processed.thumbnail.width,
        thumbnail_height=processed.thumbnail.height,
        order=(last or 0) + 1,
    )
    try:
        with transaction.atomic():
            photo.image.save("photo.jpg", ContentFile(processed.display.data), save=False)
            photo.thumbnail.save("thumbnail.jpg", ContentFile(processed.thumbnail.data), save=False)
            photo.save()
    except Exception:
        for field in (photo.image, photo.thumbnail):
            if field.name:
                field.storage.delete(field.name)
        raise
    return photo


@transaction.atomic
def update_photo(photo: Photo, alt_text: str, caption: str, order: int) -> None:
    alt_text = alt_text.strip()
    if not alt_text:
        raise ValidationError(_("Describe the photo in the alternative text."))
    photo.alt_text, photo.caption, photo.order = alt_text, caption.strip(), order
    photo.save(update_fields=["alt_text", "caption", "order"])


@transaction.atomic
def delete_photo(photo: Photo) -> None:
    photo.delete()
    _delete_files_on_commit([photo.image, photo.thumbnail])

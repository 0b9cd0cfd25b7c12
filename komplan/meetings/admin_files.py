"""Staff pages for the files of a meeting: attachments and the photo gallery (namespace meetings_admin).

Uploads are checked completely before anything is stored (see services and images); on an error the meeting page
is shown again with the error at its field and nothing saved.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from komplan.accounts.roles import Perm
from komplan.territory.access import internal_view

from . import services
from .admin_views import detail_context, get_meeting, meeting_crumbs, to_meeting
from .files import file_response
from .forms import AttachmentForm, PhotoEditForm, PhotoForm
from .models import Attachment, Photo


@require_POST
@internal_view(Perm.MANAGE_MEETINGS)
def attachment_add(request, process, pk: int):
    meeting = get_meeting(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachment(meeting, form.cleaned_data["file"], is_public=form.cleaned_data["is_public"])
        except ValidationError as exc:
            form.add_error("file", exc)
    if form.errors:
        context = detail_context(request, meeting, attachment_form=form)
        return render(request, "meetings/admin_meeting.html", context, status=400)
    messages.success(request, _("The attachment was added."))
    return to_meeting(request, meeting, "prilohy")


def _attachment(meeting, pk: int) -> Attachment:
    return get_object_or_404(Attachment, meeting=meeting, pk=pk)


@internal_view(Perm.VIEW_INTERNAL)
def attachment_download(request, process, pk: int, attachment: int):
    found = _attachment(get_meeting(request, pk), attachment)
    return file_response(found.file, found.content_type, download_name=found.name)


@require_POST
@internal_view(Perm.MANAGE_MEETINGS)
def attachment_delete(request, process, pk: int, attachment: int):
    meeting = get_meeting(request, pk)
    services.delete_attachment(_attachment(meeting, attachment))
    messages.success(request, _("The attachment was deleted."))
    return to_meeting(request, meeting, "prilohy")


@internal_view(Perm.MANAGE_MEETINGS)
def photo_add(request, process, pk: int):
    """The upload form (also on the meeting page); a photo is stored only when the file and alt text are right."""
    meeting = get_meeting(request, pk)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_photo(meeting, data["image"].read(), data["alt_text"], data["caption"])
        except ValidationError as exc:
            form.add_error("image", exc)
        else:
            messages.success(request, _("The photo was added to the gallery."))
            return to_meeting(request, meeting, "fotogalerie")
    title = _("Add a photo")
    context = {
        "form": form,
        "meeting": meeting,
        "title": title,
        "breadcrumbs": meeting_crumbs(request, meeting, (title, None)),
    }
    return render(request, "meetings/photo_form.html", context, status=400 if form.errors else 200)


def _photo(meeting, pk: int) -> Photo:
    return get_object_or_404(Photo, meeting=meeting, pk=pk)


@require_POST
@internal_view(Perm.MANAGE_MEETINGS)
def photo_delete(request, process, pk: int, photo: int):
    meeting = get_meeting(request, pk)
    services.delete_photo(_photo(meeting, photo))
    messages.success(request, _("The photo was deleted."))
    return to_meeting(request, meeting, "fotogalerie")


@internal_view(Perm.MANAGE_MEETINGS)
def photo_edit(request, process, pk: int, photo: int):
    """Correct the alternative text, the caption or the place of a photo in the gallery."""
    meeting = get_meeting(request, pk)
    found = _photo(meeting, photo)
    initial = {"alt_text": found.alt_text, "caption": found.caption, "order": found.order}
    form = PhotoEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.update_photo(found, data["alt_text"], data["caption"], data["order"])
        messages.success(request, _("The photo was saved."))
        return to_meeting(request, meeting, "fotogalerie")
    title = _("Edit the photo")
    context = {
        "form": form,
        "meeting": meeting,
        "photo": found,
        "title": title,
        "breadcrumbs": meeting_crumbs(request, meeting, (title, None)),
    }
    return render(request, "meetings/photo_edit.html", context, status=400 if form.errors else 200)

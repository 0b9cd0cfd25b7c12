"""Uploading gallery photos and attachments through the staff pages: bad input is refused, nothing is stored."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from komplan.meetings import images, services
from komplan.meetings.models import Attachment, Photo
from tests.meetings.conftest import image_bytes

pytestmark = pytest.mark.django_db

STAFF = "/slany/sprava/schuzky/"


def _stored(settings):
    root = settings.MEDIA_ROOT
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_photo_is_uploaded_resized_with_its_alt_text(as_user, coordinator, meetings, settings):
    meeting = meetings["public"]
    upload = SimpleUploadedFile("IMG_0001.JPG", image_bytes(size=(3000, 2000)), "image/jpeg")
    response = as_user(coordinator).post(
        f"{STAFF}{meeting.pk}/fotografie/pridat/", {"image": upload, "alt_text": "Účastníci jednání u stolu"}
    )
    assert response.status_code == 302
    photo = Photo.objects.get(meeting=meeting)
    assert (photo.width, photo.height) == (1600, 1067) and (photo.thumbnail_width, photo.thumbnail_height) == (400, 267)
    assert photo.alt_text == "Účastníci jednání u stolu" and len(_stored(settings)) == 2
    assert as_user(coordinator).post(f"{STAFF}{meeting.pk}/fotografie/{photo.pk}/smazat/").status_code == 302
    assert not Photo.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "alt", "field"),
    [
        ("fotka.jpg", b"%PDF-1.4 this is a PDF renamed to .jpg", "Popis", "image"),
        ("fotka.png", image_bytes(size=(50, 50)), "", "alt_text"),
        ("fotka.jpg", image_bytes(size=(50, 50)), "   ", "alt_text"),
    ],
)
def test_bad_photos_are_refused_at_the_field(as_user, coordinator, meetings, settings, name, data, alt, field):
    meeting = meetings["public"]
    response = as_user(coordinator).post(
        f"{STAFF}{meeting.pk}/fotografie/pridat/", {"image": SimpleUploadedFile(name, data), "alt_text": alt}
    )
    assert response.status_code == 400 and field in response.context["form"].errors
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Photo.objects.exists() and _stored(settings) == []


def test_a_too_large_photo_is_refused(as_user, coordinator, meetings, settings, monkeypatch):
    from komplan.meetings import forms

    monkeypatch.setattr(forms, "MAX_UPLOAD_BYTES", 2000)
    monkeypatch.setattr(images, "MAX_UPLOAD_BYTES", 2000)
    meeting = meetings["public"]
    big = SimpleUploadedFile("velka.jpg", image_bytes(size=(1200, 1200)))
    response = as_user(coordinator).post(f"{STAFF}{meeting.pk}/fotografie/pridat/", {"image": big, "alt_text": "Velká"})
    assert response.status_code == 400 and "příliš velká" in str(response.context["form"].errors["image"])
    assert not Photo.objects.exists() and _stored(settings) == []


def test_nothing_is_left_when_saving_a_photo_fails(meetings, settings, monkeypatch):
    def broken_save(self, *args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(Photo, "save", broken_save)
    with pytest.raises(RuntimeError):
        services.add_photo(meetings["public"], image_bytes(), "Popis")
    assert _stored(settings) == []


def test_attachments_are_checked_and_downloaded(clients, meetings, settings):
    meeting = meetings["public"]
    staff = clients["coordinator"]
    url = f"{STAFF}{meeting.pk}/prilohy/"
    refused = staff.post(url, {"file": SimpleUploadedFile("skript.exe", b"MZ...")})
    assert refused.status_code == 400 and "file" in refused.context["attachment_form"].errors
    empty = staff.post(url, {"file": SimpleUploadedFile("prazdny.pdf", b"")})
    assert empty.status_code == 400
    assert not Attachment.objects.exists() and _stored(settings) == []
    assert staff.post(url, {"file": SimpleUploadedFile("Zápis 14. 5..pdf", b"%PDF-1.4")}).status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf" and attachment.size == 8 and not attachment.is_public
    download = clients["member"].get(f"{STAFF}{meeting.pk}/prilohy/{attachment.pk}/")
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"
    assert staff.post(f"{STAFF}{meeting.pk}/prilohy/{attachment.pk}/smazat/").status_code == 302
    assert not Attachment.objects.exists()


def test_attachment_size_limit(monkeypatch):
    from django.core.exceptions import ValidationError

    monkeypatch.setattr(services, "ATTACHMENT_MAX_BYTES", 10)
    with pytest.raises(ValidationError, match="příliš velký"):
        services.check_attachment("zapis.pdf", 11)


def test_photo_alt_text_is_corrected_but_never_emptied(clients, meetings):
    meeting = meetings["public"]
    photo = services.add_photo(meeting, image_bytes(), "Původní popis")
    url = f"{STAFF}{meeting.pk}/fotografie/{photo.pk}/"
    assert clients["anonymous"].get(url).status_code == 302
    assert clients["outsider"].get(url).status_code == 404
    assert clients["member"].get(url).status_code == 403
    staff = clients["coordinator"]
    assert staff.get(url).status_code == 200
    emptied = staff.post(url, {"alt_text": "  ", "caption": "x", "order": "1"})
    assert emptied.status_code == 400 and "alt_text" in emptied.context["form"].errors
    assert staff.post(url, {"alt_text": "Lepší popis", "caption": "Jednání", "order": "5"}).status_code == 302
    photo.refresh_from_db()
    assert (photo.alt_text, photo.caption, photo.order) == ("Lepší popis", "Jednání", 5)

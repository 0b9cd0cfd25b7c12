"""Gallery photos with Pillow: real images become two JPEGs without EXIF; anything else is refused."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from PIL import Image

from komplan.meetings import images
from komplan.meetings.images import ImageRejected, process_photo
from tests.meetings.conftest import image_bytes


def _exif_with_gps_and_rotation():
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x010F] = "Fotoaparát s. r. o."  # camera maker
    return exif


def test_a_large_photo_gets_a_display_size_and_a_thumbnail_without_exif():
    result = process_photo(image_bytes(size=(2400, 1800), exif=_exif_with_gps_and_rotation()))
    display = Image.open(io.BytesIO(result.display.data))
    thumb = Image.open(io.BytesIO(result.thumbnail.data))
    assert display.format == thumb.format == "JPEG"
    # the orientation was applied: the landscape original is shown upright as a portrait
    assert (display.width, display.height) == (result.display.width, result.display.height) == (1200, 1600)
    assert max(thumb.size) == 400 and thumb.size == (300, 400)
    for rendition in (display, thumb):
        assert not rendition.getexif()
        assert "exif" not in rendition.info


def test_small_images_are_not_enlarged_and_transparency_becomes_white():
    result = process_photo(image_bytes("PNG", size=(300, 200), color=(0, 0, 0, 0)))
    assert (result.display.width, result.display.height) == (300, 200)
    pixel = Image.open(io.BytesIO(result.display.data)).convert("RGB").getpixel((10, 10))
    assert all(channel > 240 for channel in pixel)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4 not an image",
        b"<svg xmlns='http://www.w3.org/2000/svg'></svg>",
        b"\xff\xd8\xff\xe0 truncated jpeg",
        b"",
    ],
)
def test_what_is_not_an_image_is_refused(data):
    with pytest.raises(ImageRejected):
        process_photo(data)


@pytest.fixture(autouse=True)
def _czech():
    """The messages are checked in Czech whatever language an earlier test left active."""
    with translation.override("cs"):
        yield


def test_a_renamed_text_file_is_refused_whatever_its_name():
    with pytest.raises(ImageRejected, match="není obrázek"):
        process_photo(b"just text pretending to be photo.jpg")


def test_too_large_uploads_and_too_many_pixels_are_refused(monkeypatch):
    monkeypatch.setattr(images, "MAX_UPLOAD_BYTES", 1000)
    with pytest.raises(ImageRejected, match="příliš velká"):
        process_photo(image_bytes(size=(800, 800)))
    monkeypatch.setattr(images, "MAX_UPLOAD_BYTES", 10**8)
    monkeypatch.setattr(images, "MAX_PIXELS", 100)
    with pytest.raises(ImageRejected, match="pixelů"):
        process_photo(image_bytes(size=(20, 20)))

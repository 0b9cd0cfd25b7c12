"""Gallery photos: check an upload really is an image (by decoding it with Pillow, not by its name) and make
the two JPEGs komplan stores — a display size and a thumbnail — without EXIF (GPS, camera serials) and with the
EXIF orientation applied. Pure functions over bytes; nothing here touches the database or the disk.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # 10 MB per photo
MAX_PIXELS = 50_000_000  # refuse larger images before decoding them (decompression bombs)
DISPLAY_SIZE = 1600  # longer side of the stored photo, in pixels
THUMBNAIL_SIZE = 400  # longer side of the thumbnail
ACCEPTED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP", "MPO"}  # MPO: the JPEG variant of many phone cameras
JPEG_QUALITY = 85
LOGO_SIZE = 800  # longer side of a stored logo: 3 cm high on the cover at ≥ 600 ppi


class ImageRejected(ValueError):
    """The upload cannot become a gallery photo; the message says why, for the person who uploaded it."""


@dataclass(frozen=True)
class Rendition:
    data: bytes
    width: int
    height: int


@dataclass(frozen=True)
class ProcessedPhoto:
    display: Rendition
    thumbnail: Rendition


def _open(data: bytes) -> Image.Image:
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImageRejected(
            _("The photo is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": round(len(data) / 1024 / 1024, 1), "limit": MAX_UPLOAD_BYTES // 1024 // 1024}
        )
    if not data:
        raise ImageRejected(_("The file is empty."))
    try:
        probe = Image.open(io.BytesIO(data))
        image_format = probe.format
        width, height = probe.size
        probe.verify()  # structure check without decoding the pixels
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageRejected(_("The file is not an image komplan can read (JPEG, PNG, GIF or WebP).")) from exc
    if image_format not in ACCEPTED_FORMATS:
        raise ImageRejected(_("The file is not an image komplan can read (JPEG, PNG, GIF or WebP)."))
    if width * height > MAX_PIXELS:
        raise ImageRejected(_("The image has too many pixels; make it smaller first."))
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageRejected(_("The file is not an image komplan can read (JPEG, PNG, GIF or WebP).")) from exc
    return image


def _rgb(image: Image.Image) -> Image.Image:
    """Upright RGB: the EXIF orientation applied, transparency flattened onto white."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def _jpeg(image: Image.Image, longest: int) -> Rendition:
    copy = image.copy()
    copy.thumbnail((longest, longest), Image.Resampling.LANCZOS)  # only ever shrinks
    out = io.BytesIO()
    copy.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)  # no exif= argument: EXIF is not written
    return Rendition(out.getvalue(), copy.width, copy.height)


def png_logo(data: bytes, longest: int = LOGO_SIZE) -> Rendition:
    """An uploaded logo as a PNG of at most ``longest`` pixels, transparency kept (the plan's cover).

    The same checks as a photo (size limit, decoded by Pillow, pixel limit); raises ImageRejected otherwise.
    """
    image = ImageOps.exif_transpose(_open(data))
    image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P", "PA") else "RGB")
    image.thumbnail((longest, longest), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return Rendition(out.getvalue(), image.width, image.height)


def process_photo(data: bytes) -> ProcessedPhoto:
    """The display rendition (≤ DISPLAY_SIZE px) and the thumbnail (≤ THUMBNAIL_SIZE px) of an uploaded photo.

    Raises ImageRejected when the data are too large, not an image, or an image of too many pixels.
    """
    image = _rgb(_open(data))
    return ProcessedPhoto(display=_jpeg(image, DISPLAY_SIZE), thumbnail=_jpeg(image, THUMBNAIL_SIZE))

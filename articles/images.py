"""Photo uploads: check that Pillow can really decode them, and make the JPEG thumbnail."""

from __future__ import annotations

from io import BytesIO
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

THUMBNAIL_MAX_PX = 480
THUMBNAIL_QUALITY = 85
# What browsers show everywhere; Pillow reads more, but a portal photo must display.
ACCEPTED_FORMATS = ("JPEG", "PNG", "GIF", "WEBP")

_DECODE_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError)


def check_image(upload) -> None:
    """Raise ValidationError naming the file unless it is a whole JPEG/PNG/GIF/WebP image.

    Decodes every pixel: a truncated file passes Pillow's `verify()` but breaks on first display.
    """
    name = getattr(upload, "name", "") or "the upload"
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image_format = image.format
            image.load()
    except _DECODE_ERRORS as error:
        raise ValidationError(
            "“%(name)s” is not a readable image (%(reason)s). Upload a JPEG, PNG, GIF or WebP file.",
            code="invalid_image",
            params={"name": name, "reason": str(error) or type(error).__name__},
        ) from error
    finally:
        upload.seek(0)
    if image_format not in ACCEPTED_FORMATS:
        raise ValidationError(
            "“%(name)s” is a %(format)s image; upload a JPEG, PNG, GIF or WebP file.",
            code="unsupported_image_format",
            params={"name": name, "format": image_format or "unknown"},
        )


def thumbnail_jpeg(source, max_px: int = THUMBNAIL_MAX_PX) -> bytes:
    """A JPEG no larger than `max_px` on either side, upright per EXIF, transparency on white."""
    source.seek(0)
    with Image.open(source) as opened:
        image = ImageOps.exif_transpose(opened)
        image.thumbnail((max_px, max_px))
        if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
            rgba = image.convert("RGBA")
            image = Image.new("RGB", rgba.size, "white")
            image.paste(rgba, mask=rgba.getchannel("A"))
        else:
            image = image.convert("RGB")
        out = BytesIO()
        image.save(out, "JPEG", quality=THUMBNAIL_QUALITY, optimize=True)
    source.seek(0)
    return out.getvalue()


def refresh_thumbnail(photo, source) -> None:
    """Replace `photo.thumbnail` by one made from `source` (the uploaded image); clear it if None.

    Saves the file, not the photo: the caller saves the row.
    """
    if photo.thumbnail:
        photo.thumbnail.delete(save=False)
    if not source:
        return
    stem = PurePosixPath(getattr(source, "name", "") or "photo").stem
    photo.thumbnail.save(f"{stem}-thumb.jpg", ContentFile(thumbnail_jpeg(source)), save=False)

"""Checking and cleaning what workers upload: JPEG, PNG or PDF by content, never by name; at
most MAX_FILES files of MAX_FILE_BYTES; photos re-encoded without their metadata (GPS
location, camera, dates), so that a picture cannot say where or by whom it was taken."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from corredor.testimonies.rules import MAX_FILE_BYTES, MAX_FILES, sniff


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    content_type: str
    original_name: str


def clean_uploads(files: list[UploadedFile]) -> list[CleanFile]:
    """Every file checked and cleaned, or a ValidationError naming each problem."""
    errors: list[str] = []
    if len(files) > MAX_FILES:
        raise ValidationError(
            _("Send at most %(count)s files.") % {"count": MAX_FILES}, code="too_many"
        )
    cleaned = []
    for upload in files:
        name = upload.name or _("(no name)")
        if upload.size > MAX_FILE_BYTES:
            errors.append(
                _("“%(name)s” is too large (%(size)s): each file may be at most %(max)s.")
                % {
                    "name": name,
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(MAX_FILE_BYTES),
                }
            )
            continue
        data = upload.read()
        kind = sniff(data[:16])
        if kind is None:
            errors.append(
                _("“%(name)s” is not a photo (JPEG or PNG) or a PDF document.") % {"name": name}
            )
            continue
        if kind == "application/pdf":
            cleaned.append(CleanFile(data, kind, name))
            continue
        try:
            cleaned.append(CleanFile(strip_image(data, kind), kind, name))
        except (
            OSError,
            ValueError,
            SyntaxError,
            Image.DecompressionBombError,
            Image.DecompressionBombWarning,  # raised, not warned: see strip_image
        ):
            errors.append(_("“%(name)s” is damaged or is not really a photo.") % {"name": name})
    if errors:
        raise ValidationError(errors)
    return cleaned


def strip_image(data: bytes, kind: str) -> bytes:
    """The picture alone: decoded and encoded again, turned the right way up, with no EXIF,
    GPS, XMP, ICC or text chunks carried over."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()  # structure check; the image must be opened again to use it
        with Image.open(io.BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image)
            pixels = image.convert("RGB" if kind == "image/jpeg" else "RGBA")
    clean = Image.new(pixels.mode, pixels.size)
    clean.paste(pixels)
    out = io.BytesIO()
    if kind == "image/jpeg":
        clean.save(out, format="JPEG", quality=88, optimize=True)
    else:
        clean.save(out, format="PNG", optimize=True)
    return out.getvalue()

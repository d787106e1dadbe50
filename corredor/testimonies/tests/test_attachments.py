"""Attachments: JPEG, PNG or PDF recognised by their content, never their name; at most 10
files of 10 MB; photos stored without their location or camera data; a refused file leaves
nothing stored half-way, with a translated message and the worker's text kept."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from PIL import Image

from corredor.lib.crypto import decrypt
from corredor.testimonies.models import Attachment, Testimony
from corredor.testimonies.rules import MAX_FILE_BYTES
from corredor.testimonies.tests.conftest import STEP_ANSWERS, pdf, photo, walk_intake


def upload(name: str, content: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    # The browser's content type is whatever the name suggests: it must not matter.
    return SimpleUploadedFile(name, content, content_type=content_type)


def send(*files: SimpleUploadedFile, language: str = "es"):
    return walk_intake(
        Client(), "centro-alfa", language=language, files={"attachments": list(files)}
    )


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def assert_nothing_stored() -> None:
    assert Testimony.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert stored_files() == []


def message(language: str, text: str, **values: str) -> str:
    with translation.override(language):
        return escape(gettext(text) % values)


def clear_bytes(attachment: Attachment) -> bytes:
    with attachment.file.open("rb") as handle:
        return decrypt(handle.read())


@pytest.mark.parametrize(("kind", "content_type"), [("JPEG", "image/jpeg"), ("PNG", "image/png")])
def test_photos_are_stored_without_their_location_or_camera(alfa, kind, content_type) -> None:
    original = photo(kind)
    assert b"Canon" in original
    response = send(upload(f"campo.{kind.lower()}", original))
    assert response.status_code == 302

    attachment = Attachment.objects.get()
    content = clear_bytes(attachment)
    assert (attachment.content_type, attachment.size) == (content_type, len(content))
    assert attachment.original_name == f"campo.{kind.lower()}"
    assert b"Canon" not in content
    assert b"Exif" not in content
    with Image.open(io.BytesIO(content)) as image:
        assert image.format == kind
        assert image.size == (32, 24)
        assert dict(image.getexif()) == {}
        assert image.getexif().get_ifd(0x8825) == {}
        assert "exif" not in image.info
    assert attachment.testimony == Testimony.objects.get()


def test_the_stored_file_is_named_by_a_random_code_not_by_the_worker(alfa) -> None:
    send(upload("Maria_Perez_pasaporte.jpg", photo()))
    attachment = Attachment.objects.get()
    assert attachment.file.name == f"testimonies/{attachment.uuid}.bin"
    (path,) = stored_files()
    assert "Maria" not in str(path)


def test_a_pdf_is_accepted_by_its_content_whatever_its_name(alfa) -> None:
    document = pdf()
    response = send(upload("talon-de-pago", document, "application/octet-stream"))
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"
    assert clear_bytes(attachment) == document


def test_several_files_are_stored_together(alfa) -> None:
    response = send(upload("a.jpg", photo()), upload("b.png", photo("PNG")), upload("c.pdf", pdf()))
    assert response.status_code == 302
    kinds = list(Attachment.objects.values_list("content_type", flat=True))
    assert sorted(kinds) == ["application/pdf", "image/jpeg", "image/png"]
    assert len(stored_files()) == 3


@pytest.mark.parametrize(
    "content",
    [
        b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64,
    ],
    ids=["html", "exe"],
)
@pytest.mark.parametrize("language", ["es", "en", "fr"])
def test_a_file_disguised_as_a_photo_is_refused_with_a_clear_message(
    alfa, content, language
) -> None:
    response = send(upload("photo.jpg", content), language=language)
    page = response.content.decode()
    assert response.status_code == 422
    assert (
        message(
            language, "“%(name)s” is not a photo (JPEG or PNG) or a PDF document.", name="photo.jpg"
        )
        in page
    )
    assert escape(STEP_ANSWERS[0]["narrative"]) in page  # what the worker wrote is kept
    assert_nothing_stored()


def test_a_file_over_10_mb_is_refused_by_name(alfa) -> None:
    big = photo() + b"\x00" * (MAX_FILE_BYTES + 1)
    response = send(upload("contrato-grande.jpg", big), language="en")
    page = response.content.decode()
    assert response.status_code == 422
    assert "“contrato-grande.jpg” is too large" in page
    assert "each file may be at most 10.0\xa0MB" in page
    assert_nothing_stored()


def test_a_file_of_exactly_10_mb_is_not_refused_for_its_size(alfa) -> None:
    document = pdf()
    exact = document + b"\n" * (MAX_FILE_BYTES - len(document))
    assert send(upload("grande.pdf", exact, "application/pdf")).status_code == 302
    assert Attachment.objects.get().size == MAX_FILE_BYTES


def test_eleven_files_are_refused(alfa) -> None:
    files = [upload(f"foto{n}.jpg", photo()) for n in range(11)]
    response = send(*files, language="fr")
    assert response.status_code == 422
    assert message("fr", "Send at most %(count)s files.", count="10") in response.content.decode()
    assert_nothing_stored()


def test_ten_files_are_accepted(alfa) -> None:
    files = [upload(f"foto{n}.jpg", photo()) for n in range(10)]
    assert send(*files).status_code == 302
    assert Attachment.objects.count() == 10


def test_a_jpeg_header_followed_by_garbage_is_called_damaged(alfa) -> None:
    broken = b"\xff\xd8\xff\xe0" + b"not really a picture at all" * 20
    response = send(upload("foto.jpg", broken), language="es")
    assert response.status_code == 422
    assert (
        message("es", "“%(name)s” is damaged or is not really a photo.", name="foto.jpg")
        in response.content.decode()
    )
    assert_nothing_stored()


def test_a_cut_off_png_is_called_damaged(alfa) -> None:
    response = send(upload("foto.png", photo("PNG")[:60]), language="en")
    assert response.status_code == 422
    assert "“foto.png” is damaged or is not really a photo." in response.content.decode()
    assert_nothing_stored()


def test_a_picture_too_large_to_decode_safely_is_refused_not_a_server_error(
    alfa, monkeypatch
) -> None:
    # Above MAX_IMAGE_PIXELS Pillow warns of a decompression bomb; a 10 MB JPEG can hold one.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 500)
    response = send(upload("enorme.jpg", photo(size=(30, 20))), language="en")
    assert response.status_code == 422
    assert "“enorme.jpg” is damaged or is not really a photo." in response.content.decode()
    assert_nothing_stored()


def test_one_bad_file_among_good_ones_stores_nothing(alfa) -> None:
    response = send(upload("bueno.jpg", photo()), upload("malo.jpg", b"<html></html>"))
    assert response.status_code == 422
    assert_nothing_stored()


def test_after_a_refused_file_the_worker_is_asked_to_choose_the_files_again(alfa) -> None:
    response = send(upload("malo.jpg", b"GIF89a not allowed"), language="en")
    page = response.content.decode()
    assert "files are not kept between tries: choose them again" in page
    assert 'enctype="multipart/form-data"' in page

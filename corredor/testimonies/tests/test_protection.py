"""Protection at rest and in transit: the database and the media folder hold only ciphertext,
`corredor rotate-keys` moves everything to a new key, pages with testimony data are never
cached, and neither URLs nor logs carry a worker's name or contact."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from cryptography.fernet import InvalidToken
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client

from corredor.accounts import actions as accounts
from corredor.conftest import signed_in_client
from corredor.lib.crypto import decrypt
from corredor.testimonies import actions
from corredor.testimonies.models import Attachment, Evidence, Testimony
from corredor.testimonies.rules import normalize_receipt_code
from corredor.testimonies.tests.conftest import (
    KEY_ONE,
    KEY_TWO,
    WORKER_EMAIL,
    WORKER_NAME,
    WORKER_PHONE,
    alfa_petition,
    give,
    pdf,
    photo,
    walk_intake,
)

# Pieces of the worker's account that must never be readable at rest.
SECRETS = [
    "María",
    "Maria",
    "Guadalupe",
    "Pérez López",
    WORKER_PHONE,
    "5512345678",
    WORKER_EMAIL,
    "maria@",
    "pasaportes",
    "8,000 pesos",
    "Granjas del Sur",
    "Agencia Reclutamiento Norte",
    "Valdosta",
]
PDF_MARK = b"Talon de pago de Granjas del Sur"


def every_row() -> str:
    """Every value of every table, as text (bytes decoded loosely)."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, memoryview):
                        value = value.tobytes()
                    if isinstance(value, bytes):
                        value = value.decode("utf-8", "replace")
                    chunks.append(str(value))
    return "\n".join(chunks)


def raw_columns(table: str, columns: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {table}")  # noqa: S608
        return cursor.fetchall()


def files_on_disk() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


@pytest.fixture
def taken(alfa, alice, django_capture_on_commit_callbacks):
    """A testimony given on the web form, with a photo and a PDF, used as evidence."""
    document = pdf().replace(b"%%EOF", b"(" + PDF_MARK + b")\n%%EOF")
    files = {
        "attachments": [
            SimpleUploadedFile("foto-maria.jpg", photo()),
            SimpleUploadedFile("recibo.pdf", document),
        ]
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert walk_intake(Client(), "centro-alfa", files=files).status_code == 302
    testimony = Testimony.objects.get()
    actions.add_evidence(
        testimony,
        alfa_petition(alfa, alice),
        "En Granjas del Sur nos quitaron los pasaportes.",
        named=False,
        actor=alice,
    )
    return testimony


# At rest


def test_the_raw_database_holds_no_name_contact_account_or_employer_in_clear(taken) -> None:
    everything = every_row()
    for secret in SECRETS:
        assert secret not in everything, secret
    assert taken.pseudonym in everything  # the pseudonym is what is kept in clear


def test_each_protected_column_is_a_fernet_token(taken) -> None:
    (row,) = raw_columns(
        "testimonies_testimony",
        "name, phone, email, narrative, redacted_narrative, employer, recruiter, place",
    )
    for value in row:
        assert value.startswith("gAAAAA"), value[:20]
        assert decrypt(value.encode()).decode()  # and it is the real thing, encrypted
    for (name,) in raw_columns("testimonies_attachment", "original_name"):
        assert name.startswith("gAAAAA")
    ((excerpt,),) = raw_columns("testimonies_evidence", "excerpt")
    assert excerpt.startswith("gAAAAA")


def test_the_files_on_disk_are_ciphertext(taken) -> None:
    stored = files_on_disk()
    assert len(stored) == 2
    for path in stored:
        content = path.read_bytes()
        assert content.startswith(b"gAAAAA")
        assert b"Canon" not in content
        assert PDF_MARK not in content
        assert b"%PDF" not in content
        assert b"JFIF" not in content
        assert path.suffix == ".bin"
    clear = sorted(decrypt(path.read_bytes())[:4] for path in stored)
    assert clear == [b"%PDF", b"\xff\xd8\xff\xe0"]


def test_the_receipt_code_itself_is_not_stored(taken, alfa) -> None:
    other = give(alfa)
    everything = every_row()
    assert other.receipt_code not in everything
    assert normalize_receipt_code(other.receipt_code) not in everything


def test_rotate_keys_moves_every_value_and_file_to_the_new_key(
    taken, settings, django_capture_on_commit_callbacks
) -> None:
    before = raw_columns("testimonies_testimony", "narrative")
    old_files = files_on_disk()

    settings.TESTIMONY_KEYS = [KEY_TWO, KEY_ONE]
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rotate-keys", stdout=out)
    assert "2 files" in out.getvalue()
    assert raw_columns("testimonies_testimony", "narrative") != before
    new_files = files_on_disk()
    assert len(new_files) == 2
    assert not set(old_files) & set(new_files)  # the old ciphertext is gone from disk

    settings.TESTIMONY_KEYS = [KEY_TWO]
    testimony = Testimony.objects.get()
    assert testimony.name == WORKER_NAME
    assert testimony.phone == WORKER_PHONE
    assert testimony.email == WORKER_EMAIL
    assert "pasaportes" in testimony.narrative
    assert testimony.employer == "Granjas del Sur LLC, Georgia"
    assert Evidence.objects.get().excerpt.endswith("nos quitaron los pasaportes.")
    names = sorted(a.original_name for a in Attachment.objects.all())
    assert names == ["foto-maria.jpg", "recibo.pdf"]
    for attachment in Attachment.objects.all():
        with attachment.file.open("rb") as handle:
            assert decrypt(handle.read())[:4] in (b"%PDF", b"\xff\xd8\xff\xe0")

    settings.TESTIMONY_KEYS = [KEY_ONE]
    with pytest.raises(InvalidToken):
        Testimony.objects.get()
    with pytest.raises(InvalidToken):
        decrypt(new_files[0].read_bytes())


def test_rotate_keys_prints_a_new_key_on_request(db) -> None:
    out = io.StringIO()
    call_command("rotate-keys", "--new-key", stdout=out)
    key = out.getvalue().strip()
    assert len(key) == 44 and key.endswith("=")


# In transit


def pages_with_testimony_data(testimony: Testimony, attachment: Attachment) -> list[str]:
    base = f"/en/testimonies/t/{testimony.pseudonym}/"
    return [
        "/en/testimonies/centro-alfa/",
        "/en/testimonies/centro-alfa/new/",
        "/en/testimonies/centro-alfa/statistics/",
        "/en/testimonies/centro-alfa/access-log/",
        "/en/testimonies/shared/",
        base,
        base + "?reveal=1",
        base + "redaction/",
        base + "evidence/",
        base + f"files/{attachment.uuid}/",
    ]


def test_every_page_with_testimony_data_says_no_store(taken, alice) -> None:
    client = Client()
    assert "no-store" in client.get("/es/testify/centro-alfa/")["Cache-Control"]
    intake = walk_intake(client, "centro-alfa")
    assert "no-store" in intake["Cache-Control"]
    assert "no-store" in client.get(intake["Location"])["Cache-Control"]
    assert "no-store" in client.get("/es/testify/withdraw/")["Cache-Control"]
    refused = client.post("/es/testify/withdraw/", {"code": "AAAA-BBBB-CCCC"})
    assert "no-store" in refused["Cache-Control"]

    staff = signed_in_client(alice)
    for url in pages_with_testimony_data(taken, taken.attachments.first()):
        response = staff.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def test_api_answers_with_testimony_data_say_no_store(taken, alice) -> None:
    _token, raw = accounts.create_api_token(alice, "tests")
    headers = {"Authorization": f"Bearer {raw}"}
    for url in ("/api/v1/testimonies", f"/api/v1/testimonies/{taken.pseudonym}"):
        response = Client().get(url, headers=headers)
        assert response.status_code == 200
        assert "no-store" in response.get("Cache-Control", ""), url


def identity_forms() -> list[str]:
    forms = [WORKER_NAME, "Guadalupe", WORKER_PHONE, "5512345678", WORKER_EMAIL]
    encoded = [quote(text) for text in forms] + [quote_plus(text) for text in forms]
    return forms + encoded


def test_no_url_carries_the_workers_name_or_contact(taken, alice) -> None:
    client = Client()
    urls = [walk_intake(client, "centro-alfa")["Location"]]
    staff = signed_in_client(alice)
    for url in pages_with_testimony_data(taken, taken.attachments.first())[:-1]:
        page = staff.get(url).content.decode()
        urls += re.findall(r'(?:href|action|src)="([^"]*)"', page)
    urls += [e.petition.get_absolute_url() for e in taken.evidence.all()]
    assert any(taken.pseudonym in url for url in urls)
    for url in urls:
        for secret in identity_forms():
            assert secret not in url, url


def test_no_log_record_carries_the_workers_name_or_contact(
    taken, alice, caplog, django_capture_on_commit_callbacks
) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")  # Django's own loggers stop at INFO
    connection.force_debug_cursor = True  # log every query with its parameters, too
    try:
        client = Client()
        with django_capture_on_commit_callbacks(execute=True):
            walk_intake(client, "centro-alfa")
        walk_intake(Client(), "centro-alfa", [{"narrative": "x"}])  # an error on the way
        staff = signed_in_client(alice)
        for url in pages_with_testimony_data(taken, taken.attachments.first()):
            staff.get(url)
        _token, raw = accounts.create_api_token(alice, "tests")
        Client().get("/api/v1/testimonies", headers={"Authorization": f"Bearer {raw}"})
        code = give(taken.organization, "contact").receipt_code
        Client().post("/es/testify/withdraw/", {"code": code, "kinds": ["contact"]})
    finally:
        connection.force_debug_cursor = False

    assert any(record.name == "django.db.backends" for record in caplog.records)
    for record in caplog.records:
        text = record.getMessage() + repr(record.args) + (record.exc_text or "")
        for secret in [WORKER_NAME, "Guadalupe", WORKER_PHONE, WORKER_EMAIL, "pasaportes"]:
            assert secret not in text, (record.name, text[:300])

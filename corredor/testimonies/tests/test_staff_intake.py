"""Staff take a testimony by phone or in person: each consent is recorded with the words read
to the worker, in the language spoken, with the channel; the receipt code is shown once."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from corredor.accounts.models import AuditEntry
from corredor.conftest import signed_in_client
from corredor.lib.crypto import decrypt
from corredor.testimonies import actions
from corredor.testimonies.choices import Consent
from corredor.testimonies.models import Attachment, ConsentRecord, Testimony
from corredor.testimonies.tests.conftest import STEP_ANSWERS, WORKER_NAME, give, photo

URL = "/en/testimonies/centro-alfa/new/"
NOW = datetime(2026, 5, 20, 15, 45, tzinfo=UTC)
RECEIPT = re.compile(r'<code translate="no">([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})</code>')


def by_phone(**changes) -> dict:
    answers = {k: v for step in STEP_ANSWERS for k, v in step.items()}
    return {
        **answers,
        "channel": "phone",
        "language": "fr",
        "preferred_language": "fr",
        "other_names": "Rigoberto Salas",
        **changes,
    }


def test_staff_see_the_form_with_each_choice_to_read_out(bob_as) -> None:
    response = bob_as("staff").get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "The worker agreed, when read: “Keep my account and use it to help me.”" in page
    assert 'value="phone"' in page and 'value="in_person"' in page
    assert 'name="nickname"' not in page  # no honeypot for staff


def test_staff_record_a_phone_testimony_with_the_consents_in_the_language_spoken(
    bob_as, bob, alfa, time_machine
) -> None:
    time_machine.move_to(NOW, tick=False)
    client = bob_as("staff")
    narrative = STEP_ANSWERS[0]["narrative"] + " El mayordomo Rigoberto Salas nos amenazaba."
    response = client.post(URL, by_phone(narrative=narrative))
    assert response.status_code == 302

    testimony = Testimony.objects.get()
    assert response["Location"] == f"/en/testimonies/t/{testimony.pseudonym}/saved/"
    assert (testimony.channel, testimony.language, testimony.created_by) == ("phone", "fr", bob)
    assert testimony.organization == alfa
    assert testimony.other_names == "Rigoberto Salas"
    assert "Rigoberto" not in testimony.redacted_narrative
    assert WORKER_NAME not in testimony.redacted_narrative

    with translation.override("fr"):
        read_out = {kind: str(label) for kind, label in Consent.choices}
    records = ConsentRecord.objects.filter(testimony=testimony)
    assert {r.kind for r in records} == set(Consent.values)
    for record in records:
        assert (record.channel, record.language, record.recorded_at) == ("phone", "fr", NOW)
        assert record.text == read_out[record.kind]
    assert {r.kind for r in records if r.given} == {"keep", "contact", "anonymous_use"}

    (entry,) = AuditEntry.objects.filter(action="testimony.take")
    assert entry.metadata == {"channel": "phone"}
    assert entry.actor == bob


def test_the_receipt_code_is_shown_once(bob_as) -> None:
    client = bob_as("staff")
    response = client.post(URL, by_phone())
    page = client.get(response["Location"]).content.decode()
    (code,) = RECEIPT.findall(page)
    assert actions.find_by_receipt(code) == Testimony.objects.get()

    again = client.get(response["Location"])
    assert again.status_code == 200
    assert RECEIPT.search(again.content.decode()) is None
    assert "not shown again" in again.content.decode()
    assert Testimony.objects.count() == 1


def test_the_code_page_shows_nothing_to_members(bob_as, alfa) -> None:
    testimony = give(alfa).testimony
    assert (
        bob_as("member").get(f"/en/testimonies/t/{testimony.pseudonym}/saved/").status_code == 403
    )


def test_the_worker_is_emailed_the_code_in_their_language(
    bob_as, django_capture_on_commit_callbacks
) -> None:
    client = bob_as("staff")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, by_phone())
    (code,) = RECEIPT.findall(client.get(response["Location"]).content.decode())
    (message,) = mail.outbox
    assert message.to == ["maria@example.mx"]
    assert message.extra_headers["Content-Language"] == "fr"
    assert code in message.body


def test_in_person_with_a_photo(bob_as) -> None:
    client = bob_as("admin")
    data = by_phone(
        channel="in_person", language="es", attachments=[SimpleUploadedFile("recibo.jpg", photo())]
    )
    assert client.post(URL, data).status_code == 302
    testimony = Testimony.objects.get()
    assert testimony.channel == "in_person"
    assert set(testimony.consents.values_list("channel", flat=True)) == {"in_person"}
    attachment = Attachment.objects.get()
    with attachment.file.open("rb") as handle:
        content = decrypt(handle.read())
    assert b"Canon" not in content
    with Image.open(io.BytesIO(content)) as image:
        assert dict(image.getexif()) == {}


def test_without_consent_to_keep_nothing_is_stored_and_what_was_typed_stays(bob_as) -> None:
    data = by_phone()
    del data["consent_keep"]
    response = bob_as("staff").post(URL, data)
    page = response.content.decode()
    assert response.status_code == 422
    assert "We can keep your account only if you tick this box." in page
    assert "Granjas del Sur LLC, Georgia" in page
    assert "Rigoberto Salas" in page
    assert Testimony.objects.count() == 0


def test_a_disguised_file_stores_nothing(bob_as) -> None:
    data = by_phone(attachments=[SimpleUploadedFile("photo.jpg", b"<html>hi</html>")])
    response = bob_as("staff").post(URL, data)
    assert response.status_code == 422
    assert "“photo.jpg” is not a photo (JPEG or PNG) or a PDF document." in (
        response.content.decode()
    )
    assert Testimony.objects.count() == 0
    assert Attachment.objects.count() == 0


def test_the_web_is_not_a_channel_staff_can_choose(bob_as) -> None:
    response = bob_as("staff").post(URL, by_phone(channel="web"))
    assert response.status_code == 422
    assert Testimony.objects.count() == 0


@pytest.mark.parametrize("role", ["member", "viewer"])
def test_members_and_viewers_may_not_take_testimonies(bob_as, role) -> None:
    assert bob_as(role).post(URL, by_phone()).status_code == 403
    assert Testimony.objects.count() == 0


def test_another_organization_may_not_take_testimonies_for_alfa(alfa, beta, charlie) -> None:
    assert signed_in_client(charlie).post(URL, by_phone()).status_code == 404
    assert Testimony.objects.count() == 0

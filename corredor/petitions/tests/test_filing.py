"""Filing a draft: refused while incomplete (unless an admin says why), then the package is
kept with its SHA-256 and the petition, or the supplement's event, is recorded from it."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from corredor.accounts.choices import Role
from corredor.accounts.models import AuditEntry, Organization, User
from corredor.conftest import join, signed_in_client
from corredor.petitions import drafting
from corredor.petitions.choices import DraftKind
from corredor.petitions.models import Filing, Petition
from corredor.petitions.tests.drafts import complete_draft, start_draft
from corredor.testimonies import actions as testimony_actions
from corredor.testimonies.choices import Channel, Consent

pytestmark = pytest.mark.django_db

FILED_ON = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _keys_and_media(settings: Any, tmp_path: Any) -> None:
    settings.TESTIMONY_KEYS = [Fernet.generate_key().decode()]
    settings.MEDIA_ROOT = tmp_path / "media"


def test_an_incomplete_draft_is_refused_with_each_missing_element(
    alice: User, alfa: Organization
) -> None:
    draft = start_draft(alice, alfa)
    with pytest.raises(ValidationError) as refused:
        drafting.file_draft(draft, actor=alice, on=FILED_ON)
    assert len(refused.value.messages) == 3
    assert any("Facts" in message for message in refused.value.messages)
    assert not Petition.objects.exists()
    assert not Filing.objects.exists()


def test_only_an_admin_may_override_the_check_and_the_reason_is_kept(
    alice: User, alfa: Organization, bob: User
) -> None:
    join(alfa, bob, Role.STAFF)
    draft = start_draft(alice, alfa)
    with pytest.raises(PermissionDenied):
        drafting.file_draft(draft, actor=bob, on=FILED_ON, override_reason="The office asked.")
    filing = drafting.file_draft(
        draft, actor=alice, on=FILED_ON, override_reason="The office takes the facts orally."
    )
    assert filing.override_reason == "The office takes the facts orally."
    entry = AuditEntry.objects.get(action="draft.file")
    assert entry.metadata["overridden"] is True
    assert entry.metadata["reason"] == "The office takes the facts orally."


def test_filing_keeps_the_package_with_its_sha256_and_starts_the_obligations(
    alice: User, alfa: Organization
) -> None:
    draft = complete_draft(alice, alfa)
    testimony = testimony_actions.take_testimony(
        alfa,
        {"narrative": "Nos despidieron.", "name": "Rosa Quintero"},
        consents={Consent.KEEP: True, Consent.ANONYMOUS_USE: True},
        language="es",
        channel=Channel.PHONE,
    ).testimony
    drafting.add_testimony(
        draft, actor=alice, testimony=testimony, excerpt="Nos despidieron.", named=False, title="T"
    )
    filing = drafting.file_draft(draft, actor=alice, on=FILED_ON)

    with filing.package.open("rb") as handle:
        assert b"Planta Ejemplo" not in handle.read()  # encrypted at rest
    assert hashlib.sha256(drafting.filed_package(filing)).hexdigest() == filing.sha256
    petition = filing.petition
    assert petition.reference == "RRM Planta Ejemplo"
    assert petition.filed_on == FILED_ON
    assert (filing.event.code, filing.event.date) == (petition.rules.filing_event, FILED_ON)
    assert petition.stored_obligations.exists()  # the clock runs from the filing date
    assert petition.evidence.count() == 1  # the excerpt is now the petition's evidence
    assert filing.override_reason == ""
    draft.refresh_from_db()
    assert draft.petition == petition
    with pytest.raises(ValidationError):
        drafting.save_section(draft, actor=alice, section="facts", language="en", text="Late.")


def test_a_filed_draft_cannot_be_filed_twice(alice: User, alfa: Organization) -> None:
    draft = complete_draft(alice, alfa)
    drafting.file_draft(draft, actor=alice, on=FILED_ON)
    with pytest.raises(ValidationError):
        drafting.file_draft(draft, actor=alice, on=FILED_ON)
    assert Petition.objects.count() == 1


def test_a_supplement_is_filed_into_its_petitions_timeline(alice: User, alfa: Organization) -> None:
    petition = drafting.file_draft(complete_draft(alice, alfa), actor=alice, on=FILED_ON).petition
    supplement = complete_draft(
        alice,
        alfa,
        reference="RRM Planta Ejemplo supplement 1",
        kind=DraftKind.SUPPLEMENT,
        petition=petition,
    )
    filing = drafting.file_draft(supplement, actor=alice, on=date(2026, 11, 23))
    assert filing.petition == petition
    assert (filing.event.code, filing.event.date) == ("supplement_filed", date(2026, 11, 23))
    page = signed_in_client(alice).get(f"/en/petitions/{petition.slug}/").content.decode()
    assert filing.sha256 in page
    assert Petition.objects.count() == 1


def test_filing_from_the_page_leads_to_the_petition(
    alice: User, alfa: Organization, bob_as: Callable[[str], Client]
) -> None:
    draft = complete_draft(alice, alfa)
    member = bob_as(Role.MEMBER)
    future = member.post(f"/es/drafts/{draft.uuid}/file/", {"filed_on": "2026-12-01", "lang": "en"})
    assert future.status_code == 422
    assert "futuro" in future.content.decode()
    response = member.post(
        f"/es/drafts/{draft.uuid}/file/", {"filed_on": "2026-11-20", "lang": "es"}
    )
    filing = Filing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/es/petitions/{filing.petition.slug}/"
    assert filing.language == "es"
    detail = member.get(f"/es/drafts/{draft.uuid}/").content.decode()
    assert filing.sha256 in detail
    download = member.get(f"/es/drafts/{draft.uuid}/filed.pdf")
    assert download["Cache-Control"] == "no-store"
    assert hashlib.sha256(download.content).hexdigest() == filing.sha256


def test_the_package_downloads_in_the_chosen_languages(alice: User, alfa: Organization) -> None:
    draft = complete_draft(alice, alfa)
    client = signed_in_client(alice)
    pdf = client.get(f"/en/drafts/{draft.uuid}/package.pdf?lang=es&bilingual=en")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    docx = client.get(f"/en/drafts/{draft.uuid}/package.docx?lang=fr")
    assert docx.content.startswith(b"PK")
    same = client.get(f"/en/drafts/{draft.uuid}/package.pdf?lang=es&bilingual=es")
    assert same.status_code == 302  # back to the draft, with the message
    assert client.get(f"/en/drafts/{draft.uuid}/package.txt").status_code == 404


def test_rotating_the_keys_keeps_exhibits_and_filed_packages_readable(
    alice: User, alfa: Organization, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core.management import call_command
    from PIL import Image

    old, new = settings.TESTIMONY_KEYS[0], Fernet.generate_key().decode()
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(picture, format="PNG")
    draft = complete_draft(alice, alfa)
    exhibit = drafting.add_document(
        draft,
        actor=alice,
        title="Photo",
        content=picture.getvalue(),
        content_type="image/png",
        name="foto-juan.png",
    )
    filing = drafting.file_draft(draft, actor=alice, on=FILED_ON, override_reason="")
    plain = drafting.filed_package(filing)

    settings.TESTIMONY_KEYS = [new, old]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rotate-keys", stdout=io.StringIO())
    settings.TESTIMONY_KEYS = [new]
    exhibit.refresh_from_db()
    filing.refresh_from_db()
    assert drafting.exhibit_content(exhibit) == picture.getvalue()
    assert exhibit.original_name == "foto-juan.png"
    assert drafting.filed_package(filing) == plain

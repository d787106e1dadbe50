"""Filing a draft: refused while incomplete (unless an admin says why), then the package is
kept with its SHA-256 and the petition, or the supplement's event, is recorded from it."""

from __future__ import annotations

import hashlib
import io
import json
import os
import threading
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from corredor.accounts.choices import Role
from corredor.accounts.models import AuditEntry, Organization, User
from corredor.conftest import join, signed_in_client
from corredor.lib import crypto
from corredor.petitions import actions, drafting
from corredor.petitions.choices import DraftKind
from corredor.petitions.models import Filing, Petition
from corredor.petitions.tests.drafts import complete_draft, phone_testimony, start_draft
from corredor.testimonies import actions as testimony_actions
from corredor.testimonies.choices import Consent

pytestmark = pytest.mark.django_db

FILED_ON = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _keys(settings: Any) -> None:
    settings.TESTIMONY_KEYS = [Fernet.generate_key().decode()]


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
    assert not stored_packages()
    filing = drafting.file_draft(
        draft, actor=alice, on=FILED_ON, override_reason="The office takes the facts orally."
    )
    assert filing.override_reason == "The office takes the facts orally."
    assert AuditEntry.objects.get(action="draft.file").metadata["overridden"] is True


def test_the_override_reason_stays_on_the_filing_and_off_the_audit_log(
    alice: User, alfa: Organization, charlie: User, beta: Organization
) -> None:
    """Staff may name a worker in the reason: the append-only audit log never holds it, and
    only the organization's people read it, not a coalition partner reviewing the draft."""
    draft = start_draft(alice, alfa)
    drafting.update_details(draft, actor=alice, reviewers=[beta])
    reason = "Rosa Quintero gives her statement to the office in person."
    filing = drafting.file_draft(draft, actor=alice, on=FILED_ON, override_reason=reason)

    entry = AuditEntry.objects.get(action="draft.file")
    assert entry.metadata["overridden"] is True
    assert "Rosa" not in json.dumps(entry.metadata)
    assert Filing.objects.get(pk=filing.pk).override_reason == reason
    page = f"/en/drafts/{draft.uuid}/"
    assert "Rosa Quintero" in signed_in_client(alice).get(page).content.decode()
    assert "Rosa Quintero" not in signed_in_client(charlie).get(page).content.decode()


def test_filing_keeps_the_package_with_its_sha256_and_starts_the_obligations(
    alice: User, alfa: Organization
) -> None:
    draft = complete_draft(alice, alfa)
    testimony = phone_testimony(alfa)
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


def stored_packages() -> list[str]:
    if not default_storage.exists("packages"):
        return []
    return [f"packages/{name}" for name in default_storage.listdir("packages")[1]]


def test_a_filing_that_fails_leaves_no_package_in_storage(
    alice: User, alfa: Organization, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = complete_draft(alice, alfa)

    def fail(**fields: Any) -> Petition:
        assert stored_packages()  # the package is stored before the petition is recorded
        raise RuntimeError("the database went away")

    monkeypatch.setattr(actions, "create_petition", fail)
    with pytest.raises(RuntimeError):
        drafting.file_draft(draft, actor=alice, on=FILED_ON)
    assert stored_packages() == []
    assert not Filing.objects.exists()
    assert not AuditEntry.objects.filter(action="draft.file").exists()
    monkeypatch.undo()
    filing = drafting.file_draft(draft, actor=alice, on=FILED_ON)  # nothing left in the way
    assert stored_packages() == [filing.package.name]


def test_an_unchanged_draft_is_built_once_and_before_any_lock(
    alice: User, alfa: Organization, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The slow build happens outside the filing's transaction, so that nobody editing the
    draft waits for it; under the lock nothing is built again when nothing changed."""
    draft = complete_draft(alice, alfa)
    outside = len(connection.atomic_blocks)  # the test's own transaction, if any
    build = drafting.build_package
    depths: list[int] = []

    def counted(*args: Any) -> drafting.Package:
        depths.append(len(connection.atomic_blocks))
        return build(*args)

    monkeypatch.setattr(drafting, "build_package", counted)
    drafting.file_draft(draft, actor=alice, on=FILED_ON)
    assert depths == [outside]


def test_a_draft_left_incomplete_during_the_build_is_refused_and_leaves_nothing(
    alice: User, alfa: Organization, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = complete_draft(alice, alfa)
    build = drafting.build_package

    def build_while_a_section_is_emptied(*args: Any) -> drafting.Package:
        package = build(*args)
        drafting.save_section(draft, actor=alice, section="facts", language="en", text="")
        return package

    monkeypatch.setattr(drafting, "build_package", build_while_a_section_is_emptied)
    with pytest.raises(ValidationError):
        drafting.file_draft(draft, actor=alice, on=FILED_ON)
    assert stored_packages() == []
    assert not Filing.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_error_after_the_commit_keeps_the_filed_package(
    alice: User, alfa: Organization, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A callback run on commit that fails raises out of the filing, but the filing is
    committed: its package, the record of what was filed, must stay."""
    draft = complete_draft(alice, alfa)
    record_filing = drafting._record_filing

    def and_then_fail(*args: Any) -> None:
        record_filing(*args)
        transaction.on_commit(lambda: (_ for _ in ()).throw(RuntimeError("a hook failed")))

    monkeypatch.setattr(drafting, "_record_filing", and_then_fail)
    with pytest.raises(RuntimeError):
        drafting.file_draft(draft, actor=alice, on=FILED_ON)
    filing = Filing.objects.get()
    assert stored_packages() == [filing.package.name]
    assert hashlib.sha256(drafting.filed_package(filing)).hexdigest() == filing.sha256


def test_purge_deletes_day_old_packages_that_no_filing_refers_to(
    alice: User, alfa: Organization
) -> None:
    """A process killed between storing a package and committing its filing leaves a file
    that holds excerpts: the daily purge removes it, never a filed one, nor one that may
    belong to a filing under way."""
    filing = drafting.file_draft(complete_draft(alice, alfa), actor=alice, on=FILED_ON)
    orphan = default_storage.save("packages/orphan.bin", ContentFile(b"ciphertext"))
    recent = default_storage.save("packages/recent.bin", ContentFile(b"ciphertext"))
    day_old = (timezone.now() - timedelta(days=2)).timestamp()
    for name in (filing.package.name, orphan):
        os.utime(default_storage.path(name), (day_old, day_old))

    out = io.StringIO()
    call_command("purge", stdout=out)
    assert "Encrypted files that nothing refers to deleted: 1" in out.getvalue()
    assert sorted(stored_packages()) == sorted([filing.package.name, recent])
    assert hashlib.sha256(drafting.filed_package(filing)).hexdigest() == filing.sha256


@pytest.mark.django_db(transaction=True)
def test_a_withdrawal_during_the_filing_waits_for_it_instead_of_slipping_in(
    alice: User, alfa: Organization, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between the filing's last check of the exhibits and its commit, a worker withdraws:
    the deletion of their excerpt waits for the filing to commit. The package went out with
    the excerpt (a withdrawal after filing), never with an excerpt already withdrawn."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serializes writers; the race needs PostgreSQL's concurrency")
    draft = complete_draft(alice, alfa)
    testimony = phone_testimony(alfa)
    drafting.add_testimony(
        draft, actor=alice, testimony=testimony, excerpt="Nos despidieron.", named=False, title="T"
    )
    checked, release = threading.Event(), threading.Event()
    record_filing = drafting._record_filing

    def record_slowly(*args: Any) -> None:
        checked.set()  # the exhibits are checked, the excerpts held
        assert release.wait(10)
        record_filing(*args)

    monkeypatch.setattr(drafting, "_record_filing", record_slowly)
    errors: list[BaseException] = []

    def in_a_thread(work: Callable[[], Any]) -> threading.Thread:
        def run() -> None:
            try:
                work()
            except BaseException as error:
                errors.append(error)
            finally:
                connection.close()

        thread = threading.Thread(target=run)
        thread.start()
        return thread

    filing = in_a_thread(lambda: drafting.file_draft(draft, actor=alice, on=FILED_ON))
    assert checked.wait(30)
    withdrawal = in_a_thread(lambda: testimony_actions.withdraw(testimony, [Consent.KEEP]))
    withdrawal.join(1)
    waited = withdrawal.is_alive()
    release.set()
    filing.join(30)
    withdrawal.join(30)
    assert errors == []
    assert waited, "the withdrawal deleted the excerpt while the filing was committing"
    filed = Filing.objects.get()
    assert "Nos despidieron" in pdf_text(drafting.filed_package(filed))
    assert not filed.draft.exhibits.exists()  # then withdrawn, after the filing


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize("change", ["edit", "withdrawal"])
def test_a_draft_changed_while_its_package_is_built_is_filed_as_changed(
    alice: User, alfa: Organization, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    """The package is built before the draft is locked: an edit, or a worker's withdrawal
    that deletes their excerpt's exhibit, made meanwhile gets the package built again."""
    draft = complete_draft(alice, alfa)
    testimony = phone_testimony(alfa)
    drafting.add_testimony(
        draft, actor=alice, testimony=testimony, excerpt="Nos despidieron.", named=False, title="T"
    )
    meanwhile = {
        "edit": lambda: drafting.save_section(
            draft, actor=alice, section="facts", language="en", text="Thirteen were fired."
        ),
        "withdrawal": lambda: testimony_actions.withdraw(testimony, [Consent.ANONYMOUS_USE]),
    }
    build = drafting.build_package
    built: list[str] = []

    def build_while_others_work(*args: Any) -> drafting.Package:
        package = build(*args)
        built.append(package.sha256)
        if len(built) == 1:
            meanwhile[change]()
        return package

    monkeypatch.setattr(drafting, "build_package", build_while_others_work)
    filing = drafting.file_draft(draft, actor=alice, on=FILED_ON)

    assert len(built) == 2
    assert filing.sha256 == built[1] != built[0]
    assert stored_packages() == [filing.package.name]
    text = pdf_text(drafting.filed_package(filing))
    if change == "edit":
        assert "Thirteen were fired." in text
        assert filing.petition.evidence.count() == 1
    else:
        assert "Nos despidieron" not in text
        assert not filing.petition.evidence.exists()


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
    assert "no-store" in download["Cache-Control"]  # never_cache, like every draft page
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
    assert crypto.read_file(exhibit.file) == picture.getvalue()
    assert exhibit.original_name == "foto-juan.png"
    assert drafting.filed_package(filing) == plain

"""Every write to testimonies, each in one transaction: nothing is ever stored half-way. And
every look at a worker's identity goes through `identity_view`, which logs it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from corredor.accounts.actions import record
from corredor.accounts.models import Organization, User
from corredor.lib import crypto
from corredor.lib.email import send_on_commit
from corredor.testimonies import redaction
from corredor.testimonies.choices import Access, Consent
from corredor.testimonies.files import CleanFile
from corredor.testimonies.models import (
    AccessEntry,
    Attachment,
    ConsentRecord,
    Evidence,
    Testimony,
)
from corredor.testimonies.rules import new_pseudonym, new_receipt_code, normalize_receipt_code

IDENTITY_FIELDS = ("name", "phone", "whatsapp", "email", "other_names")


def receipt_digest(code: str) -> str:
    return salted_hmac(
        "corredor.testimony-receipt", normalize_receipt_code(code), algorithm="sha256"
    ).hexdigest()


@dataclass(frozen=True)
class Taken:
    testimony: Testimony
    receipt_code: str  # shown once to the worker, never stored


def take_testimony(
    organization: Organization,
    fields: dict[str, Any],
    *,
    consents: dict[str, bool],
    language: str,
    channel: str,
    files: Iterable[CleanFile] = (),
    actor: User | None = None,
) -> Taken:
    """Store a testimony with its consent records and attachments, all or nothing, and email
    the receipt code if the worker gave an email and agreed to be contacted."""
    if not consents.get(Consent.KEEP):
        raise ValueError("A testimony is kept only with the worker's consent to keep it.")
    code = new_receipt_code()
    with transaction.atomic():
        testimony = Testimony(
            organization=organization,
            channel=channel,
            language=language,
            receipt_digest=receipt_digest(code),
            created_by=actor,
            **fields,
        )
        testimony.redacted_narrative = redaction.redact(
            testimony.narrative, testimony.identity_names
        )
        _save_with_pseudonym(testimony)
        with translation.override(language):
            ConsentRecord.objects.bulk_create(
                ConsentRecord(
                    testimony=testimony,
                    kind=kind,
                    given=bool(consents.get(kind)),
                    text=str(label),  # the exact words the worker saw or heard
                    language=language,
                    channel=channel,
                )
                for kind, label in Consent.choices
            )
        for upload in files:
            attachment = Attachment(
                testimony=testimony,
                content_type=upload.content_type,
                size=len(upload.content),
                original_name=upload.original_name,
            )
            crypto.save_file(attachment.file, "upload", upload.content)
            attachment.save()
        if actor is not None:
            record(
                "testimony.take",
                testimony,
                actor=actor,
                organization=organization,
                channel=channel,
            )
        if testimony.email and consents.get(Consent.CONTACT):
            email_language = testimony.preferred_language or language
            with translation.override(email_language):
                withdraw_url = settings.SITE_URL + reverse("testimonies:withdraw")
            send_on_commit(
                "testimony_receipt",
                testimony.email,
                {"code": code, "organization": organization, "withdraw_url": withdraw_url},
                email_language,
            )
    return Taken(testimony, code)


def _save_with_pseudonym(testimony: Testimony) -> None:
    digits = 4
    for attempt in range(20):
        testimony.pseudonym = new_pseudonym(digits=digits + attempt // 5)
        try:
            with transaction.atomic():
                testimony.save()
            return
        except IntegrityError:
            if not Testimony.objects.filter(pseudonym=testimony.pseudonym).exists():
                raise
    raise RuntimeError("No free pseudonym found")


def find_by_receipt(code: str) -> Testimony | None:
    return Testimony.objects.filter(receipt_digest=receipt_digest(code)).first()


@transaction.atomic
def withdraw(testimony: Testimony, kinds: Iterable[str], now: datetime | None = None) -> None:
    """The worker withdraws consents, with their receipt code. Every use stops at once, and
    their identity data (their name and contact details, also where the account itself
    gives them) and attachments are deleted now; withdrawing consent to keep the account
    withdraws the whole testimony, which the next purge deletes entirely."""
    now = now or timezone.now()
    kinds = set(kinds)
    testimony.consents.filter(kind__in=kinds, withdrawn_at__isnull=True).update(withdrawn_at=now)
    # The account itself may name the worker or give their number: those go with the rest.
    names = testimony.identity_names
    testimony.narrative = redaction.redact(testimony.narrative, names)
    testimony.redacted_narrative = redaction.redact(testimony.redacted_narrative, names)
    testimony.evidence.filter(named=True).delete()  # it names them: identity data too
    for field in IDENTITY_FIELDS:
        setattr(testimony, field, "")
    if Consent.KEEP in kinds:
        testimony.withdrawn_at = now
        testimony.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
        testimony.narrative = testimony.redacted_narrative = ""
        testimony.employer = testimony.recruiter = testimony.place = ""
        testimony.evidence.all().delete()
    elif {Consent.ANONYMOUS_USE, Consent.NAMED_USE} & kinds:
        testimony.evidence.all().delete()
    testimony.save()
    delete_attachments(testimony.attachments.all())


def delete_attachments(attachments: QuerySet[Attachment]) -> None:
    for attachment in attachments:
        crypto.delete_on_commit(attachment.file)
    attachments.delete()


def log_access(testimony: Testimony, user: User, action: str) -> None:
    log_accesses([testimony], user, action)


def log_accesses(testimonies: Iterable[Testimony], user: User, action: str) -> None:
    """One access log entry for each testimony, all written in one INSERT."""
    AccessEntry.objects.bulk_create(
        AccessEntry(
            organization_id=testimony.organization_id,
            testimony=testimony,
            pseudonym=testimony.pseudonym,
            user=user,
            action=action,
        )
        for testimony in testimonies
    )


@transaction.atomic
def save_redaction(testimony: Testimony, redacted: str, *, actor: User) -> None:
    testimony.redacted_narrative = redacted
    testimony.redaction_reviewed_at = timezone.now()
    testimony.redaction_reviewed_by = actor
    testimony.save(
        update_fields=["redacted_narrative", "redaction_reviewed_at", "redaction_reviewed_by"]
    )
    log_access(testimony, actor, Access.EDIT)
    record("testimony.redaction", testimony, actor=actor, organization=testimony.organization)


class NotAllowed(Exception):
    pass


@transaction.atomic
def add_evidence(
    testimony: Testimony, petition: Any, excerpt: str, *, named: bool, actor: User
) -> Evidence:
    """Attach an excerpt to a petition: redacted with the worker's consent to anonymous use,
    or naming them only with their consent to be named."""
    needed = Consent.NAMED_USE if named else Consent.ANONYMOUS_USE
    if not testimony.consented(needed):
        raise NotAllowed(needed)
    if not named:
        excerpt = redaction.redact(excerpt, testimony.identity_names)
    evidence = Evidence.objects.create(
        petition=petition, testimony=testimony, excerpt=excerpt, named=named, created_by=actor
    )
    record(
        "testimony.evidence",
        testimony,
        actor=actor,
        organization=testimony.organization,
        petition=petition.reference if petition else "",
        named=named,
    )
    return evidence


def purge(now: datetime) -> int:
    """Delete entirely, attachments included, withdrawn testimonies and those older than
    their organization's retention period."""
    deleted = 0
    for organization in Organization.objects.filter(testimonies__isnull=False).distinct():
        expired = Testimony.objects.filter(
            organization=organization,
            created_at__lt=now - timedelta(days=organization.testimony_retention_days),
        )
        deleted += _delete(expired)
    deleted += _delete(Testimony.objects.filter(withdrawn_at__isnull=False))
    return deleted


def _delete(testimonies: QuerySet[Testimony]) -> int:
    count = 0
    for testimony in testimonies.only("pk"):  # nothing to decrypt in order to delete
        with transaction.atomic():
            delete_attachments(testimony.attachments.all())
            testimony.delete()
        count += 1
    return count


def rotate_keys() -> dict[str, int]:
    """Encrypt every protected value and file again under the newest key (the first of
    TESTIMONY_KEYS). Run it after putting a new key first; then the old keys can go.
    Reading decrypts with any listed key; saving encrypts with the first. The same keys also
    protect drafts' exhibits and filed packages, which hold testimony excerpts."""
    from corredor.petitions.models import Exhibit, Filing

    counts = {"values": 0, "files": 0}
    for model in (Testimony, Attachment, Evidence, Exhibit):
        names = [
            f.name for f in model._meta.get_fields() if isinstance(f, crypto.EncryptedTextField)
        ]
        for obj in model.objects.iterator(chunk_size=200):
            with transaction.atomic():
                obj.save(update_fields=names)
            counts["values"] += sum(1 for name in names if getattr(obj, name))
    for rows, field in (
        (Attachment.objects.all(), "file"),
        (Exhibit.objects.exclude(file=""), "file"),
        (Filing.objects.all(), "package"),
    ):
        for row in rows.iterator(chunk_size=200):
            _rotate_file(row, field)
            counts["files"] += 1
    return counts


def _rotate_file(row: Any, field: str) -> None:
    stored = getattr(row, field)
    with stored.storage.open(stored.name, "rb") as handle:
        token = handle.read()
    with transaction.atomic():
        crypto.delete_on_commit(stored)  # the old file: the save below gives it a new name
        stored.save("encrypted", ContentFile(crypto.rotate(token)), save=False)
        type(row).objects.filter(pk=row.pk).update(**{field: stored.name})

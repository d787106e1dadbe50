"""Every write to letters and signatures, each in one transaction (with its audit entry for
staff actions). Views, the API and commands call these; nothing else writes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from corredor.accounts.actions import record
from corredor.accounts.choices import Country
from corredor.accounts.models import User, normalize_email
from corredor.lib.pdf import render_pdf
from corredor.signons.choices import SignerKind
from corredor.signons.models import Delivery, Letter, Signature
from corredor.signons.rules import (
    UNCONFIRMED_KEPT,
    group_signatories,
    new_token,
    token_digest,
    token_expired,
)
from corredor.signons.tasks import send_signature_email

SIGNER_FIELDS = (
    "kind",
    "name",
    "title",
    "organization_name",
    "organization_kind",
    "organization_website",
    "country",
    "city",
    "show_publicly",
    "wants_updates",
)


class Outcome:
    NEW = "new"
    RESENT = "resent"  # signed before, not yet confirmed: a fresh link went out
    ALREADY_CONFIRMED = "already_confirmed"


@dataclass(frozen=True)
class Signed:
    signature: Signature
    outcome: str


def sign(letter: Letter, fields: dict[str, Any], *, email: str, language: str) -> Signed:
    """Store a signature, unconfirmed, and queue its confirmation email in the same
    transaction. The same address signing again is not an error: an unconfirmed signature
    takes the new details and a new link; a confirmed one stays as it is and its signer is
    told so. Either way the caller answers the same, so nobody learns who has signed."""
    email = normalize_email(email)
    values = {name: fields.get(name) or "" for name in SIGNER_FIELDS}
    values["show_publicly"] = bool(fields.get("show_publicly"))
    values["wants_updates"] = bool(fields.get("wants_updates"))
    if values["kind"] == SignerKind.INDIVIDUAL:
        values.update(organization_name="", organization_kind="", organization_website="")
    token, digest = new_token()
    now = timezone.now()
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                letter=letter,
                email=email,
                language=language,
                token_digest=digest,
                token_sent_at=now,
                **values,
            )
            send_signature_email.enqueue(signature.pk, token)
        return Signed(signature, Outcome.NEW)
    except IntegrityError:
        pass  # the address has signed this letter already (the unique constraint said so)
    with transaction.atomic():
        signature = Signature.objects.select_for_update().get(letter=letter, email=email)
        if signature.confirmed_at is not None:
            send_signature_email.enqueue(signature.pk, "")
            return Signed(signature, Outcome.ALREADY_CONFIRMED)
        for name, value in values.items():
            setattr(signature, name, value)
        signature.language = language
        signature.token_digest = digest
        signature.token_sent_at = now
        signature.save()
        send_signature_email.enqueue(signature.pk, token)
        return Signed(signature, Outcome.RESENT)


class Confirmation:
    CONFIRMED = "confirmed"
    ALREADY = "already"
    EXPIRED = "expired"
    UNKNOWN = "unknown"


def confirm(letter: Letter, token: str) -> tuple[str, Signature | None]:
    """Open the emailed link: the signature counts from now on."""
    signature = Signature.objects.filter(letter=letter, token_digest=token_digest(token)).first()
    if signature is None:
        return Confirmation.UNKNOWN, None
    if signature.confirmed_at is not None:
        return Confirmation.ALREADY, signature
    now = timezone.now()
    if token_expired(signature.token_sent_at, now):
        return Confirmation.EXPIRED, signature
    # Conditional update: two clicks at once confirm once.
    Signature.objects.filter(pk=signature.pk, confirmed_at__isnull=True).update(confirmed_at=now)
    signature.confirmed_at = now
    return Confirmation.CONFIRMED, signature


def disown(letter: Letter, token: str) -> bool:
    """ "This was not me": delete the signature the link was sent for."""
    deleted, _ = Signature.objects.filter(letter=letter, token_digest=token_digest(token)).delete()
    return deleted > 0


@transaction.atomic
def save_letter(letter: Letter, *, actor: User | None) -> Letter:
    created = letter.pk is None
    letter._history_user = actor
    letter.save()
    record(
        "letter.create" if created else "letter.update",
        letter,
        actor=actor,
        organization=letter.organization,
    )
    return letter


@transaction.atomic
def moderate(
    signature: Signature, *, actor: User, hidden: bool | None = None, verified: bool | None = None
) -> Signature:
    """Hide or show a signature, mark an organization's signature verified or not."""
    if hidden is not None:
        signature.hidden = hidden
    if verified is not None:
        signature.verified_at = timezone.now() if verified else None
        signature.verified_by = actor if verified else None
    signature.save(update_fields=["hidden", "verified_at", "verified_by"])
    record(
        "letter.signature.moderate",
        signature.letter,
        actor=actor,
        organization=signature.letter.organization,
        signature=signature.pk,
        hidden=signature.hidden,
        verified=signature.verified_at is not None,
    )
    return signature


def signatories(letter: Letter):
    return group_signatories(letter.signatures.counted(), list(Country.choices))


def letter_pdf(
    letter: Letter, *, language: str, delivered_on: date, recipients: list[str], place: str
) -> bytes:
    with translation.override(language):
        return render_pdf(
            "signons/letter_pdf.html",
            {
                "letter": letter,
                "signatories": signatories(letter),
                "delivered_on": delivered_on,
                "recipients": recipients,
                "place": place,
                "language": language,
            },
        )


@transaction.atomic
def deliver(
    letter: Letter,
    *,
    actor: User,
    delivered_on: date,
    recipients: list[str],
    place: str,
    language: str,
) -> Delivery:
    """Make the final PDF (letter and signatories annex) and record its delivery."""
    pdf = letter_pdf(
        letter, language=language, delivered_on=delivered_on, recipients=recipients, place=place
    )
    delivery = Delivery(
        letter=letter,
        delivered_on=delivered_on,
        recipients="\n".join(recipients),
        place=place,
        language=language,
        sha256=hashlib.sha256(pdf).hexdigest(),
        signatures=letter.signatures.counted().count(),
        created_by=actor,
    )
    filename = f"{slugify(letter.slug)}-{delivered_on.isoformat()}-{language}.pdf"
    delivery.pdf.save(filename, ContentFile(pdf), save=False)
    delivery.save()
    record(
        "letter.deliver",
        letter,
        actor=actor,
        organization=letter.organization,
        delivered_on=delivered_on.isoformat(),
        sha256=delivery.sha256,
    )
    return delivery


def purge_stale(now=None) -> int:
    """Delete signatures left unconfirmed for longer than their link lives."""
    now = now or timezone.now()
    deleted, _ = Signature.objects.filter(
        confirmed_at__isnull=True, token_sent_at__lt=now - UNCONFIRMED_KEPT
    ).delete()
    return deleted

"""Background work for sign-ons, on the durable database queue (django-tasks-db).

The email to a signer is enqueued in the same transaction as the signature, so a signature
is never stored without its email on the way, nor an email queued for a signature that was
rolled back. If the mail server is unreachable the task schedules itself again, later and
later, and the signature waits, safe, in the database."""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from corredor.lib.email import render_email
from corredor.signons.models import Signature
from corredor.signons.rules import TOKEN_VALID, token_digest

logger = logging.getLogger(__name__)

FIRST_RETRY = timedelta(seconds=30)
LONGEST_RETRY = timedelta(hours=1)


def retry_delay(attempt: int) -> timedelta:
    """30 s, 1 min, 2 min… doubling up to one hour between tries."""
    return min(FIRST_RETRY * 2 ** (attempt - 1), LONGEST_RETRY)


def signer_links(signature: Signature, token: str) -> dict[str, str]:
    with translation.override(signature.language):
        slug = signature.letter.slug
        return {
            "confirm_url": settings.SITE_URL
            + reverse("signons:confirm", args=[slug])
            + f"?token={token}",
            "not_me_url": settings.SITE_URL
            + reverse("signons:not_me", args=[slug])
            + f"?token={token}",
            "letter_url": settings.SITE_URL + reverse("signons:letter", args=[slug]),
        }


@task()
def send_signature_email(signature_id: int, token: str = "", attempt: int = 1) -> str:
    """Email a signer their confirmation link (`token`), or, with no token, tell them their
    confirmed signature already counts. Returns what happened, for the task's record."""
    signature = Signature.objects.select_related("letter").filter(pk=signature_id).first()
    if signature is None:
        return "signature gone"  # removed ("this was not me") or purged meanwhile
    if token and token_digest(token) != signature.token_digest:
        return "superseded"  # a newer link went out; never send a dead one
    context = {
        "signature": signature,
        "letter": signature.letter,
        "valid_days": TOKEN_VALID.days,
        **signer_links(signature, token),
    }
    name = "signon_confirm" if token else "signon_already_signed"
    message = render_email(name, signature.email, context, signature.language)
    try:
        message.send()
    except (OSError, smtplib.SMTPException) as error:
        if attempt >= settings.SIGNON_EMAIL_ATTEMPTS:
            raise
        delay = retry_delay(attempt)
        send_signature_email.using(run_after=timezone.now() + delay).enqueue(
            signature_id, token, attempt + 1
        )
        # No address, no token: only what an operator needs.
        logger.warning(
            "Mail server unavailable (%s); signature %s retried in %s (attempt %s)",
            type(error).__name__,
            signature_id,
            delay,
            attempt + 1,
        )
        return "retry scheduled"
    return "sent"

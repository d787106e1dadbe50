"""Templated email: subject, plain text and HTML, in the recipient's language.

Each message lives in three templates under templates/email/: NAME_subject.txt,
NAME.txt and NAME.html. Send after the transaction commits (see `send_on_commit`), so that
a rolled-back write never emails anyone.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def render_email(
    name: str, to: str, context: Mapping[str, Any], language: str
) -> EmailMultiAlternatives:
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = render_to_string(f"email/{name}_subject.txt", context)
        text = render_to_string(f"email/{name}.txt", context)
        html = render_to_string(f"email/{name}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.splitlines()).strip(),  # one line; no-break spaces kept
        body=text,
        to=[to],
        headers={"Content-Language": language, "Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    return message


def send_email(name: str, to: str, context: Mapping[str, Any], language: str) -> None:
    render_email(name, to, context, language).send()


def send_on_commit(name: str, to: str, context: Mapping[str, Any], language: str) -> None:
    """Send once the write is committed. A mail server that fails then cannot undo the write
    nor turn its page into an error (a worker would lose their receipt code): the failure is
    logged by the message's name, never its address."""
    message = render_email(name, to, context, language)

    def send() -> None:
        try:
            message.send()
        except (OSError, smtplib.SMTPException) as error:
            logger.error("The %s email could not be sent (%s).", name, type(error).__name__)

    transaction.on_commit(send)

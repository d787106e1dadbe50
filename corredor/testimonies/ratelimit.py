"""The rate limits on giving testimonies and on trying receipt codes (see
corredor.lib.ratelimit): TESTIMONY_RATE_LIMIT per network per TESTIMONY_RATE_WINDOW_MINUTES,
each counted on its own."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import ngettext

from corredor.lib import ratelimit

INTAKE = "testimony"
RECEIPT = "receipt"
SCOPES = (INTAKE, RECEIPT)


def window() -> timedelta:
    return timedelta(minutes=settings.TESTIMONY_RATE_WINDOW_MINUTES)


def allow(request: HttpRequest, scope: str) -> bool:
    return ratelimit.allow(request, scope, settings.TESTIMONY_RATE_LIMIT, window())


def intake_message() -> str:
    """Why the network may not give another account yet, with the window as configured."""
    minutes = settings.TESTIMONY_RATE_WINDOW_MINUTES
    return ngettext(
        "Many accounts have come from your network in the last %(minutes)s minute. Please "
        "wait a little and send again: what you wrote is kept on this page.",
        "Many accounts have come from your network in the last %(minutes)s minutes. Please "
        "wait a little and send again: what you wrote is kept on this page.",
        minutes,
    ) % {"minutes": minutes}


def receipt_message() -> str:
    """Why the network may not try another receipt code yet, with the window as configured."""
    minutes = settings.TESTIMONY_RATE_WINDOW_MINUTES
    return ngettext(
        "Too many tries from your network. Please wait %(minutes)s minute.",
        "Too many tries from your network. Please wait %(minutes)s minutes.",
        minutes,
    ) % {"minutes": minutes}

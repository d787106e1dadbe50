"""The rate limits on giving testimonies and on trying receipt codes (see
corredor.lib.ratelimit): TESTIMONY_RATE_LIMIT per network per TESTIMONY_RATE_WINDOW_MINUTES,
each counted on its own."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest

from corredor.lib import ratelimit

INTAKE = "testimony"
RECEIPT = "receipt"
SCOPES = (INTAKE, RECEIPT)


def window() -> timedelta:
    return timedelta(minutes=settings.TESTIMONY_RATE_WINDOW_MINUTES)


def allow(request: HttpRequest, scope: str) -> bool:
    return ratelimit.allow(request, scope, settings.TESTIMONY_RATE_LIMIT, window())

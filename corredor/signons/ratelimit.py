"""The rate limit on signing letters (see corredor.lib.ratelimit): SIGNON_RATE_LIMIT
signatures per network per SIGNON_RATE_WINDOW_MINUTES."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import ngettext

from corredor.lib import ratelimit

SCOPE = "signing"


def window() -> timedelta:
    return timedelta(minutes=settings.SIGNON_RATE_WINDOW_MINUTES)


def allow(request: HttpRequest) -> bool:
    return ratelimit.allow(request, SCOPE, settings.SIGNON_RATE_LIMIT, window())


def message() -> str:
    minutes = settings.SIGNON_RATE_WINDOW_MINUTES
    return ngettext(
        "Many signatures have come from your network in the last few minutes. Please wait "
        "%(minutes)s minute and try again.",
        "Many signatures have come from your network in the last few minutes. Please wait "
        "%(minutes)s minutes and try again.",
        minutes,
    ) % {"minutes": minutes}

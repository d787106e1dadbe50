"""A generous rate limit on signing, per network, shared by every app server.

Requests are keyed by an HMAC of the client's address, so no address is stored; workers who
share a phone or a union hall's network can still sign in numbers (see SIGNON_RATE_LIMIT)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from corredor.signons.models import SigningAttempt


def client_address(request: HttpRequest) -> str:
    """The caller's address: REMOTE_ADDR, or behind N trusted proxies the address the
    outermost of them saw (the Nth from the right in X-Forwarded-For)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def network_key(request: HttpRequest) -> str:
    return salted_hmac(
        "corredor.signing-network", client_address(request), algorithm="sha256"
    ).hexdigest()


def window() -> timedelta:
    return timedelta(minutes=settings.SIGNON_RATE_WINDOW_MINUTES)


def allow(request: HttpRequest) -> bool:
    """Count this attempt; False once the network has used up its window."""
    key = network_key(request)
    since = timezone.now() - window()
    if SigningAttempt.objects.filter(key=key, created_at__gt=since).count() >= (
        settings.SIGNON_RATE_LIMIT
    ):
        return False
    SigningAttempt.objects.create(key=key)
    return True


def forget_old() -> int:
    deleted, _ = SigningAttempt.objects.filter(created_at__lte=timezone.now() - window()).delete()
    return deleted


def message() -> str:
    return _(
        "Many signatures have come from your network in the last few minutes. Please wait "
        "%(minutes)s minutes and try again."
    ) % {"minutes": settings.SIGNON_RATE_WINDOW_MINUTES}

"""Generous rate limits per network, shared by every app server (the count is in the
database). Requests are keyed by an HMAC of the client's address, so no address is stored:
workers who share a phone or a union hall's network can still act in numbers."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from corredor.lib.models import RateAttempt


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
        "corredor.rate-limit", client_address(request), algorithm="sha256"
    ).hexdigest()


def allow(request: HttpRequest, scope: str, limit: int, window: timedelta) -> bool:
    """Count this request; False once the network has used up its window. The count is read
    then written without a lock, so requests arriving at the same instant may exceed the
    limit by about the number of app processes: acceptable for a generous limit against
    floods, not a quota."""
    key = network_key(request)
    since = timezone.now() - window
    used = RateAttempt.objects.filter(scope=scope, key=key, created_at__gt=since).count()
    if used >= limit:
        return False
    RateAttempt.objects.create(scope=scope, key=key)
    return True


def retry_after(response: HttpResponse, window: timedelta) -> HttpResponse:
    """Tell a refused client when its network may try again: at the latest when the window
    has passed (Retry-After, in seconds)."""
    response["Retry-After"] = str(int(window.total_seconds()))
    return response


def forget_old(now: datetime, windows: dict[str, timedelta]) -> int:
    """Delete the attempts that left their scope's window (all of an unknown scope's)."""
    deleted = 0
    for scope, window in windows.items():
        count, _ = RateAttempt.objects.filter(scope=scope, created_at__lte=now - window).delete()
        deleted += count
    count, _ = RateAttempt.objects.exclude(scope__in=list(windows)).delete()
    return deleted + count

"""Sign-in throttling per account.

After LOGIN_FAILURE_LIMIT failures for one address within LOGIN_FAILURE_WINDOW_MINUTES, every
attempt for that address is refused until the oldest counted failure leaves the window.
Failures are keyed by an HMAC of the normalized address, so addresses with no account are
throttled exactly like real ones (nothing tells them apart) and no address is stored in
clear. Kept in the database so that several app servers share the count.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from corredor.accounts.models import LoginFailure, normalize_email


def _key(email: str) -> str:
    return salted_hmac("corredor.login-failure", normalize_email(email)).hexdigest()


def _window_start() -> timezone.datetime:
    return timezone.now() - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)


def is_locked(email: str) -> bool:
    recent = LoginFailure.objects.filter(key=_key(email), created_at__gt=_window_start())
    return recent.count() >= settings.LOGIN_FAILURE_LIMIT


def record_failure(email: str) -> None:
    key = _key(email)
    LoginFailure.objects.filter(key=key, created_at__lte=_window_start()).delete()
    LoginFailure.objects.create(key=key)


def clear_failures(email: str) -> None:
    LoginFailure.objects.filter(key=_key(email)).delete()

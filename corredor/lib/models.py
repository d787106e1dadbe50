from __future__ import annotations

from django.db import models


class RateAttempt(models.Model):
    """One rate-limited request (signing a letter, giving a testimony…) from a network, keyed
    by an HMAC of its address, never the address; kept only as long as its window (see
    `corredor purge`)."""

    scope = models.CharField(max_length=20)
    key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "created_at"])]

    def __str__(self) -> str:
        return f"{self.scope} {self.created_at:%Y-%m-%d %H:%M}"

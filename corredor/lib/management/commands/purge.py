from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from corredor.lib import retention


class Command(BaseCommand):
    help = (
        "Delete what Corredor must not keep: testimonies withdrawn or past retention, stale "
        "unconfirmed signatures, expired rate-limit records, finished background jobs and "
        "encrypted files nothing refers to. Run it daily (see docs/deploy.md)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for line in retention.purge(timezone.now()):
            self.stdout.write(line)

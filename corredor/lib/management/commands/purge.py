from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from corredor.lib import retention


class Command(BaseCommand):
    help = (
        "Delete what Corredor must not keep: stale unconfirmed signatures, expired rate-limit "
        "records and finished background jobs. Run it daily (see docs/deploy.md)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for line in retention.purge(timezone.now()):
            self.stdout.write(line)

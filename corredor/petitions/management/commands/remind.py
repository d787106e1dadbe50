from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from corredor.petitions.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Email each organization's people about deadlines due within 7 days and newly overdue "
        "ones, once each. Safe to run every hour from cron, on several machines at once."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_reminders(timezone.localdate())
        if options["verbosity"] > 0:
            self.stdout.write(f"{sent} reminder email(s) sent.")

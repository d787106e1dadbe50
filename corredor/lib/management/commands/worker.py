from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from corredor.lib.tasks import requeue_abandoned


class Command(BaseCommand):
    help = (
        "Run the background worker: it sends the emails and does the jobs queued in the "
        "database (django-tasks-db). Run one or more beside the web servers."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds to wait when the queue is empty (default: 1).",
        )
        parser.add_argument(
            "--batch", action="store_true", help="Run what is queued now, then stop."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        requeued = requeue_abandoned(timezone.now())
        if requeued:
            self.stdout.write(f"Requeued {requeued} jobs abandoned by a stopped worker.")
        call_command(
            "db_worker",
            interval=options["interval"],
            batch=options["batch"],
            reload=False,
            verbosity=options["verbosity"],
        )

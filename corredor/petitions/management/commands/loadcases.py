from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from corredor.petitions.importer import import_cases


class Command(BaseCommand):
    help = (
        "Load public petitions and their events from CSV files (all or nothing). "
        "Titles and summaries in three languages come from case_texts.toml beside CASES.csv."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "cases", type=Path, help="CSV of cases (reference, agreement, mechanism, …)"
        )
        parser.add_argument(
            "events", type=Path, help="CSV of events (reference, date, precision, event, …)"
        )
        parser.add_argument("--texts", type=Path, default=None, help="TOML of titles and summaries")

    def handle(self, *args: Any, **options: Any) -> None:
        cases: Path = options["cases"]
        texts = options["texts"] or cases.with_name("case_texts.toml")
        result = import_cases(cases, options["events"], texts)
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"Nothing was loaded: {len(result.errors)} bad row(s).", returncode=2
            )
        self.stdout.write(
            f"Loaded {result.created + result.updated} petitions "
            f"({result.created} new, {result.updated} updated) and {result.events} events."
        )

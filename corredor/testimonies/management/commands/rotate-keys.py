from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from corredor.testimonies.actions import rotate_keys


class Command(BaseCommand):
    help = (
        "Encrypt every testimony value and file again under the newest key. First put a new "
        "key at the front of TESTIMONY_KEYS (keep the old ones after it), run this, then drop "
        "the old keys. --new-key prints a fresh key to use."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--new-key", action="store_true", help="Print a new key and stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new_key"]:
            from cryptography.fernet import Fernet

            self.stdout.write(Fernet.generate_key().decode())
            return
        counts = rotate_keys()
        self.stdout.write(
            f"Re-encrypted {counts['values']} values and {counts['files']} files "
            "under the newest key."
        )

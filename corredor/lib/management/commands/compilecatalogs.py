from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from corredor.lib.catalogs import compile_catalogs


class Command(BaseCommand):
    help = "Compile the translation catalogs under locale/ (no GNU gettext needed)."

    def handle(self, *args: Any, **options: Any) -> None:
        for locale_dir in settings.LOCALE_PATHS:
            for mo_path in compile_catalogs(locale_dir):
                if options["verbosity"] > 1:
                    self.stdout.write(f"compiled {mo_path}")

from __future__ import annotations

import io
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from corredor.testimonies.redaction import redact


class Command(BaseCommand):
    help = (
        "Read a testimony as UTF-8 text on standard input and print it with personal "
        "identifiers (names, phones, emails, addresses, document and national numbers, "
        "birth dates) replaced by placeholders such as [NAME] and [PHONE]. "
        'Example: corredor redact --names "María Pérez López;Juan Pérez" < testimony.txt'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--names",
            default="",
            metavar="NAME;NAME",
            help="the worker's names and any other names recorded on the testimony, "
            "separated by semicolons; every part of each name is removed",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        names = [name.strip() for name in options["names"].split(";") if name.strip()]
        if not options.get("stdout") and isinstance(sys.stdout, io.TextIOWrapper):
            # Answer in the encoding we read, whatever the terminal's locale says.
            sys.stdout.reconfigure(encoding="utf-8")
        self.stdout.write(redact(self.read_input(), names), ending="")

    def read_input(self) -> str:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # already text, as when a caller replaces stdin with a StringIO
            return sys.stdin.read()
        data = stream.read()
        try:
            # utf-8-sig: Windows editors start UTF-8 files with a byte-order mark.
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise CommandError(
                f"Standard input is not UTF-8 text (byte {error.object[error.start]:#04x} "
                f"at position {error.start}); save the testimony as UTF-8 and try again.",
                returncode=2,
            ) from None

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from pypdf import PdfReader

from corredor.petitions.models import Draft
from corredor.petitions.package import PackageError, build_docx, build_pdf, check_languages


class Command(BaseCommand):
    help = (
        "Build a draft's filing package: one PDF with the cover, contents, sections, "
        "signatories annexes, exhibit index and exhibits, or with --docx the petition's body "
        "for lawyers to edit. Example: corredor package 'Alfa USMCA 2026-3' --lang es "
        "--bilingual en --out package.pdf"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("reference", help="the draft's reference (any capitalization)")
        parser.add_argument("--lang", required=True, help="the package's language: en, es or fr")
        parser.add_argument(
            "--bilingual",
            default=None,
            metavar="LANG",
            help="a second language, each section side by side with the first",
        )
        parser.add_argument(
            "--docx", action="store_true", help="write the petition's body as DOCX instead"
        )
        parser.add_argument("--out", required=True, type=Path, help="the file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        language = options["lang"].strip().lower()
        bilingual = options["bilingual"].strip().lower() if options["bilingual"] else None
        try:
            check_languages(language, bilingual)
        except PackageError as error:
            raise CommandError(str(error)) from None
        if options["docx"] and bilingual:
            raise CommandError(_("The DOCX is in one language: leave out --bilingual."))
        draft = Draft.objects.filter(reference__iexact=options["reference"].strip()).first()
        if draft is None:
            raise CommandError(
                _("There is no draft with the reference “{reference}”.").format(
                    reference=options["reference"]
                )
            )
        out: Path = options["out"]
        # Opened before the slow build, so that a bad path fails at once; renamed into place
        # only when complete, so that no half-written package is ever left under its name.
        temporary = self.open_beside(out)
        try:
            with temporary:
                if options["docx"]:
                    content = build_docx(draft, language)
                else:
                    content = build_pdf(draft, language, bilingual=bilingual)
                temporary.write(content)
            os.replace(temporary.name, out)
        except PackageError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(
                _("Cannot write {path}: {reason}").format(path=out, reason=error.strerror or error)
            ) from None
        finally:
            Path(temporary.name).unlink(missing_ok=True)
        if options["docx"]:
            self.stdout.write(_("Wrote {path}.").format(path=out))
        else:
            pages = len(PdfReader(io.BytesIO(content)).pages)
            self.stdout.write(_("Wrote {path} ({pages} pages).").format(path=out, pages=pages))

    def open_beside(self, out: Path) -> IO[bytes]:
        if out.is_dir():
            raise CommandError(_("{path} is a folder: give a file name.").format(path=out))
        try:
            # Readable by its owner only, like the confidential drafts it comes from.
            return tempfile.NamedTemporaryFile(
                dir=out.parent, prefix=f".{out.name}.", suffix=".part", delete=False
            )
        except OSError as error:
            raise CommandError(
                _("Cannot write {path}: {reason}").format(path=out, reason=error.strerror or error)
            ) from None

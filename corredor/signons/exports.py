"""The staff export of a letter's signatures, as CSV for spreadsheets."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils import timezone

from corredor.signons.models import Letter

COLUMNS = [
    "kind",
    "organization_name",
    "organization_kind",
    "organization_website",
    "name",
    "title",
    "email",
    "country",
    "city",
    "show_publicly",
    "wants_updates",
    "language",
    "signed_at",
    "confirmed_at",
    "verified",
    "hidden",
]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """Text a signer typed, made inert for spreadsheets: a cell starting like a formula is
    prefixed with an apostrophe (OWASP's advice against CSV injection)."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _when(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""


def rows(letter: Letter) -> list[dict[str, str]]:
    return [
        {
            "kind": s.kind,
            "organization_name": spreadsheet_safe(s.organization_name),
            "organization_kind": s.organization_kind,
            "organization_website": spreadsheet_safe(s.organization_website),
            "name": spreadsheet_safe(s.name),
            "title": spreadsheet_safe(s.title),
            "email": spreadsheet_safe(s.email),
            "country": s.country,
            "city": spreadsheet_safe(s.city),
            "show_publicly": "yes" if s.show_publicly else "no",
            "wants_updates": "yes" if s.wants_updates else "no",
            "language": s.language,
            "signed_at": _when(s.created_at),
            "confirmed_at": _when(s.confirmed_at),
            "verified": "yes" if s.verified_at else "no",
            "hidden": "yes" if s.hidden else "no",
        }
        for s in letter.signatures.order_by("created_at", "pk")
    ]


def signatures_csv(letter: Letter) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows(letter))
    # A byte-order mark so that spreadsheet programs read the accents right.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{letter.slug}-signatures.csv"'
    return response

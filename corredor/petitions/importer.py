"""Load petitions and their events from CSV files, all or nothing.

Every row is checked first (columns, dates, codes, venue, dates against the filing); each bad
row is reported with its file and line number, and nothing is written if any row is bad.
Existing references are updated in place, so loading the same files twice changes nothing.
"""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from corredor.petitions.actions import refresh_derived
from corredor.petitions.choices import Precision, Visibility
from corredor.petitions.models import Petition, PetitionEvent
from corredor.treaties.labels import problem_message
from corredor.treaties.rulebook import rulebook
from corredor.treaties.venue import check_event, check_filing

CASE_COLUMNS = (
    "reference",
    "agreement",
    "mechanism",
    "receiving_office",
    "against_country",
    "filed_on",
)
EVENT_COLUMNS = ("reference", "date", "precision", "event")


@dataclass
class RowError:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return _("{file}, line {line}: {message}").format(
            file=self.file, line=self.line, message=self.message
        )


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    events: int = 0
    errors: list[RowError] = field(default_factory=list)


def parse_date(raw: str, precision: str) -> date:
    """YYYY-MM-DD for a day, YYYY-MM for a month (stored as its first day)."""
    raw = raw.strip()
    if precision == Precision.MONTH:
        if not re.fullmatch(r"\d{4}-\d{2}", raw):
            raise ValueError(
                _("a date known to the month is written YYYY-MM, not “{raw}”").format(raw=raw)
            )
        return date.fromisoformat(raw + "-01")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        raise ValueError(_("a date is written YYYY-MM-DD, not “{raw}”").format(raw=raw))
    return date.fromisoformat(raw)


def parse_issues(raw: str, mechanism: str) -> list[str]:
    """The principle or article codes named in an `issues` cell, e.g. "NAALC principles 1, 6",
    "USMCA Art. 23.3(1)(d), 23.5" or "USMCA Annex 31-A"."""
    if mechanism == "naalc":
        return list(dict.fromkeys(re.findall(r"\b(1[01]|[1-9])\b", raw)))
    if mechanism == "usmca-rrm":
        return [f"annex-31-{letter.lower()}" for letter in re.findall(r"31-([AB])", raw)]
    return list(dict.fromkeys(re.findall(r"\b23\.\d+", raw)))


def _read(
    path: Path, columns: tuple[str, ...], errors: list[RowError]
) -> list[tuple[int, dict[str, str]]]:
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                errors.append(
                    RowError(
                        path.name,
                        1,
                        _("missing columns: {columns}").format(columns=", ".join(missing)),
                    )
                )
                return []
            return [(reader.line_num, row) for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        errors.append(RowError(path.name, 0, _("cannot be read: {error}").format(error=error)))
        return []


def load_texts(path: Path | None) -> dict[str, Any]:
    if path is None or not path.exists():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def import_cases(
    cases_path: Path, events_path: Path, texts_path: Path | None = None
) -> ImportResult:
    result = ImportResult()
    errors = result.errors
    rules = rulebook()
    url = URLValidator(schemes=["http", "https"])
    try:
        texts = load_texts(texts_path)
    except (OSError, tomllib.TOMLDecodeError) as error:
        errors.append(RowError(texts_path.name if texts_path else "", 0, str(error)))
        texts = {}

    cases: dict[str, dict[str, Any]] = {}
    for line, row in _read(cases_path, CASE_COLUMNS, errors):
        reference = (row.get("reference") or "").strip()

        def bad(message: str, line: int = line) -> None:
            errors.append(RowError(cases_path.name, line, message))

        if not reference:
            bad(_("the reference is empty"))
            continue
        if reference in cases:
            bad(_("the reference {reference} appears twice").format(reference=reference))
            continue
        mechanism_code = row["mechanism"].strip()
        try:
            filed_on = parse_date(row["filed_on"], Precision.DAY)
        except ValueError as error:
            bad(str(error))
            continue
        problems = check_filing(
            rules,
            mechanism_code,
            row["receiving_office"].strip(),
            row["against_country"].strip(),
            filed_on,
        )
        if problems:
            for problem in problems:
                bad(problem_message(problem))
            continue
        mechanism = rules.mechanism(mechanism_code)
        if row["agreement"].strip() != mechanism.agreement.code:
            bad(
                _("the agreement {agreement} does not match the mechanism {mechanism}").format(
                    agreement=row["agreement"], mechanism=mechanism_code
                )
            )
            continue
        sources = (row.get("sources") or "").split()
        try:
            for source in sources:
                url(source)
        except ValidationError:
            bad(_("a source is not a web address"))
            continue
        text = texts.get(reference, {})
        cases[reference] = {
            "line": line,
            "fields": {
                "mechanism": mechanism_code,
                "office": row["receiving_office"].strip(),
                "against_country": row["against_country"].strip(),
                "principles": parse_issues(row.get("issues") or "", mechanism_code),
                "title_en": text.get("title", {}).get("en") or (row.get("title") or "").strip(),
                "title_es": text.get("title", {}).get("es", ""),
                "title_fr": text.get("title", {}).get("fr", ""),
                "summary_en": text.get("summary", {}).get("en", "").strip(),
                "summary_es": text.get("summary", {}).get("es", "").strip(),
                "summary_fr": text.get("summary", {}).get("fr", "").strip(),
                "petitioners": (row.get("petitioners") or "").strip(),
                "sources": sources,
            },
            "filed_on": filed_on,
            "events": [],
        }

    for line, row in _read(events_path, EVENT_COLUMNS, errors):

        def bad_event(message: str, line: int = line) -> None:
            errors.append(RowError(events_path.name, line, message))

        reference = (row.get("reference") or "").strip()
        case = cases.get(reference)
        if case is None:
            bad_event(_("no case has the reference {reference}").format(reference=reference))
            continue
        precision = (row.get("precision") or "day").strip()
        if precision not in Precision.values:
            bad_event(_("the precision must be day or month"))
            continue
        try:
            on = parse_date(row["date"], precision)
        except ValueError as error:
            bad_event(str(error))
            continue
        mechanism = rules.mechanism(case["fields"]["mechanism"])
        problems = check_event(mechanism, row["event"].strip(), on, precision, case["filed_on"])
        if problems:
            for problem in problems:
                bad_event(problem_message(problem))
            continue
        source = (row.get("source") or "").strip()
        if source:
            try:
                url(source)
            except ValidationError:
                bad_event(_("the source is not a web address"))
                continue
        case["events"].append(
            {
                "code": row["event"].strip(),
                "date": on,
                "precision": precision,
                "note": (row.get("note") or "").strip(),
                "source_url": source,
            }
        )

    kept_by_organizations = set(
        Petition.objects.filter(reference__in=list(cases), organization__isnull=False).values_list(
            "reference", flat=True
        )
    )
    for reference, case in cases.items():
        if reference in kept_by_organizations:
            errors.append(
                RowError(
                    cases_path.name,
                    case["line"],
                    _("{reference} is an organization's own petition: it is not replaced").format(
                        reference=reference
                    ),
                )
            )
        mechanism = rules.mechanism(case["fields"]["mechanism"])
        if not any(e["code"] in mechanism.start_events for e in case["events"]):
            errors.append(
                RowError(
                    cases_path.name,
                    case["line"],
                    _("{reference} has no filing event").format(reference=reference),
                )
            )
    if errors:
        return result

    with transaction.atomic():
        for reference, case in cases.items():
            petition = Petition.objects.filter(reference=reference).first()
            if petition is None:
                petition = Petition(
                    reference=reference, visibility=Visibility.PUBLIC, organization=None
                )
                result.created += 1
            else:
                result.updated += 1
            for name, value in case["fields"].items():
                setattr(petition, name, value)
            petition.save()
            petition.events.all().delete()
            PetitionEvent.objects.bulk_create(
                PetitionEvent(petition=petition, **event) for event in case["events"]
            )
            result.events += len(case["events"])
            refresh_derived(petition)
    return result

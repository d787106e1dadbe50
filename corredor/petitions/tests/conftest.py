"""Fixtures for the petitions tests: a frozen today, petitions filed the way people file
them (through the actions), the real cases, and a quick way to fill the register.

Every test here runs on 2026-11-24, the date of the rulebook's current version, so that
clocks ("waiting 5,513 days", "day 27 of 30") read the same on any machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.management import call_command

from corredor.accounts.models import Organization, User
from corredor.petitions import actions
from corredor.petitions.choices import Visibility
from corredor.petitions.models import Petition, PetitionEvent, StoredObligation

TODAY = date(2026, 11, 24)
DATA = Path(__file__).resolve().parent.parent / "data"
CASES = DATA / "cases.csv"
EVENTS = DATA / "case_events.csv"


@pytest.fixture(autouse=True)
def _today_is_the_24th_of_november_2026() -> Iterator[None]:
    with time_machine.travel(datetime(2026, 11, 24, 12, 0, tzinfo=UTC), tick=False):
        yield


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def file_petition(
    reference: str,
    *,
    mechanism: str = "usmca-rrm",
    office: str = "us-ilc",
    against: str = "MX",
    filed_on: date | None = None,
    organization: Organization | None = None,
    visibility: str = Visibility.PUBLIC,
    actor: User | None = None,
    events: tuple[tuple[str, date], ...] = (),
    **fields: Any,
) -> Petition:
    """A petition filed through the action, then its later events recorded one by one."""
    petition = actions.create_petition(
        actor=actor,
        organization=organization,
        filed_on=filed_on or days_ago(27),
        reference=reference,
        mechanism=mechanism,
        office=office,
        against_country=against,
        visibility=visibility,
        **fields,
    )
    for code, on in events:
        actions.record_event(petition, actor=actor, code=code, on=on)
    petition.refresh_from_db()
    return petition


def pilots_petition(**fields: Any) -> Petition:
    """Like the real US NAO 2005-02: filed with the US office, never accepted nor declined."""
    return file_petition(
        "US NAO 2005-02",
        mechanism="naalc",
        office="us-nao",
        against="MX",
        filed_on=date(2005, 5, 27),
        title_en="Mexican airline pilots: sustained non-enforcement",
        title_es="Pilotos aviadores de México: incumplimiento sostenido",
        title_fr="Pilotes de ligne mexicains : non-application persistante",
        **fields,
    )


def load_real_cases() -> str:
    out = StringIO()
    call_command("loadcases", str(CASES), str(EVENTS), stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def real_cases(db: None) -> None:
    """The 27 real cases and their 81 events, loaded as `corredor loadcases` loads them."""
    load_real_cases()


DERIVED_FIELDS = (
    "filed_on",
    "filed_precision",
    "stage",
    "closed",
    "answered_on",
    "answered_precision",
    "days_to_first_decision",
    "days_to_report",
    "next_due_on",
)


def copy_in_bulk(model: Petition, count: int) -> None:
    """`count` public copies of `model`, written with a handful of bulk inserts.

    The copies take the model's derived fields and stored obligations as they are, which is
    what `refresh_derived` would compute for the same events, at a fraction of the cost.
    """
    copies = Petition.objects.bulk_create(
        Petition(
            reference=f"{model.reference} copy {number:05d}",
            slug=f"{model.slug}-copy-{number:05d}",
            mechanism=model.mechanism,
            office=model.office,
            against_country=model.against_country,
            principles=model.principles,
            principle_keys=model.principle_keys,
            title_en=f"{model.title_en} ({number})",
            search_text=f"{model.search_text} ({number})",
            visibility=Visibility.PUBLIC,
            **{name: getattr(model, name) for name in DERIVED_FIELDS},
        )
        for number in range(count)
    )
    events = list(model.events.all())
    obligations = list(model.stored_obligations.all())
    PetitionEvent.objects.bulk_create(
        PetitionEvent(petition=copy, code=e.code, date=e.date, precision=e.precision)
        for copy in copies
        for e in events
    )
    StoredObligation.objects.bulk_create(
        StoredObligation(
            petition=copy,
            rule=o.rule,
            owed_by=o.owed_by,
            trigger=o.trigger,
            trigger_on=o.trigger_on,
            due_on=o.due_on,
            extended_due_on=o.extended_due_on,
            effective_due_on=o.effective_due_on,
            state=o.state,
            days_late=o.days_late,
            approximate=o.approximate,
            confidence=o.confidence,
        )
        for copy in copies
        for o in obligations
    )


@pytest.fixture
def register_of(db: None) -> Any:
    """A register of `count` public petitions copied from one (by default, one like
    US NAO 2005-02, long past a deadline)."""

    def _fill(count: int, model: Petition | None = None) -> None:
        copy_in_bulk(model or pilots_petition(), count - 1)
        assert Petition.objects.count() == count

    return _fill

"""The accountability figures: per office and mechanism, how long governments made
petitioners wait, and how often they met their deadlines.

A fixed number of queries whatever the number of petitions: durations and obligation states
are stored when events change (`actions.refresh_derived`); only medians are taken in Python.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils.translation import get_language

from corredor.petitions.choices import ObligationState
from corredor.petitions.models import Petition, StoredObligation
from corredor.treaties.labels import local, office_name
from corredor.treaties.rulebook import rulebook

LONGEST_WAITS = 10
# The SVG chart's geometry, in its own units: labels on the left, bars, then the value.
BAR_X = 190
BAR_AREA = 420
ROW_HEIGHT = 28
CHART_WIDTH = BAR_X + BAR_AREA + 70


@dataclass
class Durations:
    values: list[int] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.values)

    @property
    def median(self) -> float | None:
        return statistics.median(self.values) if self.values else None

    @property
    def longest(self) -> int | None:
        return max(self.values) if self.values else None


@dataclass
class Row:
    office: str
    mechanism: str
    office_name: str = ""
    mechanism_name: str = ""
    petitions: int = 0
    to_decision: Durations = field(default_factory=Durations)
    to_report: Durations = field(default_factory=Durations)
    on_time: int = 0
    late: int = 0  # met late, or open past the due date
    bar_width: int = 0
    chart_y: int = 0

    @property
    def value_x(self) -> int:
        return BAR_X + self.bar_width + 6

    @property
    def judged(self) -> int:
        return self.on_time + self.late

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.judged if self.judged else None

    @property
    def on_time_percent(self) -> int | None:
        share = self.on_time_share
        return round(share * 100) if share is not None else None


@dataclass
class Wait:
    reference: str
    slug: str
    title: str
    filed_on: date
    filed_precision: str
    days: int
    office: str


@dataclass
class Report:
    rows: list[Row]
    waits: list[Wait]
    chart_max: int
    bar_x: int = BAR_X
    chart_width: int = CHART_WIDTH

    @property
    def chart_height(self) -> int:
        return ROW_HEIGHT * len(self.rows) + 4


def accountability_report(petitions: QuerySet[Petition], today: date) -> Report:
    rules = rulebook()
    rows: dict[tuple[str, str], Row] = {}

    def row(office: str, mechanism: str) -> Row:
        key = (office, mechanism)
        if key not in rows:
            rows[key] = Row(
                office=office,
                mechanism=mechanism,
                office_name=office_name(office),
                mechanism_name=local(rules.mechanism(mechanism).name),
            )
        return rows[key]

    for office, mechanism, to_decision, to_report in petitions.values_list(
        "office", "mechanism", "days_to_first_decision", "days_to_report"
    ):
        current = row(office, mechanism)
        current.petitions += 1
        if to_decision is not None:
            current.to_decision.values.append(to_decision)
        if to_report is not None:
            current.to_report.values.append(to_report)

    states = (
        StoredObligation.objects.filter(petition__in=petitions)
        .values("petition__office", "petition__mechanism")
        .annotate(
            on_time=Count(
                "id", filter=Q(state__in=[ObligationState.MET, ObligationState.MET_IN_EXTENSION])
            ),
            late=Count(
                "id",
                filter=Q(state=ObligationState.MET_LATE)
                | Q(state=ObligationState.OPEN, effective_due_on__lt=today),
            ),
        )
        .order_by()
    )
    for item in states:
        current = row(item["petition__office"], item["petition__mechanism"])
        current.on_time = item["on_time"]
        current.late = item["late"]

    ordered = sorted(
        rows.values(), key=lambda r: (list(rules.offices).index(r.office), r.mechanism)
    )
    chart_max = max((r.to_report.median or 0 for r in ordered), default=0)
    for index, current in enumerate(ordered):
        current.chart_y = index * ROW_HEIGHT
        if chart_max and current.to_report.median is not None:
            current.bar_width = max(1, round(current.to_report.median / chart_max * BAR_AREA))
    return Report(rows=ordered, waits=longest_waits(petitions, today), chart_max=int(chart_max))


def longest_waits(petitions: QuerySet[Petition], today: date) -> list[Wait]:
    """Open petitions with no answer yet, longest wait first. A wait under an agreement that
    has ended is counted to its last day, so the longest waits of each agreement are the
    earliest filings: one small query per agreement, whatever the number of petitions."""
    rules = rulebook()
    language = (get_language() or "en")[:2]
    title_field = f"title_{language}" if language in ("en", "es", "fr") else "title_en"
    waiting = petitions.filter(answered_on__isnull=True, closed=False, filed_on__isnull=False)
    waits = []
    for agreement in rules.agreements.values():
        mechanisms = [
            m.code for m in rules.mechanisms.values() if m.agreement.code == agreement.code
        ]
        end = min(today, agreement.in_force_until) if agreement.in_force_until else today
        rows = (
            waiting.filter(mechanism__in=mechanisms)
            .order_by("filed_on", "reference")
            .values_list(
                "reference",
                "slug",
                title_field,
                "title_en",
                "filed_on",
                "filed_precision",
                "office",
            )[:LONGEST_WAITS]
        )
        for reference, slug, title, title_en, filed_on, precision, office in rows:
            waits.append(
                Wait(
                    reference=reference,
                    slug=slug,
                    title=title or title_en or reference,
                    filed_on=filed_on,
                    filed_precision=precision,
                    days=max((end - filed_on).days, 0),
                    office=office_name(office),
                )
            )
    waits.sort(key=lambda w: (-w.days, w.reference))
    return waits[:LONGEST_WAITS]

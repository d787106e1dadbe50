"""The deadline engine: from a mechanism's rules and a petition's dated events, every
obligation with its due date and status. Plain Python, no Django.

Conventions, chosen so that Corredor never overstates a delay:

- "N days after an event" is the event's date plus N calendar days, or the Nth business day
  after it in the office's country (`calendars.add_days`).
- A date known only to the month spans that month. A trigger in such a month gives the latest
  possible due date; a response in such a month counts from the month's first day. The result
  is marked `approximate`: Corredor never invents a day.
- An extension with no required notice is available to the office; one that needs a notice
  (`extension_event`) counts only once that notice is recorded. A notice with no set length
  leaves the obligation pending with no known date.
- When an agreement ends, open clocks stop on its last day: an obligation already overdue
  stays overdue by the days counted until then; one not yet due lapses (`not_applicable`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from corredor.treaties.calendars import add_days
from corredor.treaties.rulebook import DeadlineRule, Mechanism, Source, Text
from corredor.treaties.venue import month_end

MET = "met"
MET_IN_EXTENSION = "met_in_extension"
MET_LATE = "met_late"
PENDING = "pending"
OVERDUE = "overdue"
NOT_APPLICABLE = "not_applicable"
STATUSES = (MET, MET_IN_EXTENSION, MET_LATE, PENDING, OVERDUE, NOT_APPLICABLE)
OPEN_STATUSES = (PENDING, OVERDUE)


@dataclass(frozen=True, order=True)
class Event:
    on: date
    code: str
    precision: str = "day"  # "day" or "month"

    @property
    def earliest(self) -> date:
        return self.on.replace(day=1) if self.precision == "month" else self.on

    @property
    def latest(self) -> date:
        return month_end(self.on) if self.precision == "month" else self.on


@dataclass(frozen=True)
class Obligation:
    rule: str
    what: Text
    owed_by: str  # an office code, or the country code of the respondent
    trigger: str
    trigger_on: date
    trigger_precision: str  # "month": the due dates are the latest possible
    due_on: date
    extended_due_on: date | None
    effective_due_on: date  # the due date that counts: extended once the extension applies
    status: str
    days: int | None  # days left (pending), overdue (overdue) or late (met_late)
    approximate: bool
    met_on: date | None
    days_allowed: int
    day_kind: str
    source: Source
    confidence: str

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


def _first(events: list[Event], codes: tuple[str, ...], not_before: date) -> Event | None:
    for event in events:  # events are sorted by date
        if event.code in codes and event.latest >= not_before:
            return event
    return None


def _obligation(
    rule: DeadlineRule,
    mechanism: Mechanism,
    office_country: str,
    owed_by: str,
    events: list[Event],
    today: date,
) -> Obligation | None:
    trigger = _first(events, rule.after, date.min)
    if trigger is None:
        return None  # nothing is owed yet
    days_country = office_country
    due_on = add_days(trigger.latest, rule.days, rule.day_kind, days_country)
    approximate = trigger.precision == "month"
    extension_recorded = rule.extension_event is not None and (
        _first(events, (rule.extension_event,), trigger.earliest) is not None
    )
    extension_available = rule.extension_event is None or extension_recorded
    extended_due_on = None
    if rule.extension_days is not None:
        extended_due_on = add_days(
            trigger.latest, rule.days + rule.extension_days, rule.day_kind, days_country
        )
    effective_due = extended_due_on if extension_available and extended_due_on else due_on
    open_ended = rule.extendable and extension_recorded and rule.extension_days is None

    base = {
        "rule": rule.code,
        "what": rule.what,
        "owed_by": owed_by,
        "trigger": trigger.code,
        "trigger_on": trigger.on,
        "trigger_precision": trigger.precision,
        "due_on": due_on,
        "extended_due_on": extended_due_on,
        "effective_due_on": effective_due,
        "days_allowed": rule.days,
        "day_kind": rule.day_kind,
        "source": rule.source,
        "confidence": rule.confidence,
    }
    answer = _first(events, rule.met_by, trigger.earliest)
    if answer is not None:
        answered = answer.earliest
        approximate = approximate or answer.precision == "month"
        if answered <= due_on:
            status, days = MET, None
        elif open_ended or (
            extension_available and extended_due_on and answered <= extended_due_on
        ):
            status, days = MET_IN_EXTENSION, None
        else:
            status, days = MET_LATE, (answered - effective_due).days
        return Obligation(
            **base, status=status, days=days, approximate=approximate, met_on=answer.on
        )

    if _first(events, rule.moot_after, trigger.earliest) is not None:
        return Obligation(
            **base, status=NOT_APPLICABLE, days=None, approximate=approximate, met_on=None
        )

    clock_end = today
    ended_on = mechanism.agreement.in_force_until
    if ended_on is not None and ended_on < today:
        clock_end = ended_on
        # Not yet overdue when the agreement ended (due on its last day included): it lapsed.
        if open_ended or effective_due >= ended_on:
            return Obligation(
                **base, status=NOT_APPLICABLE, days=None, approximate=approximate, met_on=None
            )
    if open_ended:
        return Obligation(**base, status=PENDING, days=None, approximate=approximate, met_on=None)
    if clock_end <= effective_due:
        return Obligation(
            **base,
            status=PENDING,
            days=(effective_due - clock_end).days,
            approximate=approximate,
            met_on=None,
        )
    return Obligation(
        **base,
        status=OVERDUE,
        days=(clock_end - effective_due).days,
        approximate=approximate,
        met_on=None,
    )


def compute_obligations(
    mechanism: Mechanism,
    office_code: str,
    office_country: str,
    against: str,
    events: list[Event] | tuple[Event, ...],
    today: date,
) -> list[Obligation]:
    """Every obligation the petition's events have started, in order of due date."""
    ordered = sorted(events)
    obligations = []
    for rule in mechanism.deadlines:
        trigger = _first(ordered, rule.after, date.min)
        if trigger is None or not rule.applies(office_code, trigger.earliest):
            continue
        owed_by = against if rule.owed_by == "respondent" else rule.owed_by
        obligation = _obligation(rule, mechanism, office_country, owed_by, ordered, today)
        if obligation is not None:
            obligations.append(obligation)
    return sorted(obligations, key=lambda o: (o.due_on, o.rule))


@dataclass(frozen=True)
class Clock:
    """What a register row shows: how long the petitioners waited, or wait still, and on what."""

    start: Event | None  # the filing (or the request that opened the case)
    waiting_days: (
        int | None
    )  # from filing to the first answer, or to today (or the agreement's end)
    answer: Event | None  # the first answer to the petitioners, if any
    closed: bool
    stage: str | None
    obligation: Obligation | None  # the most pressing open obligation, if any
    approximate: bool

    @property
    def day_of(self) -> int | None:
        """For a pending obligation: how many days have passed since its trigger."""
        obligation = self.obligation
        if obligation is None or obligation.status != PENDING or obligation.days is None:
            return None
        return (obligation.effective_due_on - obligation.trigger_on).days - obligation.days

    @property
    def day_total(self) -> int | None:
        """The period `day_of` counts against: the allowed days, or the extended period once
        they have run out."""
        obligation = self.obligation
        day = self.day_of
        if obligation is None or day is None:
            return None
        if day <= obligation.days_allowed or obligation.extended_due_on is None:
            return obligation.days_allowed
        return (obligation.effective_due_on - obligation.trigger_on).days


def first_event(events: list[Event], codes: tuple[str, ...]) -> Event | None:
    return min((e for e in events if e.code in codes), default=None)


def start_event(mechanism: Mechanism, events: list[Event]) -> Event | None:
    return first_event(events, mechanism.start_events)


def current_stage(mechanism: Mechanism, events: list[Event]) -> str | None:
    """The stage of the latest event that has one (ties go to the later stage)."""
    staged = [
        (event.on, mechanism.stage(stage).order, stage)
        for event in events
        if (stage := mechanism.events[event.code].stage) is not None
    ]
    return max(staged)[2] if staged else None


def clock(
    mechanism: Mechanism,
    obligations: list[Obligation],
    events: list[Event],
    today: date,
) -> Clock:
    start = start_event(mechanism, events)
    stage = current_stage(mechanism, events)
    closed = stage is not None and mechanism.stage(stage).closes
    open_obligations = [o for o in obligations if o.is_open]
    pressing = None
    if open_obligations:
        # An overdue obligation first (the longest overdue), then the nearest due date.
        pressing = min(
            open_obligations,
            key=lambda o: (
                o.status != OVERDUE,
                -(o.days or 0) if o.status == OVERDUE else (o.days or 0),
            ),
        )
    waiting = None
    answer = first_event(events, mechanism.measures["answer"])
    if start is not None:
        if answer is not None:
            waiting = days_between(start, answer)
        else:
            end = today
            ended_on = mechanism.agreement.in_force_until
            if ended_on is not None and ended_on < today:
                end = ended_on
            waiting = max((end - start.latest).days, 0)
    return Clock(
        start=start,
        waiting_days=waiting,
        answer=answer,
        closed=closed,
        stage=stage,
        obligation=pressing,
        approximate=any(e is not None and e.precision == "month" for e in (start, answer)),
    )


def days_between(first: Event, second: Event) -> int:
    """Days from one event to a later one; month precision counts from the first day."""
    return (second.earliest - first.latest).days if second.earliest >= first.latest else 0

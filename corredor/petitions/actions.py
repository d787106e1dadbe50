"""Every write to petitions: validated against the rulebook, in one transaction, audited.

History (who changed what, when) is kept by django-simple-history on Petition and
PetitionEvent; the audit log records the action itself.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from corredor.accounts.actions import record
from corredor.accounts.models import Organization, User
from corredor.petitions.choices import ObligationState, Precision
from corredor.petitions.models import Petition, PetitionEvent, StoredObligation, reference_slug
from corredor.treaties import engine
from corredor.treaties.labels import problem_message
from corredor.treaties.rulebook import rulebook
from corredor.treaties.venue import Problem, check_event, check_filing

FILING_FIELDS = ("mechanism", "office", "against_country")
STORED_FIELDS = [
    "owed_by",
    "trigger",
    "trigger_on",
    "due_on",
    "extended_due_on",
    "effective_due_on",
    "state",
    "days_late",
    "approximate",
    "confidence",
]
DERIVED_FIELDS = [
    "filed_on",
    "filed_precision",
    "stage",
    "closed",
    "answered_on",
    "answered_precision",
    "days_to_first_decision",
    "days_to_report",
    "next_due_on",
]


def raise_problems(problems: list[Problem]) -> None:
    """Problems as a ValidationError, each message on its problem's field."""
    if problems:
        errors: dict[str, list[str]] = {}
        for problem in problems:
            errors.setdefault(problem.field, []).append(problem_message(problem))
        raise ValidationError(errors)


def validate_filing(mechanism: str, office: str, against_country: str, filed_on: date) -> None:
    raise_problems(check_filing(rulebook(), mechanism, office, against_country, filed_on))


def validate_principles(mechanism: str, principles: list[str]) -> None:
    known = rulebook().mechanism(mechanism).principles
    if unknown := [code for code in principles if code not in known]:
        raise ValidationError(
            {
                "principles": [
                    problem_message(
                        Problem("unknown_principle", "principles", {"codes": ", ".join(unknown)})
                    )
                ]
            }
        )


def validate_reference(reference: str, petition: Petition | None = None) -> None:
    """References are unique, and so are the web addresses made from them."""
    others = Petition.objects.exclude(pk=petition.pk) if petition else Petition.objects.all()
    if others.filter(slug=reference_slug(reference)).exists():
        raise ValidationError(
            {
                "reference": [
                    problem_message(
                        Problem("reference_taken", "reference", {"reference": reference})
                    )
                ]
            }
        )


def validate_event(petition: Petition, code: str, on: date, precision: str) -> None:
    raise_problems(check_event(petition.rules, code, on, precision, petition.filed_on))


@transaction.atomic
def create_petition(
    *,
    actor: User | None,
    organization: Organization | None,
    filed_on: date,
    filed_precision: str = Precision.DAY,
    filing_note: str = "",
    filing_source: str = "",
    **fields: Any,
) -> Petition:
    if filed_precision == Precision.MONTH:
        filed_on = filed_on.replace(day=1)
    validate_filing(fields["mechanism"], fields["office"], fields["against_country"], filed_on)
    validate_principles(fields["mechanism"], fields.get("principles", []))
    validate_reference(fields["reference"])
    petition = Petition(organization=organization, **fields)
    petition._change_reason = "created"
    petition._history_user = actor  # history names the actor outside a request too
    petition.save()
    mechanism = petition.rules
    PetitionEvent.objects.create(
        petition=petition,
        code=mechanism.filing_event,
        date=filed_on,
        precision=filed_precision,
        note=filing_note,
        source_url=filing_source,
        created_by=actor,
    )
    refresh_derived(petition)
    record("petition.create", petition, actor=actor, organization=organization)
    return petition


@transaction.atomic
def update_petition(petition: Petition, *, actor: User | None, **fields: Any) -> Petition:
    merged = {name: fields.get(name, getattr(petition, name)) for name in FILING_FIELDS}
    if petition.filed_on is not None:
        validate_filing(
            merged["mechanism"], merged["office"], merged["against_country"], petition.filed_on
        )
    if "principles" in fields:
        validate_principles(merged["mechanism"], fields["principles"])
    if "reference" in fields:
        validate_reference(fields["reference"], petition)
    # Compare with what is stored: a ModelForm has already copied its data onto `petition`.
    stored_mechanism = Petition.objects.values_list("mechanism", flat=True).get(pk=petition.pk)
    if merged["mechanism"] != stored_mechanism:
        # The recorded events must all exist in the new mechanism.
        mechanism = rulebook().mechanism(merged["mechanism"])
        unknown = sorted(
            {code for code in petition.events.values_list("code", flat=True)}
            - set(mechanism.events)
        )
        if unknown:
            raise ValidationError(
                {
                    "mechanism": [
                        problem_message(
                            Problem(
                                "events_not_in_mechanism",
                                "mechanism",
                                {"codes": ", ".join(unknown)},
                            )
                        )
                    ]
                }
            )
    for name, value in fields.items():
        setattr(petition, name, value)
    petition._history_user = actor
    petition.save()
    refresh_derived(petition)
    record(
        "petition.update",
        petition,
        actor=actor,
        organization=petition.organization,
        fields=sorted(fields),
    )
    return petition


@transaction.atomic
def record_event(
    petition: Petition,
    *,
    actor: User | None,
    code: str,
    on: date,
    precision: str = Precision.DAY,
    note: str = "",
    source_url: str = "",
    document: Any = None,
) -> PetitionEvent:
    if precision == Precision.MONTH:
        on = on.replace(day=1)  # only the month is known: store its first day, shown as a month
    validate_event(petition, code, on, precision)
    event = PetitionEvent.objects.create(
        petition=petition,
        code=code,
        date=on,
        precision=precision,
        note=note,
        source_url=source_url,
        document=document or "",
        created_by=actor,
    )
    refresh_derived(petition)
    record(
        "petition.event.add",
        petition,
        actor=actor,
        organization=petition.organization,
        event=code,
        date=on.isoformat(),
    )
    return event


@transaction.atomic
def delete_event(event: PetitionEvent, *, actor: User | None) -> None:
    petition = event.petition
    if (
        event.code in petition.rules.start_events
        and petition.events.filter(code__in=petition.rules.start_events).count() == 1
    ):
        raise ValidationError(_no_filing_message())
    event.delete()
    refresh_derived(petition)
    record(
        "petition.event.delete",
        petition,
        actor=actor,
        organization=petition.organization,
        event=event.code,
        date=event.date.isoformat(),
    )


def _no_filing_message() -> str:
    return problem_message(Problem("filing_required", "code"))


def _days(
    first: engine.Event | None, codes: tuple[str, ...], events: list[engine.Event]
) -> int | None:
    later = engine.first_event(events, codes)
    if first is None or later is None:
        return None
    return engine.days_between(first, later)


def refresh_derived(petition: Petition, today: date | None = None) -> None:
    """Recompute what derives from the events: dates, stage and stored obligations."""
    today = today or timezone.localdate()
    events = sorted(
        engine.Event(on=e.date, code=e.code, precision=e.precision)
        for e in PetitionEvent.objects.filter(petition=petition)
    )
    mechanism = petition.rules
    office = rulebook().offices[petition.office]
    obligations = engine.compute_obligations(
        mechanism, petition.office, office.country, petition.against_country, events, today
    )
    clock = engine.clock(mechanism, obligations, events, today)
    start = clock.start
    answer = clock.answer
    open_due = [o.effective_due_on for o in obligations if o.is_open and _has_date(o)]
    Petition.objects.filter(pk=petition.pk).update(
        filed_on=start.on if start else None,
        filed_precision=start.precision if start else Precision.DAY,
        stage=clock.stage or "",
        closed=clock.closed,
        answered_on=answer.on if answer else None,
        answered_precision=answer.precision if answer else Precision.DAY,
        days_to_first_decision=_days(start, mechanism.measures["first_decision"], events),
        days_to_report=_days(start, mechanism.measures["report"], events),
        next_due_on=min(open_due) if open_due else None,
    )
    petition.refresh_from_db(fields=DERIVED_FIELDS)
    # Updated in place, keyed by rule, so that the reminders already sent for an unchanged
    # obligation stay attached to it and are not sent again.
    stored = {s.rule: s for s in StoredObligation.objects.filter(petition=petition)}
    StoredObligation.objects.filter(petition=petition).exclude(
        rule__in=[o.rule for o in obligations]
    ).delete()
    changed, new = [], []
    for o in obligations:
        values = {
            "owed_by": o.owed_by,
            "trigger": o.trigger,
            "trigger_on": o.trigger_on,
            "due_on": o.due_on,
            "extended_due_on": o.extended_due_on,
            "effective_due_on": o.effective_due_on if _has_date(o) else None,
            "state": ObligationState.OPEN if o.is_open else o.status,
            "days_late": o.days if o.status == engine.MET_LATE else None,
            "approximate": o.approximate,
            "confidence": o.confidence,
        }
        row = stored.get(o.rule)
        if row is None:
            new.append(StoredObligation(petition=petition, rule=o.rule, **values))
        elif any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            changed.append(row)
    StoredObligation.objects.bulk_create(new)
    if changed:
        StoredObligation.objects.bulk_update(changed, STORED_FIELDS)


def _has_date(obligation: engine.Obligation) -> bool:
    # A pending obligation with no day count was extended by notice with no set length.
    return not (obligation.status == engine.PENDING and obligation.days is None)

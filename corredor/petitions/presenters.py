"""Sentences and rows for the petition pages, in the active language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from corredor.petitions.models import Petition
from corredor.treaties import engine
from corredor.treaties.labels import STATUS_LABELS, event_label, local, owed_by_label


def count(value: int) -> str:
    return number_format(value, force_grouping=True)


def precise_date(day: date, precision: str = "day") -> str:
    """A date as known: "August 1999" when only the month is known, never an invented day."""
    if precision == "month":
        return date_format(day, "YEAR_MONTH_FORMAT")
    return date_format(day, "DATE_FORMAT")


def stage_name(petition: Petition) -> str:
    return local(petition.rules.stage(petition.stage).name) if petition.stage else ""


def clock_sentence(clock: engine.Clock) -> str:
    obligation = clock.obligation
    if obligation is not None and obligation.status == engine.OVERDUE:
        params = {
            "days": count(obligation.days or 0),
            "what": local(obligation.what),
            "allowed": count(obligation.days_allowed),
            "event": event_label(obligation.trigger),
        }
        # The overdue count picks the plural; the wait and the allowance always exceed one.
        if clock.answer is None and clock.waiting_days is not None:
            return ngettext(
                "Waiting {waiting} days. {what}: overdue by {days} day (due {allowed} days "
                "after “{event}”).",
                "Waiting {waiting} days. {what}: overdue by {days} days (due {allowed} days "
                "after “{event}”).",
                obligation.days or 0,
            ).format(waiting=count(clock.waiting_days), **params)
        return ngettext(
            "{what}: overdue by {days} day (due {allowed} days after “{event}”).",
            "{what}: overdue by {days} days (due {allowed} days after “{event}”).",
            obligation.days or 0,
        ).format(**params)
    if obligation is not None and obligation.status == engine.PENDING:
        if obligation.days is None:
            return _("{what}: extended, with no date set.").format(what=local(obligation.what))
        return _("Day {day} of {allowed}: {what}.").format(
            day=count(clock.day_of or 0),
            allowed=count(clock.day_total or obligation.days_allowed),
            what=local(obligation.what),
        )
    if clock.answer is not None and clock.waiting_days is not None:
        days = clock.waiting_days
        if clock.approximate:
            return ngettext(
                "Answered after about {days} day.", "Answered after about {days} days.", days
            ).format(days=count(days))
        return ngettext("Answered after {days} day.", "Answered after {days} days.", days).format(
            days=count(days)
        )
    if clock.waiting_days is not None:
        return ngettext(
            "Waiting {days} day. No deadline is published for the next step.",
            "Waiting {days} days. No deadline is published for the next step.",
            clock.waiting_days,
        ).format(days=count(clock.waiting_days))
    return ""


@dataclass(frozen=True)
class TimelineItem:
    on: date
    kind: str  # "event" or "obligation"
    label: str
    precision: str = "day"
    note: str = ""
    source_url: str = ""
    document_url: str = ""
    status: str = ""
    status_label: str = ""
    detail: str = ""
    confidence: str = ""
    source_citation: str = ""
    highlight: bool = False
    event_uuid: str = ""
    package_sha256: str = ""  # the filing package recorded with this event


def timeline(petition: Petition, obligations: list[engine.Obligation]) -> list[TimelineItem]:
    """Past events and computed obligations, in one list by date."""
    packages = dict(petition.filings.values_list("event_id", "sha256"))
    items = [
        TimelineItem(
            on=event.date,
            kind="event",
            label=event_label(event.code),
            precision=event.precision,
            note=event.note,
            source_url=event.source_url,
            document_url=event.document.url if event.document else "",
            event_uuid=str(event.uuid),
            package_sha256=packages.get(event.pk, ""),
        )
        for event in petition.events.all()
    ]
    for obligation in obligations:
        items.append(
            TimelineItem(
                on=obligation.effective_due_on,
                kind="obligation",
                label=local(obligation.what),
                precision=obligation.trigger_precision,
                status=obligation.status,
                status_label=str(STATUS_LABELS[obligation.status]),
                detail=obligation_detail(obligation),
                confidence=obligation.confidence,
                source_citation=obligation.source.citation,
                source_url=obligation.source.url,
                highlight=obligation.status in (engine.OVERDUE, engine.MET_LATE),
            )
        )
    return sorted(items, key=lambda item: (item.on, item.kind != "event"))


def obligation_detail(obligation: engine.Obligation) -> str:
    kind = _("calendar days") if obligation.day_kind == "calendar" else _("business days")
    base = _("Owed by {owed_by}: {allowed} {kind} after “{event}”.").format(
        owed_by=owed_by_label(obligation.owed_by),
        allowed=count(obligation.days_allowed),
        kind=kind,
        event=event_label(obligation.trigger),
    )
    n = obligation.days or 0
    days = count(n)
    extra = {
        engine.OVERDUE: ngettext("Overdue by {days} day.", "Overdue by {days} days.", n),
        engine.PENDING: ngettext("{days} day left.", "{days} days left.", n)
        if obligation.days is not None
        else _("Extended, with no date set."),
        engine.MET_LATE: ngettext("Met {days} day late.", "Met {days} days late.", n),
    }.get(obligation.status, "").format(days=days)
    approximate = (
        _("Approximate: a date is known only to the month.") if obligation.approximate else ""
    )
    return " ".join(part for part in (base, extra, approximate) if part)

"""API v1 routes for petitions and the rulebook. Anonymous callers see public petitions; a
token also shows the internal petitions of its owner's organizations."""

# No `from __future__ import annotations`: django-ninja reads these annotations at run time.

from datetime import date
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from corredor.api.documented import NAME, documented
from corredor.api.errors import FieldErrors, InvalidFields, Message
from corredor.api.pagination import LimitOffset, Serialized
from corredor.petitions.access import visible_petitions
from corredor.petitions.forms import RegisterFilterForm
from corredor.petitions.models import Petition, PetitionEvent
from corredor.petitions.presenters import clock_sentence
from corredor.treaties.rulebook import rulebook

router = Router(tags=["petitions"])


def caller(request: HttpRequest):
    auth = getattr(request, "auth", None)
    return auth if getattr(auth, "is_authenticated", False) else AnonymousUser()


class EventOut(Schema):
    code: str
    date: date
    precision: str
    note: str
    source: str


class ObligationOut(Schema):
    rule: str
    what: str
    owed_by: str
    due_on: date
    extended_due_on: date | None
    status: str
    days: int | None
    approximate: bool
    source: str
    confidence: str


class PetitionOut(Schema):
    reference: str
    slug: str
    agreement: str
    mechanism: str
    office: str
    against_country: str
    principles: list[str]
    title: dict[str, str]
    filed_on: date | None
    filed_precision: str
    stage: str
    closed: bool
    answered_on: date | None
    next_due_on: date | None
    visibility: str
    clock: str


class PetitionDetailOut(PetitionOut):
    summary: dict[str, str]
    petitioners: str
    sources: list[str]
    events: list[EventOut]
    obligations: list[ObligationOut]


def _filter(name: str, default: object = "", description: str | None = None) -> Any:
    """A filter of the register, documented as the register's form takes it."""
    return documented(lambda: RegisterFilterForm().fields[name], default, description)


class Filters(Schema):
    q: str = _filter("q")
    agreement: str = _filter("agreement")
    mechanism: str = _filter("mechanism")
    office: str = _filter("office")
    against: str = _filter("against")
    principle: str = _filter("principle")
    status: str = _filter("status", description="stage code")
    year: int | None = _filter("year", None)
    overdue: bool = Field(False, description="only petitions past a deadline")


def _out(petition: Petition, today: date) -> dict[str, object]:
    with translation.override("en"):
        clock = clock_sentence(petition.clock(today))
    return {
        "reference": petition.reference,
        "slug": petition.slug,
        "agreement": petition.agreement,
        "mechanism": petition.mechanism,
        "office": petition.office,
        "against_country": petition.against_country,
        "principles": petition.principles,
        "title": {"en": petition.title_en, "es": petition.title_es, "fr": petition.title_fr},
        "filed_on": petition.filed_on,
        "filed_precision": petition.filed_precision,
        "stage": petition.stage,
        "closed": petition.closed,
        "answered_on": petition.answered_on,
        "next_due_on": petition.next_due_on,
        "visibility": petition.visibility,
        "clock": clock,
    }


@router.get(
    "/petitions",
    response={200: list[PetitionOut], 422: FieldErrors},
    summary="The register, filtered",
)
@paginate(LimitOffset)
def list_petitions(request: HttpRequest, filters: Query[Filters]):
    today = timezone.localdate()
    # Every filter as given: the form reads "" and None as "any", and refuses a year of 0.
    form = RegisterFilterForm(filters.dict())
    if not form.is_valid():
        raise InvalidFields(form.errors)
    petitions = form.filter(visible_petitions(caller(request)), today).order_by(
        "-filed_on", "reference"
    )
    petitions = petitions.prefetch_related(
        Prefetch("events", queryset=PetitionEvent.objects.order_by("date", "id"))
    )
    return Serialized(petitions, lambda petition: _out(petition, today))


@router.get(
    "/petitions/{reference}",
    response={200: PetitionDetailOut, 404: Message},
    summary="One petition, with events and obligations",
)
def get_petition(request: HttpRequest, reference: str = Path(..., pattern=NAME)):
    today = timezone.localdate()
    petitions = visible_petitions(caller(request)).prefetch_related(
        Prefetch("events", queryset=PetitionEvent.objects.order_by("date", "id"))
    )
    petition = petitions.filter(reference=reference).first() or get_object_or_404(
        petitions, slug=reference
    )
    out = _out(petition, today)
    out.update(
        summary={"en": petition.summary_en, "es": petition.summary_es, "fr": petition.summary_fr},
        petitioners=petition.petitioners,
        sources=petition.sources,
        events=[
            {
                "code": e.code,
                "date": e.date,
                "precision": e.precision,
                "note": e.note,
                "source": e.source_url,
            }
            for e in petition.events.all()
        ],
        obligations=[obligation_out(o) for o in petition.obligations(today)],
    )
    return out


def obligation_out(o) -> dict[str, object]:
    return {
        "rule": o.rule,
        "what": o.what["en"],
        "owed_by": o.owed_by,
        "due_on": o.due_on,
        "extended_due_on": o.extended_due_on,
        "status": o.status,
        "days": o.days,
        "approximate": o.approximate,
        "source": o.source.citation + (f" <{o.source.url}>" if o.source.url else ""),
        "confidence": o.confidence,
    }


@router.get(
    "/mechanisms",
    summary="The rulebook: mechanisms, offices, rules and their sources",
    tags=["rulebook"],
)
def mechanisms(request: HttpRequest) -> dict[str, object]:
    rules = rulebook()
    return {
        "version": rules.version,
        "agreements": [
            {
                "code": a.code,
                "name": a.name,
                "in_force_from": a.in_force_from,
                "in_force_until": a.in_force_until,
                "source": vars(a.source),
                "confidence": a.confidence,
            }
            for a in rules.agreements.values()
        ],
        "offices": [
            {
                "code": o.code,
                "agreement": o.agreement,
                "country": o.country,
                "name": o.name,
                "source": vars(o.source),
            }
            for o in rules.offices.values()
        ],
        "mechanisms": [
            {
                "code": m.code,
                "agreement": m.agreement.code,
                "name": m.name,
                "offices": list(m.offices),
                "venue": {
                    "rule": m.venue.rule,
                    "citation": m.venue.citation,
                    "confidence": m.venue.confidence,
                },
                "stages": [{"code": s.code, "name": s.name, "closes": s.closes} for s in m.stages],
                "events": [{"code": e.code, "stage": e.stage} for e in m.events.values()],
                "principles": [
                    {"code": p.code, "name": p.name, "tier": p.tier, "tier_note": p.tier_note}
                    for p in m.principles.values()
                ],
                "deadlines": [
                    {
                        "code": r.code,
                        "what": r.what,
                        "owed_by": r.owed_by,
                        "offices": list(r.offices),
                        "days": r.days,
                        "day_kind": r.day_kind,
                        "after": list(r.after),
                        "met_by": list(r.met_by),
                        "extension_days": r.extension_days,
                        "extension_event": r.extension_event,
                        "applies_to_triggers_from": r.trigger_from,
                        "applies_to_triggers_until": r.trigger_until,
                        "source": vars(r.source),
                        "confidence": r.confidence,
                    }
                    for r in m.deadlines
                ],
            }
            for m in rules.mechanisms.values()
        ],
    }

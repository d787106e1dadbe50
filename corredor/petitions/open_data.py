"""Open interfaces outside the language prefix: CSV and JSON downloads of the public register,
the deadlines calendar, and embeddable badges. Formats are public and stable
(docs/open-data.md)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from corredor.accounts.models import Organization
from corredor.petitions.access import public_petitions
from corredor.petitions.choices import Language
from corredor.petitions.models import Petition, PetitionEvent, StoredObligation
from corredor.petitions.presenters import count
from corredor.treaties.labels import local
from corredor.treaties.rulebook import rulebook

CSV_COLUMNS = [
    "reference",
    "agreement",
    "mechanism",
    "office",
    "against_country",
    "principles",
    "filed_on",
    "filed_precision",
    "stage",
    "closed",
    "answered_on",
    "answered_precision",
    "days_to_first_decision",
    "days_to_report",
    "next_due_on",
    "past_a_deadline",
    "title_en",
    "title_es",
    "title_fr",
    "petitioners",
    "url",
]


def _row(petition: Petition, today: date) -> dict[str, object]:
    return {
        "reference": petition.reference,
        "agreement": petition.agreement,
        "mechanism": petition.mechanism,
        "office": petition.office,
        "against_country": petition.against_country,
        "principles": petition.principles,
        "filed_on": petition.filed_on.isoformat() if petition.filed_on else None,
        "filed_precision": petition.filed_precision,
        "stage": petition.stage,
        "closed": petition.closed,
        "answered_on": petition.answered_on.isoformat() if petition.answered_on else None,
        "answered_precision": petition.answered_precision if petition.answered_on else None,
        "days_to_first_decision": petition.days_to_first_decision,
        "days_to_report": petition.days_to_report,
        "next_due_on": petition.next_due_on.isoformat() if petition.next_due_on else None,
        "past_a_deadline": bool(petition.next_due_on and petition.next_due_on < today),
        "title_en": petition.title_en,
        "title_es": petition.title_es,
        "title_fr": petition.title_fr,
        "petitioners": petition.petitioners,
        "url": settings.SITE_URL + petition.get_absolute_url(),
    }


def _register() -> QuerySet[Petition]:
    return public_petitions().order_by("filed_on", "reference")


class _Echo:
    def write(self, value: str) -> str:
        return value


@require_GET
def petitions_csv(request: HttpRequest) -> StreamingHttpResponse:
    today = timezone.localdate()
    writer = csv.DictWriter(_Echo(), fieldnames=CSV_COLUMNS)

    def rows() -> Iterator[str]:
        yield writer.writeheader()  # DictWriter returns what it wrote to _Echo
        with translation.override("en"):
            for petition in _register().iterator(chunk_size=500):
                row = _row(petition, today)
                row["principles"] = " ".join(petition.principles)
                yield writer.writerow(row)

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="corredor-petitions.csv"'
    return response


@require_GET
def petitions_json(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    petitions = _register().prefetch_related(
        Prefetch("events", queryset=PetitionEvent.objects.order_by("date", "id"))
    )
    with translation.override("en"):
        data = []
        for petition in petitions:
            row = _row(petition, today)
            row["events"] = [
                {
                    "code": event.code,
                    "date": event.date.isoformat(),
                    "precision": event.precision,
                    "note": event.note,
                    "source": event.source_url,
                }
                for event in petition.events.all()
            ]
            data.append(row)
    body = json.dumps(
        {
            "rulebook_version": rulebook().version,
            "generated_on": today.isoformat(),
            "petitions": data,
        },
        ensure_ascii=False,
        indent=1,
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="corredor-petitions.json"'
    return response


@require_GET
def deadlines_calendar(request: HttpRequest) -> HttpResponse:
    """Open deadlines of public petitions; with ?organization=SLUG&key=KEY, also that
    organization's internal ones (the key is shown to its members)."""
    petitions = public_petitions()
    name = "Corredor"
    slug, key = request.GET.get("organization"), request.GET.get("key")
    if slug or key:
        organization = Organization.objects.filter(slug=slug or "").first()
        if organization is None or not key or not _same(organization.calendar_key, key):
            raise Http404
        petitions = Petition.objects.filter(organization=organization) | public_petitions()
        name = f"Corredor · {organization.name}"
    today = timezone.localdate()
    obligations = (
        StoredObligation.objects.filter(
            petition__in=petitions, state="open", effective_due_on__gte=today
        )
        .select_related("petition")
        .order_by("effective_due_on")
    )
    calendar = Calendar()
    calendar.add("prodid", "-//Corredor//deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    rules = rulebook()
    with translation.override("en"):
        for obligation in obligations:
            petition = obligation.petition
            rule = next(
                r
                for r in rules.mechanism(petition.mechanism).deadlines
                if r.code == obligation.rule
            )
            event = CalendarEvent()
            event.add("uid", f"{petition.uuid}-{obligation.rule}@corredor")
            event.add("dtstamp", stamp)
            event.add("dtstart", obligation.effective_due_on)
            event.add("summary", f"{petition.reference}: {local(rule.what)}")
            event.add("url", settings.SITE_URL + petition.get_absolute_url())
            event.add("description", f"{rule.source.citation} ({rule.confidence})")
            calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="corredor-deadlines.ics"'
    return response


def _same(a: str, b: str) -> bool:
    return constant_time_compare(a, b)


@require_GET
@cache_control(public=True, max_age=3600)
def badge(request: HttpRequest, slug: str) -> HttpResponse:
    petition = public_petitions().filter(slug=slug).first()
    if petition is None:
        raise Http404
    language = request.GET.get("lang", "en")
    if language not in Language.values:
        language = "en"
    today = timezone.localdate()
    clock = petition.clock(today)
    with translation.override(language):
        if clock.answer is not None and clock.waiting_days is not None:
            value = ngettext("waited {days} day", "waited {days} days", clock.waiting_days)
        elif clock.waiting_days is not None:
            value = ngettext("waiting {days} day", "waiting {days} days", clock.waiting_days)
        else:
            value = _("filed")
        value = value.format(days=count(clock.waiting_days or 0))
        label = petition.reference
    # Widths from a rough average glyph width: the badge needs no font metrics to be legible.
    label_width = 10 + 7 * len(label)
    value_width = 10 + 7 * len(value)
    response = render(
        request,
        "petitions/badge.svg",
        {
            "label": label,
            "value": value,
            "label_width": label_width,
            "value_width": value_width,
            "width": label_width + value_width,
            "overdue": bool(petition.next_due_on and petition.next_due_on < today),
            "language": language,
        },
        content_type="image/svg+xml; charset=utf-8",
    )
    return response

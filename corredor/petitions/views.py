from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corredor.accounts.decorators import signed_in
from corredor.petitions import access, actions
from corredor.petitions.accountability import accountability_report
from corredor.petitions.forms import (
    EventForm,
    NewPetitionForm,
    PetitionForm,
    RegisterFilterForm,
    add_errors,
)
from corredor.petitions.models import PetitionEvent
from corredor.petitions.presenters import clock_sentence, stage_name, timeline
from corredor.treaties.labels import CONFIDENCE_LABELS, TIER_LABELS, local, office_name

PAGE_SIZE = 25


def register(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = RegisterFilterForm(request.GET or None)
    petitions = access.visible_petitions(request.user)
    if request.GET:
        petitions = form.filter(petitions, today)
    page = Paginator(petitions.order_by("-filed_on", "reference"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = page.object_list.prefetch_related(
        Prefetch("events", queryset=PetitionEvent.objects.order_by("date", "id"))
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "petitions/register.html",
        {
            "form": form,
            "page": page,
            "rows": [(p, stage_name(p), clock_sentence(p.clock(today))) for p in rows],
            "query": query.urlencode(),
            "today": today,
        },
    )


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    today = timezone.localdate()
    petition = access.get_visible_petition(request.user, slug)
    obligations = petition.obligations(today)
    mechanism = petition.rules
    principles = [
        (code, mechanism.principles[code])
        for code in petition.principles
        if code in mechanism.principles
    ]
    # Evidence from testimonies: redacted excerpts, for the organization's own people only.
    evidence = (
        # The pseudonym alone: the testimony's encrypted columns are not read.
        petition.evidence.filter(testimony__withdrawn_at__isnull=True).annotate(
            pseudonym=F("testimony__pseudonym")
        )
        if access.is_member(request.user, petition)
        else []
    )
    response = render(
        request,
        "petitions/detail.html",
        {
            "petition": petition,
            "mechanism_name": local(mechanism.name),
            "agreement_name": local(mechanism.agreement.name),
            "office_name": office_name(petition.office),
            "principles": [
                (code, local(p.name), TIER_LABELS.get(p.tier or "", "")) for code, p in principles
            ],
            "clock": clock_sentence(petition.clock(today)),
            "timeline": timeline(petition, obligations),
            "supplements": petition.events.filter(code="supplement_filed"),
            "confidence_labels": CONFIDENCE_LABELS,
            "can_edit": access.can_edit(request.user, petition),
            "stage_name": stage_name(petition),
            "today": today,
            "evidence": evidence,
        },
    )
    if evidence:
        add_never_cache_headers(response)  # testimony data is never kept by a cache
    return response


def accountability(request: HttpRequest) -> HttpResponse:
    report = accountability_report(access.public_petitions(), timezone.localdate())
    return render(request, "petitions/accountability.html", {"report": report})


@signed_in
def create(request: HttpRequest) -> HttpResponse:
    organizations = access.editable_organizations(request.user)
    if not organizations.exists():
        raise PermissionDenied
    form = NewPetitionForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            petition = actions.create_petition(actor=request.user, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The petition is saved."))
            return redirect(petition)
    return render(request, "petitions/petition_form.html", {"form": form, "new": True})


@signed_in
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    petition = access.get_editable_petition(request.user, slug)
    form = PetitionForm(request.POST or None, instance=petition)
    if request.method == "POST" and form.is_valid():
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            actions.update_petition(petition, actor=request.user, **changed)
        except ValidationError as error:
            petition.refresh_from_db()
            add_errors(form, error)
        else:
            messages.success(request, _("The petition is saved."))
            return redirect(petition)
    return render(
        request, "petitions/petition_form.html", {"form": form, "petition": petition, "new": False}
    )


@signed_in
def add_event(request: HttpRequest, slug: str) -> HttpResponse:
    petition = access.get_editable_petition(request.user, slug)
    form = EventForm(request.POST or None, request.FILES or None, petition=petition)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_event(
                petition,
                actor=request.user,
                code=data["code"],
                on=data["date"],
                precision=data["precision"],
                note=data["note"],
                source_url=data["source_url"],
                document=data["document"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The event is recorded."))
            return redirect(petition)
    return render(request, "petitions/event_form.html", {"form": form, "petition": petition})


@require_POST
@signed_in
def delete_event(request: HttpRequest, slug: str, event_uuid: str) -> HttpResponse:
    petition = access.get_editable_petition(request.user, slug)
    event = get_object_or_404(PetitionEvent, petition=petition, uuid=event_uuid)
    try:
        actions.delete_event(event, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The event is deleted."))
    return redirect(petition)

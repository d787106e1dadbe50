from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from corredor.accounts.decorators import signed_in
from corredor.accounts.models import Organization
from corredor.accounts.permissions import Perm, get_membership_or_404, role_allows
from corredor.lib import crypto
from corredor.lib.ratelimit import retry_after
from corredor.petitions.access import visible_petitions
from corredor.testimonies import access, actions, ratelimit, redaction
from corredor.testimonies.choices import Access, Channel, Consent, Origin, Program
from corredor.testimonies.forms import (
    HONEYPOT,
    STEPS,
    AttachmentsForm,
    EvidenceForm,
    IntakeForm,
    ReceiptForm,
    RedactionForm,
    StaffIntakeForm,
    WithdrawForm,
)
from corredor.testimonies.models import AccessEntry, Attachment
from corredor.testimonies.rules import abuse_label, statistics, year_of

RECEIPT_SESSION_KEY = "testimony_receipt"
TAKEN_SESSION_KEY = "testimony_taken"
WITHDRAW_STEP = "withdraw"  # the second form of the withdrawal page, with the choices


# The public intake ---------------------------------------------------------------------------


@never_cache
def intake(request: HttpRequest, organization_slug: str) -> HttpResponse:
    """The worker's form, in short steps. Each step's answers travel to the next in hidden
    fields; the server stores nothing until the last step is sent and every answer checks."""
    organization = get_object_or_404(Organization, slug=organization_slug)
    index = 0
    form = IntakeForm(initial={"preferred_language": get_language()})
    files_form = AttachmentsForm()
    status = 200
    rate_limited = ""
    if request.method == "POST":
        form = IntakeForm(request.POST)
        try:
            index = min(max(int(request.POST.get("step", "0")), 0), len(STEPS) - 1)
        except ValueError:
            index = 0
        going = request.POST.get("go", "next")
        if going == "back":
            index = max(index - 1, 0)
        elif index < len(STEPS) - 1:
            if not form.step_errors(STEPS[index]):
                index += 1
            else:
                status = 422
        else:
            files_form = AttachmentsForm(request.POST, request.FILES)
            if form.is_spam:
                return redirect("testimonies:thanks", organization.slug)  # nothing stored
            valid = form.is_valid() & files_form.is_valid()
            if valid and ratelimit.allow(request, ratelimit.INTAKE):
                taken = actions.take_testimony(
                    organization,
                    _with_year(form.testimony_fields()),
                    consents=form.consents(),
                    language=get_language(),
                    channel=Channel.WEB,
                    files=files_form.cleaned_data["attachments"],
                )
                request.session[RECEIPT_SESSION_KEY] = taken.receipt_code
                return redirect("testimonies:thanks", organization.slug)
            if valid:
                status = 429
                rate_limited = ratelimit.intake_message()
            else:
                status = 422
                index = _first_step_with_errors(form)
    step = STEPS[index]
    page = render(
        request,
        "testimonies/intake.html",
        {
            "organization": organization,
            "form": form,
            "files_form": files_form,
            "steps": STEPS,
            "step": step,
            "index": index,
            "number": index + 1,
            "last": index == len(STEPS) - 1,
            "shown": [form[name] for name in step.fields],
            "carried": [
                form[name]
                for other in STEPS
                if other is not step
                for name in other.fields
                if name in form.fields
            ],
            "honeypot": form[HONEYPOT],
            "rate_limited": rate_limited,
        },
        status=status,
    )
    return retry_after(page, ratelimit.window()) if rate_limited else page


def _first_step_with_errors(form: IntakeForm) -> int:
    for index, step in enumerate(STEPS):
        if any(name in form.errors for name in step.fields):
            return index
    return len(STEPS) - 1


def _with_year(fields: dict[str, Any]) -> dict[str, Any]:
    return {**fields, "year": year_of(fields.get("happened_when", ""), timezone.now().year)}


@never_cache
def thanks(request: HttpRequest, organization_slug: str) -> HttpResponse:
    organization = get_object_or_404(Organization, slug=organization_slug)
    code = request.session.pop(RECEIPT_SESSION_KEY, None)
    return render(request, "testimonies/thanks.html", {"organization": organization, "code": code})


@never_cache
def withdraw(request: HttpRequest) -> HttpResponse:
    """With the receipt code and no account, a worker withdraws any consent."""
    if request.method != "POST":
        return render(request, "testimonies/withdraw.html", {"form": ReceiptForm()})
    if not ratelimit.allow(request, ratelimit.RECEIPT):
        form = ReceiptForm(request.POST)
        form.is_valid()
        form.add_error(None, ratelimit.receipt_message())
        refused = render(request, "testimonies/withdraw.html", {"form": form}, status=429)
        return retry_after(refused, ratelimit.window())
    if request.POST.get("step") != WITHDRAW_STEP:
        form = ReceiptForm(request.POST)
        testimony = (
            actions.find_by_receipt(request.POST.get("code", "")) if form.is_valid() else None
        )
        if testimony is None or testimony.withdrawn_at is not None:
            if form.is_valid():
                form.add_error("code", _("We find no account with this code. Check each letter."))
            return render(request, "testimonies/withdraw.html", {"form": form}, status=422)
        choices = WithdrawForm(initial={"code": form.cleaned_data["code"]})
        return render(
            request, "testimonies/withdraw.html", {"choices": choices, "testimony": testimony}
        )
    choices = WithdrawForm(request.POST)
    testimony = actions.find_by_receipt(request.POST.get("code", ""))
    if testimony is None or testimony.withdrawn_at is not None:
        raise Http404
    if not choices.is_valid():
        return render(
            request,
            "testimonies/withdraw.html",
            {"choices": choices, "testimony": testimony},
            status=422,
        )
    actions.withdraw(testimony, choices.cleaned_data["kinds"])
    return render(request, "testimonies/withdraw.html", {"done": True})


# Staff -----------------------------------------------------------------------------------


@never_cache
@signed_in
def testimony_list(request: HttpRequest, organization_slug: str) -> HttpResponse:
    membership = get_membership_or_404(request.user, organization_slug, Perm.VIEW)
    testimonies = (
        membership.organization.testimonies.active()
        .without_secrets()
        .prefetch_related("consents")
        .order_by("-created_at")
    )
    page = Paginator(testimonies, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "testimonies/list.html",
        {
            "organization": membership.organization,
            "membership": membership,
            "page": page,
            "intake_url": request.build_absolute_uri(
                reverse("testimonies:intake", args=[membership.organization.slug])
            ),
            "shared_count": access.shared_with(request.user).count(),
            "can_take": role_allows(membership.role, Perm.VIEW_IDENTITIES),
            "is_admin": role_allows(membership.role, Perm.MANAGE_SETTINGS),
        },
    )


@never_cache
@signed_in
def shared(request: HttpRequest) -> HttpResponse:
    testimonies = access.shared_with(request.user).without_secrets().select_related("organization")
    page = Paginator(testimonies, 30).get_page(request.GET.get("page"))
    return render(request, "testimonies/shared.html", {"page": page})


@never_cache
@signed_in
def take(request: HttpRequest, organization_slug: str) -> HttpResponse:
    membership = get_membership_or_404(request.user, organization_slug, Perm.VIEW_IDENTITIES)
    form = StaffIntakeForm(
        request.POST or None,
        initial={"language": get_language(), "preferred_language": get_language()},
    )
    files_form = AttachmentsForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() & files_form.is_valid():
        taken = actions.take_testimony(
            membership.organization,
            _with_year(form.testimony_fields()),
            consents=form.consents(),
            language=form.cleaned_data["language"],
            channel=form.cleaned_data["channel"],
            files=files_form.cleaned_data["attachments"],
            actor=request.user,
        )
        # Shown once, after a redirect: reloading must not take the testimony twice.
        request.session[TAKEN_SESSION_KEY] = {
            "pseudonym": taken.testimony.pseudonym,
            "code": taken.receipt_code,
        }
        return redirect("testimonies:taken", taken.testimony.pseudonym)
    return render(
        request,
        "testimonies/take.html",
        {"form": form, "files_form": files_form, "organization": membership.organization},
        status=422 if request.method == "POST" else 200,
    )


@never_cache
@signed_in
def taken(request: HttpRequest, pseudonym: str) -> HttpResponse:
    """The receipt code of a testimony just taken by staff, shown once."""
    testimony = access.get_with_identity(request.user, pseudonym)
    saved = request.session.pop(TAKEN_SESSION_KEY, None) or {}
    code = saved.get("code") if saved.get("pseudonym") == testimony.pseudonym else None
    return render(
        request,
        "testimonies/taken.html",
        {"testimony": testimony, "code": code, "organization": testimony.organization},
    )


@never_cache
@signed_in
def detail(request: HttpRequest, pseudonym: str) -> HttpResponse:
    readable = access.get_readable(request.user, pseudonym)
    testimony = readable.testimony
    reveal = readable.sees_identity and request.GET.get("reveal") == "1"
    if reveal:
        actions.log_access(testimony, request.user, Access.VIEW_IDENTITY)
    return render(
        request,
        "testimonies/detail.html",
        {
            "testimony": testimony,
            "own": readable.own,
            "identity": readable.sees_identity,
            "reveal": reveal,
            "abuses": [abuse_label(code) for code in testimony.abuses],
            "consents": testimony.consents.all(),
            "attachments": testimony.attachments.all() if reveal else [],
            # Excerpts still in drafts have no petition yet; the draft is the organization's.
            "evidence": testimony.evidence.filter(petition__isnull=False).select_related("petition")
            if readable.own
            else [],
        },
    )


@never_cache
@signed_in
def attachment(request: HttpRequest, pseudonym: str, attachment_uuid: str) -> HttpResponse:
    testimony = access.get_with_identity(request.user, pseudonym)
    found = get_object_or_404(Attachment, testimony=testimony, uuid=attachment_uuid)
    content = crypto.read_file(found.file)
    actions.log_access(testimony, request.user, Access.VIEW_ATTACHMENT)
    response = HttpResponse(content, content_type=found.content_type)
    extension = {"image/jpeg": "jpg", "image/png": "png"}.get(found.content_type, "pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{testimony.pseudonym}-{found.pk}.{extension}"'
    )
    return response


@never_cache
@signed_in
def review_redaction(request: HttpRequest, pseudonym: str) -> HttpResponse:
    """Staff see what the automatic redaction found, highlighted, and correct the text that
    members and partners will read."""
    testimony = access.get_with_identity(request.user, pseudonym)
    form = RedactionForm(request.POST or None, initial={"redacted": testimony.redacted_narrative})
    if request.method == "POST" and form.is_valid():
        actions.save_redaction(testimony, form.cleaned_data["redacted"], actor=request.user)
        messages.success(request, _("The redacted account is saved."))
        return redirect("testimonies:detail", testimony.pseudonym)
    actions.log_access(testimony, request.user, Access.VIEW_IDENTITY)
    spans = redaction.find(testimony.narrative, testimony.identity_names)
    return render(
        request,
        "testimonies/redaction.html",
        {"testimony": testimony, "form": form, "pieces": _pieces(testimony.narrative, spans)},
        status=422 if form.errors else 200,
    )


def _pieces(text: str, spans: list[Any]) -> list[tuple[str, str]]:
    """The text cut into (kind, piece): kind is "" for plain text, else what was found."""
    pieces, at = [], 0
    for span in spans:
        if span.start > at:
            pieces.append(("", text[at : span.start]))
        pieces.append((span.kind, text[span.start : span.end]))
        at = span.end
    if at < len(text):
        pieces.append(("", text[at:]))
    return pieces


@never_cache
@signed_in
def add_evidence(request: HttpRequest, pseudonym: str) -> HttpResponse:
    readable = access.get_readable(request.user, pseudonym)
    if not readable.may(Perm.EDIT):
        raise PermissionDenied
    testimony = readable.testimony
    petitions = visible_petitions(request.user).filter(organization=testimony.organization)
    form = EvidenceForm(
        request.POST or None,
        petitions=petitions,
        initial={"excerpt": testimony.redacted_narrative[:1500]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_evidence(
                testimony,
                form.cleaned_data["petition"],
                form.cleaned_data["excerpt"],
                named=form.cleaned_data["named"],
                actor=request.user,
            )
        except actions.NotAllowed as refused:
            form.refuse(refused)
        else:
            messages.success(request, _("The excerpt is attached to the petition as evidence."))
            return redirect("testimonies:detail", testimony.pseudonym)
    return render(
        request,
        "testimonies/evidence_form.html",
        {"form": form, "testimony": testimony},
        status=422 if form.errors else 200,
    )


@never_cache
@signed_in
def statistics_view(request: HttpRequest, organization_slug: str) -> HttpResponse:
    membership = get_membership_or_404(request.user, organization_slug, Perm.VIEW)
    rows = membership.organization.testimonies.with_consent(Consent.ANONYMOUS_USE).values_list(
        "abuses", "program", "origin", "year"
    )
    cells = statistics(list(rows))
    return render(
        request,
        "testimonies/statistics.html",
        {
            "organization": membership.organization,
            "cells": [
                (
                    abuse_label(c.abuse),
                    dict(Program.choices).get(c.program, c.program),
                    dict(Origin.choices).get(c.origin, c.origin),
                    c,
                )
                for c in cells
            ],
        },
    )


@never_cache
@signed_in
def access_log(request: HttpRequest, organization_slug: str) -> HttpResponse:
    membership = get_membership_or_404(request.user, organization_slug, Perm.MANAGE_SETTINGS)
    entries = AccessEntry.objects.filter(organization=membership.organization).select_related(
        "user"
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "testimonies/access_log.html",
        {"organization": membership.organization, "page": page},
    )

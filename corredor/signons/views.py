from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from corredor.accounts.decorators import signed_in
from corredor.lib.ratelimit import retry_after
from corredor.signons import access, actions, exports, ratelimit
from corredor.signons.forms import DeliveryForm, LetterForm, ModerationForm, SignatureForm
from corredor.signons.models import COUNTED, Delivery, Letter
from corredor.signons.rules import domain_matches

PAGE_SIZE = 50


def letter_list(request: HttpRequest) -> HttpResponse:
    letters = access.with_counts(
        access.open_first(access.visible_letters(request.user)).select_related("organization")
    )
    return render(
        request,
        "signons/list.html",
        {
            "letters": letters,
            "today": timezone.localdate(),
            "can_create": request.user.is_authenticated
            and access.managed_organizations(request.user).exists(),
        },
    )


def _letter_page(
    request: HttpRequest,
    letter: Letter,
    form: SignatureForm | None,
    status: int = 200,
    rate_limited: bool = False,
) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "signons/letter.html",
        {
            "letter": letter,
            "form": form if letter.is_open(today) else None,
            "is_open": letter.is_open(today),
            "today": today,
            "signatories": actions.signatories(letter),
            "deliveries": letter.deliveries.all(),
            "can_manage": access.can_manage(request.user, letter),
            "rate_limited": rate_limited,
        },
        status=status,
    )


def letter(request: HttpRequest, slug: str) -> HttpResponse:
    """The letter, its signatories, and the form to sign it (no account needed)."""
    found = access.get_visible_letter(request.user, slug)
    if request.method != "POST":
        return _letter_page(request, found, SignatureForm(letter=found))
    if not found.is_open(timezone.localdate()):
        return _letter_page(request, found, None, status=409)
    form = SignatureForm(request.POST, letter=found)
    if form.is_spam:
        return redirect("signons:signed", found.slug)  # looks like success; nothing stored
    if not form.is_valid():
        return _letter_page(request, found, form, status=422)
    if not ratelimit.allow(request):
        refused = _letter_page(request, found, form, status=429, rate_limited=ratelimit.message())
        return retry_after(refused, ratelimit.window())
    data = form.cleaned_data
    actions.sign(found, data, email=data["email"], language=get_language())
    # Only now, after the commit, do we say thank you.
    return redirect("signons:signed", found.slug)


def signed(request: HttpRequest, slug: str) -> HttpResponse:
    found = access.get_visible_letter(request.user, slug)
    return render(request, "signons/signed.html", {"letter": found})


@never_cache
def confirm(request: HttpRequest, slug: str) -> HttpResponse:
    found = access.get_visible_letter(request.user, slug)
    outcome, _signature = actions.confirm(found, request.GET.get("token", ""))
    status = {
        actions.Confirmation.CONFIRMED: 200,
        actions.Confirmation.ALREADY: 200,
        actions.Confirmation.EXPIRED: 410,
        actions.Confirmation.UNKNOWN: 404,
    }[outcome]
    return render(
        request,
        "signons/confirmed.html",
        {"letter": found, "outcome": outcome, "today": timezone.localdate()},
        status=status,
    )


@never_cache
def not_me(request: HttpRequest, slug: str) -> HttpResponse:
    """ "This was not me": a page with a button, so that a mail scanner opening the link
    deletes nothing; the button removes the signature and the address."""
    found = access.get_visible_letter(request.user, slug)
    token = request.POST.get("token") or request.GET.get("token", "")
    if request.method == "POST":
        removed = actions.disown(found, token)
        return render(
            request, "signons/not_me.html", {"letter": found, "done": True, "removed": removed}
        )
    return render(request, "signons/not_me.html", {"letter": found, "token": token})


# Staff -------------------------------------------------------------------------------------


def _managed_letter(request: HttpRequest, slug: str) -> Letter:
    found = access.get_visible_letter(request.user, slug)
    if not access.can_manage(request.user, found):
        raise PermissionDenied
    return found


@signed_in
def letter_form(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    organizations = access.managed_organizations(request.user)
    instance = _managed_letter(request, slug) if slug else None
    if instance is None and not organizations.exists():
        raise PermissionDenied
    form = LetterForm(request.POST or None, instance=instance, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        saved = actions.save_letter(form.save(commit=False), actor=request.user)
        messages.success(request, _("The letter is saved."))
        return redirect(saved)
    return render(request, "signons/letter_form.html", {"form": form, "letter": instance})


SIGNATURE_FILTERS = {
    "all": Q(),
    "confirmed": COUNTED,
    "unconfirmed": Q(confirmed_at__isnull=True),
    "hidden": Q(hidden=True),
    "unverified": Q(kind="organization", confirmed_at__isnull=False, verified_at__isnull=True),
}


@never_cache
@signed_in
def signatures(request: HttpRequest, slug: str) -> HttpResponse:
    """Moderation: every signature with its email, for the letter's organization's editors."""
    found = _managed_letter(request, slug)
    shown = request.GET.get("show", "all")
    if shown not in SIGNATURE_FILTERS:
        shown = "all"
    rows = found.signatures.filter(SIGNATURE_FILTERS[shown]).select_related("verified_by")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for signature in page.object_list:
        signature.suggest_verify = (
            signature.is_organization
            and signature.verified_at is None
            and domain_matches(signature.email, signature.organization_website)
        )
    counts = found.signatures.aggregate(  # one query for every tab's count
        **{name: Count("pk", filter=condition) for name, condition in SIGNATURE_FILTERS.items()}
    )
    return render(
        request,
        "signons/signatures.html",
        {"letter": found, "page": page, "shown": shown, "counts": counts, "query": f"show={shown}"},
    )


@require_POST
@signed_in
def moderate(request: HttpRequest, slug: str) -> HttpResponse:
    found = _managed_letter(request, slug)
    form = ModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That change could not be made. Try again."))
        return redirect("signons:signatures", found.slug)
    signature = get_object_or_404(found.signatures, pk=form.cleaned_data["signature"])
    change = {
        "hide": {"hidden": True},
        "show": {"hidden": False},
        "verify": {"verified": True},
        "unverify": {"verified": False},
    }[form.cleaned_data["action"]]
    actions.moderate(signature, actor=request.user, **change)
    messages.success(request, _("The signature is updated."))
    back = request.POST.get("show", "all")
    back = back if back in SIGNATURE_FILTERS else "all"
    return redirect(f"{reverse('signons:signatures', args=[found.slug])}?show={back}")


@never_cache
@signed_in
def export_csv(request: HttpRequest, slug: str) -> HttpResponse:
    found = _managed_letter(request, slug)
    return exports.signatures_csv(found)


@signed_in
def deliver(request: HttpRequest, slug: str) -> HttpResponse:
    found = _managed_letter(request, slug)
    form = DeliveryForm(
        request.POST or None,
        letter=found,
        initial={"delivered_on": timezone.localdate(), "language": get_language()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.deliver(
            found,
            actor=request.user,
            delivered_on=data["delivered_on"],
            recipients=data["recipients"],
            place=data["place"],
            language=data["language"],
        )
        messages.success(request, _("The delivery is recorded and its PDF is ready."))
        return redirect(found)
    return render(
        request,
        "signons/deliver.html",
        {"form": form, "letter": found, "signatories": actions.signatories(found)},
    )


def delivery_pdf(request: HttpRequest, slug: str, delivery_uuid: str) -> FileResponse:
    """The letter as delivered. It names only signers who agreed to be named, so anyone who
    may see the letter may read it."""
    found = access.get_visible_letter(request.user, slug)
    delivery = get_object_or_404(Delivery, letter=found, uuid=delivery_uuid)
    if not delivery.pdf:
        raise Http404
    filename = f"{found.slug}-{delivery.delivered_on.isoformat()}-{delivery.language}.pdf"
    return FileResponse(delivery.pdf.open("rb"), content_type="application/pdf", filename=filename)

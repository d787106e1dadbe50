from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corredor.accounts.decorators import signed_in
from corredor.campaigns import access, actions, timeline
from corredor.campaigns.forms import ActionForm, CampaignForm, PublicationForm, TimelineFilterForm
from corredor.campaigns.models import Action, Campaign, Publication
from corredor.lib.pdf import render_pdf
from corredor.petitions.access import editable_organizations, visible_petitions
from corredor.petitions.choices import Visibility
from corredor.signons.access import visible_letters

PAGE_SIZE = 20


def _timeline_page(request: HttpRequest, items: list[timeline.Entry]) -> dict[str, object]:
    form = TimelineFilterForm(request.GET or None)
    if form.is_valid():
        items = timeline.filtered(items, form.cleaned_data["type"], form.cleaned_data["year"])
    elif request.GET:
        items = []
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "page": Paginator(items, PAGE_SIZE).get_page(request.GET.get("page")),
        "query": query.urlencode(),
    }


def campaign_list(request: HttpRequest) -> HttpResponse:
    campaigns = access.visible_campaigns(request.user).select_related("organization")
    return render(request, "campaigns/list.html", {"campaigns": campaigns})


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = access.get_visible_campaign(request.user, slug)
    internal = access.sees_internal(request.user, campaign)
    items = timeline.entries(
        access.visible_campaigns(request.user).filter(pk=campaign.pk), include_internal=internal
    )
    publications = campaign.publications.all()
    if not internal:
        publications = publications.filter(visibility=Visibility.PUBLIC)
    return render(
        request,
        "campaigns/detail.html",
        {
            "campaign": campaign,
            "figures": timeline.figures(campaign, timezone.localdate(), include_internal=internal),
            "publications": publications,
            "can_edit": access.can_edit(request.user, campaign),
            **_timeline_page(request, items),
        },
    )


def all_actions(request: HttpRequest) -> HttpResponse:
    items = timeline.entries(access.public_campaigns())
    return render(request, "campaigns/timeline.html", _timeline_page(request, items))


def publication(request: HttpRequest, slug: str) -> HttpResponse:
    visible = access.visible_campaigns(request.user)
    found = (
        Publication.objects.filter(slug=slug, campaign__in=visible)
        .select_related("campaign")
        .first()
    )
    if found is None or (
        found.visibility != Visibility.PUBLIC
        and not access.sees_internal(request.user, found.campaign)
    ):
        raise Http404
    return render(
        request,
        "campaigns/publication.html",
        {"publication": found, "can_edit": access.can_edit(request.user, found.campaign)},
    )


@signed_in
def campaign_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The campaign page as a PDF, for its organization's people (WeasyPrint)."""
    campaign = access.get_visible_campaign(request.user, slug)
    if not access.can_edit(request.user, campaign):
        raise PermissionDenied
    pdf = render_pdf(
        "campaigns/print.html",
        {
            "campaign": campaign,
            "figures": timeline.figures(campaign, timezone.localdate(), include_internal=False),
            # The printed page is the public one: no internal action goes on paper.
            "items": timeline.entries(access.public_campaigns().filter(pk=campaign.pk)),
        },
        request,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{slugify(campaign.slug)}-{get_language()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@signed_in
def campaign_form(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    organizations = editable_organizations(request.user)
    campaign = access.get_visible_campaign(request.user, slug) if slug else None
    if campaign is not None and not access.can_edit(request.user, campaign):
        raise PermissionDenied
    if campaign is None and not organizations.exists():
        raise PermissionDenied
    form = CampaignForm(
        request.POST or None,
        instance=campaign,
        organizations=organizations,
        petitions=visible_petitions(request.user).filter(
            Q(visibility=Visibility.PUBLIC) | Q(organization__in=organizations)
        ),
        letters=visible_letters(request.user).filter(
            Q(visibility=Visibility.PUBLIC) | Q(organization__in=organizations)
        ),
    )
    if request.method == "POST" and form.is_valid():
        saved = actions.save_campaign(
            form.save(commit=False),
            actor=request.user,
            members=form.cleaned_data["members"],
            petitions=form.cleaned_data["petitions"],
            letters=form.cleaned_data["letters"],
        )
        messages.success(request, _("The campaign is saved."))
        return redirect(saved)
    return render(request, "campaigns/form.html", {"form": form, "campaign": campaign})


def _editable_campaign(request: HttpRequest, slug: str) -> Campaign:
    campaign = access.get_visible_campaign(request.user, slug)
    if not access.can_edit(request.user, campaign):
        raise PermissionDenied
    return campaign


@signed_in
def action_form(request: HttpRequest, slug: str, action_uuid: str | None = None) -> HttpResponse:
    campaign = _editable_campaign(request, slug)
    action = (
        get_object_or_404(Action, campaign=campaign, uuid=action_uuid)
        if action_uuid
        else Action(campaign=campaign)
    )
    form = ActionForm(
        request.POST or None,
        instance=action,
        petitions=campaign.petitions.all(),
        letters=campaign.letters.all(),
    )
    if request.method == "POST" and form.is_valid():
        actions.save_action(form.save(commit=False), actor=request.user)
        messages.success(request, _("The action is saved."))
        return redirect(campaign)
    return render(
        request,
        "campaigns/action_form.html",
        {"form": form, "campaign": campaign, "action": action if action_uuid else None},
    )


@require_POST
@signed_in
def action_delete(request: HttpRequest, slug: str, action_uuid: str) -> HttpResponse:
    campaign = _editable_campaign(request, slug)
    action = get_object_or_404(Action, campaign=campaign, uuid=action_uuid)
    actions.delete_action(action, actor=request.user)
    messages.success(request, _("The action is deleted."))
    return redirect(campaign)


@signed_in
def publication_form(
    request: HttpRequest, slug: str, publication_slug: str | None = None
) -> HttpResponse:
    campaign = _editable_campaign(request, slug)
    publication = (
        get_object_or_404(Publication, campaign=campaign, slug=publication_slug)
        if publication_slug
        else Publication(campaign=campaign)
    )
    form = PublicationForm(request.POST or None, request.FILES or None, instance=publication)
    if request.method == "POST" and form.is_valid():
        saved = actions.save_publication(form.save(commit=False), actor=request.user)
        messages.success(request, _("The publication is saved."))
        return redirect(saved)
    return render(
        request,
        "campaigns/publication_form.html",
        {
            "form": form,
            "campaign": campaign,
            "publication": publication if publication_slug else None,
        },
    )

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from corredor.treaties import presenters, routing
from corredor.treaties.forms import WhereToFileForm
from corredor.treaties.rulebook import rulebook


def _draft_url(request: HttpRequest) -> str | None:
    """Where to start a draft, for people who may start one (EDIT in an organization)."""
    from corredor.petitions.access import editable_organizations

    if request.user.is_authenticated and editable_organizations(request.user).exists():
        return reverse("drafts:new")
    return None


@require_safe
def where_to_file(request: HttpRequest) -> HttpResponse:
    """Public: which mechanisms and offices can receive a matter, and the rule that decides."""
    form = WhereToFileForm(request.GET if "country" in request.GET else None)
    context: dict[str, object] = {"form": form}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        options = routing.where_to_file(
            rulebook(),
            country=data["country"],
            scope=data["scope"],
            rights=data["rights"],
            on=data["on"],
            date_text=presenters.date_text,
        )
        rows = presenters.option_rows(
            options, country=data["country"], draft_url=_draft_url(request)
        )
        context |= {
            "matter": presenters.matter(data["country"], data["scope"], data["rights"], data["on"]),
            "eligible": [row for row in rows if row.eligible],
            "excluded": [row for row in rows if not row.eligible],
        }
    return render(request, "treaties/where_to_file.html", context)

"""API v1 routes for testimonies: token only, scoped to the organizations of the token's
owner. The text is redacted unless the owner may see identities (admin or staff of the
testimony's organization); each identity read through the API is written to the access log."""

# No `from __future__ import annotations`: django-ninja reads these annotations at run time.

from datetime import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from ninja import Path, Query, Router, Schema

from corredor.accounts.permissions import roles_of
from corredor.api.documented import NAME, NO_NUL
from corredor.api.errors import FieldErrors, Message
from corredor.api.pagination import LARGEST
from corredor.testimonies import access, actions
from corredor.testimonies.choices import Access
from corredor.testimonies.models import Testimony

router = Router(tags=["testimonies"])


class IdentityOut(Schema):
    name: str
    phone: str
    whatsapp: str
    email: str


class TestimonyOut(Schema):
    pseudonym: str
    organization: str
    received_at: datetime
    channel: str
    program: str
    origin: str
    industry: str
    year: int | None
    abuses: list[str]
    consents: list[str]
    redacted: bool
    text: str
    identity: IdentityOut | None = None


def _export(
    request: HttpRequest, testimonies: list[Testimony], roles: dict[int, str]
) -> list[dict]:
    """The testimonies as the API gives them, each identity given logged first (one INSERT
    for the whole page)."""
    shown = [access.Readable(t, roles.get(t.organization_id)) for t in testimonies]
    actions.log_accesses(
        [r.testimony for r in shown if r.sees_identity], request.auth, Access.EXPORT
    )
    return [_out(r.testimony, r.sees_identity) for r in shown]


def _out(testimony: Testimony, identity: bool) -> dict:
    return {
        "pseudonym": testimony.pseudonym,
        "organization": testimony.organization.slug,
        "received_at": testimony.created_at,
        "channel": testimony.channel,
        "program": testimony.program,
        "origin": testimony.origin,
        "industry": testimony.industry,
        "year": testimony.year,
        "abuses": testimony.abuses,
        "consents": [c.kind for c in testimony.consents.all() if c.in_force],
        "redacted": not identity,
        "text": testimony.narrative if identity else testimony.redacted_narrative,
        "identity": (
            {
                "name": testimony.name,
                "phone": testimony.phone,
                "whatsapp": testimony.whatsapp,
                "email": testimony.email,
            }
            if identity
            else None
        ),
    }


def _scoped(roles: dict[int, str]):
    return (
        Testimony.objects.active()
        .filter(organization_id__in=list(roles))
        .select_related("organization")
        .prefetch_related("consents")
    )


class TestimonyPage(Schema):
    count: int
    items: list[TestimonyOut]


@router.get(
    "/testimonies",
    response={200: TestimonyPage, 401: Message, 422: FieldErrors},
    summary="Your organizations' testimonies",
)
def list_testimonies(
    request: HttpRequest,
    response: HttpResponse,
    organization: str = Query("", pattern=NO_NUL),
    limit: int = Query(50, ge=1, le=100),
    # Bounded so that any offset fits the databases' integers (see corredor.api.pagination).
    offset: int = Query(0, ge=0, le=LARGEST),
):
    """Newest first; `organization` (a slug) narrows to one of your organizations; `limit`
    (at most 100) and `offset` page through them. Only the page returned is logged."""
    add_never_cache_headers(response)  # testimony data: never kept by a browser or a proxy
    roles = roles_of(request.auth)
    testimonies = _scoped(roles)
    if organization:
        testimonies = testimonies.filter(organization__slug=organization)
    page = list(testimonies[offset : offset + limit])
    return {"count": testimonies.count(), "items": _export(request, page, roles)}


@router.get(
    "/testimonies/{pseudonym}",
    response={200: TestimonyOut, 401: Message, 404: Message},
    summary="One testimony",
)
def get_testimony(
    request: HttpRequest, response: HttpResponse, pseudonym: str = Path(..., pattern=NAME)
):
    add_never_cache_headers(response)
    roles = roles_of(request.auth)
    testimony = _scoped(roles).filter(pseudonym=pseudonym).first()
    if testimony is None:
        raise Http404
    return _export(request, [testimony], roles)[0]

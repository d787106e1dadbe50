"""Corredor's JSON API, version 1. Each app contributes a router; this module assembles them."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja import NinjaAPI, Schema
from ninja.security import HttpBearer

from corredor.accounts.actions import authenticate_token
from corredor.accounts.choices import TokenScope
from corredor.accounts.models import Membership, User
from corredor.petitions.api import router as petitions_router
from corredor.signons.api import router as signons_router
from corredor.testimonies.api import router as testimonies_router

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenAuth(HttpBearer):
    """`Authorization: Bearer corr_…` with a personal token; read-only tokens may only read."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        api_token = authenticate_token(token)
        if api_token is None:
            return None
        if api_token.scope == TokenScope.READ and request.method not in SAFE_METHODS:
            return None
        request.user = api_token.user
        return api_token.user


api = NinjaAPI(
    title="Corredor API",
    version="1",
    description="Petitions, deadlines and campaigns across the North American trade corridor.",
    urls_namespace="api",
)


def anonymous(request: HttpRequest) -> AnonymousUser:
    """Public routes: a caller without a (valid) token is anonymous and sees public data."""
    return AnonymousUser()


api.add_router("/", petitions_router, auth=[TokenAuth(), anonymous])
api.add_router("/", signons_router)
api.add_router("/", testimonies_router, auth=TokenAuth())


class OrganizationOut(Schema):
    slug: str
    name: str
    country: str
    kind: str
    verified: bool
    role: str


class MeOut(Schema):
    email: str
    full_name: str
    language: str
    organizations: list[OrganizationOut]


@api.get("/me", response=MeOut, auth=TokenAuth(), tags=["accounts"], summary="The token's owner")
def me(request: HttpRequest) -> MeOut:
    user: User = request.auth
    memberships = Membership.objects.filter(user=user).select_related("organization")
    return MeOut(
        email=user.email,
        full_name=user.full_name,
        language=user.language,
        organizations=[
            OrganizationOut(
                slug=m.organization.slug,
                name=m.organization.name,
                country=m.organization.country,
                kind=m.organization.kind,
                verified=m.organization.verified,
                role=m.role,
            )
            for m in memberships
        ],
    )

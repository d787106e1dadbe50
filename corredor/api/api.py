"""Corredor's JSON API, version 1. Each app contributes a router; this module assembles them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation
from ninja.security import HttpBearer

from corredor.accounts.actions import authenticate_token
from corredor.accounts.choices import TokenScope
from corredor.accounts.models import Membership, User
from corredor.api import errors
from corredor.api.errors import Message
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


def anonymous(request: HttpRequest) -> AnonymousUser:
    """Public routes: a caller without a (valid) token is anonymous and sees public data."""
    return AnonymousUser()


class _Document(OpenAPISchema):
    """The OpenAPI document, saying which routes take a token without requiring one."""

    def operation_security(self, operation: Operation) -> list[dict[str, Any]] | None:
        security = super().operation_security(operation)
        if security and anonymous in operation.auth_callbacks:
            security.append({})  # OpenAPI's way to say that no token will do too
        return security


class CorredorAPI(NinjaAPI):
    """Django Ninja's API with the document above; Ninja builds its own in the same way."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return _Document(self, path_prefix)


api = CorredorAPI(
    title="Corredor API",
    version="1",
    description="Petitions, deadlines and campaigns across the North American trade corridor.",
    urls_namespace="api",
)


def refusal(status: int) -> str:
    """The sentence of a refusal Django Ninja would give in English, in the caller's language."""
    return {
        400: _("The request's body is not valid JSON."),
        401: _("This needs a valid API token: Authorization: Bearer corr_…"),
        403: _("Your token may not do this."),
        404: _("Not found."),
    }.get(status, "")


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": refusal(404)}, status=404)


@api.exception_handler(HttpError)
def refused(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Ninja's own refusals (a body that is not JSON, a missing token) and ours, translated."""
    detail = refusal(exc.status_code) or str(exc)
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(ValidationError)
def invalid_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A parameter or body of the wrong type: the same 422 as a form's, per field. A path
    that cannot name anything, as a slug with a space in it, names nothing there is: 404."""
    if any(error["loc"][0] == "path" for error in exc.errors if error.get("loc")):
        return not_found(request, Http404())
    return api.create_response(
        request, errors.field_errors(errors.by_field(exc.errors)), status=422
    )


@api.exception_handler(errors.InvalidFields)
def invalid_fields(request: HttpRequest, exc: errors.InvalidFields) -> HttpResponse:
    return api.create_response(request, errors.field_errors(exc.errors), status=422)


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


@api.get(
    "/me",
    response={200: MeOut, 401: Message},
    auth=TokenAuth(),
    tags=["accounts"],
    summary="The token's owner",
)
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

"""Who sees what of a testimony. The owning organization's admins and staff may see the
worker's identity (each look is logged); its members and viewers read only the redacted
account; another organization sees nothing unless the worker allowed sharing with partners,
and then only the redacted account. Nobody else sees anything."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from corredor.accounts.models import Membership, User
from corredor.accounts.permissions import Perm, role_allows
from corredor.testimonies.choices import Consent
from corredor.testimonies.models import Testimony


def role_in(user: User | AnonymousUser, organization_id: int) -> str | None:
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(user=user, organization_id=organization_id)
        .values_list("role", flat=True)
        .first()
    )


def sees_identity(user: User | AnonymousUser, testimony: Testimony) -> bool:
    role = role_in(user, testimony.organization_id)
    return role is not None and role_allows(role, Perm.VIEW_IDENTITIES)


def shared_with(user: User | AnonymousUser) -> QuerySet[Testimony]:
    """Other organizations' testimonies their workers allowed sharing with partners."""
    if not user.is_authenticated:
        return Testimony.objects.none()
    own = Membership.objects.filter(user=user).values("organization")
    return Testimony.objects.with_consent(Consent.SHARE).exclude(organization__in=own)


def readable(user: User | AnonymousUser, testimony: Testimony) -> bool:
    if testimony.withdrawn_at is not None:
        return False
    if role_in(user, testimony.organization_id) is not None:
        return True
    return (
        testimony.consented(Consent.SHARE)
        and user.is_authenticated
        and (Membership.objects.filter(user=user).exists())
    )


def get_readable(user: User | AnonymousUser, pseudonym: str) -> Testimony:
    testimony = (
        Testimony.objects.select_related("organization")
        .prefetch_related("consents")
        .filter(pseudonym=pseudonym)
        .first()
    )
    if testimony is None or not readable(user, testimony):
        raise Http404
    return testimony

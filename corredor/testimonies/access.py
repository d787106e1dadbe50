"""Who sees what of a testimony. The owning organization's admins and staff may see the
worker's identity (each look is logged); its members and viewers read only the redacted
account; another organization sees nothing unless the worker allowed sharing with partners,
and then only the redacted account. Nobody else sees anything."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from corredor.accounts.models import User
from corredor.accounts.permissions import Perm, role_allows, roles_of
from corredor.testimonies.choices import Consent
from corredor.testimonies.models import Testimony


@dataclass(frozen=True)
class Readable:
    """A testimony as one reader may read it, with their role in its organization: None when
    they read it as a partner it was shared with."""

    testimony: Testimony
    role: str | None

    @property
    def own(self) -> bool:
        return self.role is not None

    @property
    def sees_identity(self) -> bool:
        return self.may(Perm.VIEW_IDENTITIES)

    def may(self, perm: Perm) -> bool:
        return self.role is not None and role_allows(self.role, perm)


def shared_with(user: User | AnonymousUser) -> QuerySet[Testimony]:
    """Other organizations' testimonies their workers allowed sharing with partners: none for
    someone in no organization, as in `readable`."""
    roles = roles_of(user)
    if not roles:
        return Testimony.objects.none()
    return Testimony.objects.with_consent(Consent.SHARE).exclude(organization_id__in=roles)


def readable(testimony: Testimony, roles: dict[int, str]) -> bool:
    """Whether someone with these roles reads the testimony: as one of its organization's
    people, or as one of another organization's when the worker allowed sharing."""
    if testimony.withdrawn_at is not None:
        return False
    if testimony.organization_id in roles:
        return True
    return bool(roles) and testimony.consented(Consent.SHARE)


def get_readable(user: User | AnonymousUser, pseudonym: str) -> Readable:
    """The testimony with the reader's role, their memberships read once; 404 if they may
    not read it."""
    testimony = (
        Testimony.objects.select_related("organization")
        .prefetch_related("consents")
        .filter(pseudonym=pseudonym)
        .first()
    )
    roles = roles_of(user)
    if testimony is None or not readable(testimony, roles):
        raise Http404
    return Readable(testimony, roles.get(testimony.organization_id))


def get_with_identity(user: User | AnonymousUser, pseudonym: str) -> Testimony:
    """The testimony for someone who may see the worker's identity: 404 if they may not read
    it at all, 403 if they read only the redacted account."""
    found = get_readable(user, pseudonym)
    if not found.sees_identity:
        raise PermissionDenied
    return found.testimony

"""Who may do what: the one place that holds Corredor's role rules.

Every record belongs to an organization. A user acts on an organization's records only
through a membership, whose role grants a fixed set of permissions. Users from another
organization are told nothing: the access helpers answer 404, as if the record did not
exist. Later capabilities add permissions here rather than testing roles themselves.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404

from corredor.accounts.choices import Role
from corredor.accounts.models import Membership, Organization

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from corredor.accounts.models import User


class Perm(enum.StrEnum):
    VIEW = "view"  # read the organization's records
    EDIT = "edit"  # create and change cases, letters, campaigns
    VIEW_IDENTITIES = "view_identities"  # see who a worker is (never pseudonymized)
    MANAGE_MEMBERS = "manage_members"  # invite, change roles, remove members
    MANAGE_SETTINGS = "manage_settings"  # change the organization's own details
    OVERRIDE_CHECKS = "override_checks"  # file a petition the completeness check refuses


ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    Role.ADMIN: frozenset(Perm),
    Role.STAFF: frozenset({Perm.VIEW, Perm.EDIT, Perm.VIEW_IDENTITIES}),
    Role.MEMBER: frozenset({Perm.VIEW, Perm.EDIT}),
    Role.VIEWER: frozenset({Perm.VIEW}),
}

# Roles that can see worker identities or change who can: they need a second factor.
ROLES_REQUIRING_2FA = frozenset({Role.ADMIN, Role.STAFF})


def roles_with(perm: Perm) -> list[str]:
    return [role for role, perms in ROLE_PERMISSIONS.items() if perm in perms]


def role_allows(role: str, perm: Perm) -> bool:
    return perm in ROLE_PERMISSIONS.get(role, frozenset())


def roles_of(user: User | AnonymousUser) -> dict[int, str]:
    """The user's role in each of their organizations, by organization id: one query that
    answers every later question of a request about what they may do where."""
    if not user.is_authenticated:
        return {}
    return dict(Membership.objects.filter(user=user).values_list("organization_id", "role"))


def membership_for(user: User | AnonymousUser, organization: Organization) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, organization=organization).first()


def has_perm(user: User | AnonymousUser, organization: Organization, perm: Perm) -> bool:
    membership = membership_for(user, organization)
    return membership is not None and role_allows(membership.role, perm)


def requires_second_factor(user: User | AnonymousUser) -> bool:
    """Admins and staff of any organization, and site operators, must use a second factor."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return Membership.objects.filter(user=user, role__in=ROLES_REQUIRING_2FA).exists()


def get_membership_or_404(
    user: User | AnonymousUser, slug: str, perm: Perm = Perm.VIEW
) -> Membership:
    """The user's membership of the organization `slug`, checked for `perm`.

    404 for anyone who is not a member (the organization's existence is not confirmed to
    outsiders); 403 for a member whose role lacks the permission.
    """
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("organization")
        .filter(user=user, organization__slug=slug)
        .first()
    )
    if membership is None:
        raise Http404
    if not role_allows(membership.role, perm):
        raise PermissionDenied
    return membership

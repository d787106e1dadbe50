"""Who sees and edits which petitions: the one place that filters them.

Public petitions are for everyone. Internal ones exist only for members of their organization
(anyone else gets 404). Editing needs the EDIT permission in the owning organization; public
records with no organization are kept by the site operators.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from corredor.accounts.models import Membership, Organization, User
from corredor.accounts.permissions import Perm, role_allows, roles_with
from corredor.petitions.choices import Visibility
from corredor.petitions.models import Draft, Petition


def public_petitions() -> QuerySet[Petition]:
    return Petition.objects.filter(visibility=Visibility.PUBLIC)


def visible_petitions(user: User | AnonymousUser) -> QuerySet[Petition]:
    if not user.is_authenticated:
        return public_petitions()
    own = Membership.objects.filter(user=user).values("organization")
    return Petition.objects.filter(Q(visibility=Visibility.PUBLIC) | Q(organization__in=own))


def get_visible_petition(user: User | AnonymousUser, slug: str) -> Petition:
    petition = visible_petitions(user).select_related("organization").filter(slug=slug).first()
    if petition is None:
        raise Http404
    return petition


def can_edit(user: User | AnonymousUser, petition: Petition) -> bool:
    if not user.is_authenticated:
        return False
    if petition.organization_id is None:
        return bool(user.is_superuser)
    membership = Membership.objects.filter(
        user=user, organization_id=petition.organization_id
    ).first()
    return membership is not None and role_allows(membership.role, Perm.EDIT)


def is_member(user: User | AnonymousUser, petition: Petition) -> bool:
    """Any role in the petition's organization: they see its internal working material."""
    if not user.is_authenticated or petition.organization_id is None:
        return False
    return Membership.objects.filter(user=user, organization_id=petition.organization_id).exists()


def get_editable_petition(user: User | AnonymousUser, slug: str) -> Petition:
    petition = get_visible_petition(user, slug)
    if not can_edit(user, petition):
        raise PermissionDenied
    return petition


def editable_organizations(user: User) -> QuerySet[Organization]:
    return Organization.objects.filter(
        memberships__user=user, memberships__role__in=roles_with(Perm.EDIT)
    )


# Drafts: the owning organization's people see everything, whatever their role; writing
# needs EDIT, and filing past the completeness check needs OVERRIDE_CHECKS. Members of the
# organizations a draft is shared with for review (the coalition) read its sections and
# comment on them, and nothing else: not its exhibits, not its packages.


def visible_drafts(user: User | AnonymousUser) -> QuerySet[Draft]:
    if not user.is_authenticated:
        return Draft.objects.none()
    own = Membership.objects.filter(user=user).values("organization")
    shared = Draft.objects.filter(reviewers__in=own).values("pk")
    return Draft.objects.filter(Q(organization__in=own) | Q(pk__in=shared))


def get_draft(user: User | AnonymousUser, draft_uuid: Any, perm: Perm | None = None) -> Draft:
    """Without `perm`: any draft the user may read, their own organization's or one shared
    with it for review. With `perm`: only their own organization's, for a role with `perm`.
    404 for anyone who may not read it; 403 for a reader without `perm`."""
    draft = (
        visible_drafts(user)
        .select_related("organization", "petition", "filing")
        .filter(uuid=draft_uuid)
        .first()
    )
    if draft is None:
        raise Http404
    if perm is not None and not draft_allows(user, draft, perm):
        raise PermissionDenied
    return draft


def draft_allows(user: User | AnonymousUser, draft: Draft, perm: Perm) -> bool:
    """Whether the user's role in the draft's own organization grants `perm`."""
    if not user.is_authenticated:
        return False
    role = (
        Membership.objects.filter(user=user, organization_id=draft.organization_id)
        .values_list("role", flat=True)
        .first()
    )
    return role is not None and role_allows(role, perm)

"""Who sees and edits which petitions: the one place that filters them.

Public petitions are for everyone. Internal ones exist only for members of their organization
(anyone else gets 404). Editing needs the EDIT permission in the owning organization; public
records with no organization are kept by the site operators.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from corredor.accounts.models import Membership, Organization, User
from corredor.accounts.permissions import Perm, role_allows, roles_of, roles_with
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


@dataclass(frozen=True)
class ReadableDraft:
    """A draft as one reader may read it, with their role in its organization: None when
    they read it as a member of a coalition partner it is shared with for review."""

    draft: Draft
    role: str | None

    @property
    def own(self) -> bool:
        return self.role is not None

    def may(self, perm: Perm) -> bool:
        return self.role is not None and role_allows(self.role, perm)


def read_draft(
    user: User | AnonymousUser, draft_uuid: Any, perm: Perm | None = None
) -> ReadableDraft:
    """Without `perm`: any draft the user may read, their own organization's or one shared
    with it for review. With `perm`: only their own organization's, for a role with `perm`.
    404 for anyone who may not read it; 403 for a reader without `perm`. The user's
    memberships are read once, and the role found answers every later question."""
    roles = roles_of(user)
    organizations = list(roles)
    shared = Draft.objects.filter(reviewers__in=organizations).values("pk")
    draft = (
        Draft.objects.filter(Q(organization_id__in=organizations) | Q(pk__in=shared))
        .select_related("organization", "petition", "filing")
        .filter(uuid=draft_uuid)
        .first()
    )
    if draft is None:
        raise Http404
    found = ReadableDraft(draft, roles.get(draft.organization_id))
    if perm is not None and not found.may(perm):
        raise PermissionDenied
    return found


def get_draft(user: User | AnonymousUser, draft_uuid: Any, perm: Perm | None = None) -> Draft:
    """The draft alone, checked as `read_draft` checks it."""
    return read_draft(user, draft_uuid, perm).draft

"""Who sees which campaigns, actions and publications: public ones for everyone, internal
ones for the owning organization's members only."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from corredor.accounts.models import Membership, Organization, User
from corredor.accounts.permissions import Perm, role_allows
from corredor.campaigns.models import Campaign
from corredor.petitions.choices import Visibility


def _own_organizations(user: User | AnonymousUser) -> QuerySet:
    if not user.is_authenticated:
        return Organization.objects.none().values("pk")
    return Membership.objects.filter(user=user).values("organization")


def visible_campaigns(user: User | AnonymousUser) -> QuerySet[Campaign]:
    return Campaign.objects.filter(
        Q(visibility=Visibility.PUBLIC) | Q(organization__in=_own_organizations(user))
    )


def public_campaigns() -> QuerySet[Campaign]:
    return Campaign.objects.filter(visibility=Visibility.PUBLIC)


def get_visible_campaign(user: User | AnonymousUser, slug: str) -> Campaign:
    campaign = visible_campaigns(user).select_related("organization").filter(slug=slug).first()
    if campaign is None:
        raise Http404
    return campaign


def can_edit(user: User | AnonymousUser, campaign: Campaign) -> bool:
    if not user.is_authenticated:
        return False
    membership = Membership.objects.filter(user=user, organization=campaign.organization_id).first()
    return membership is not None and role_allows(membership.role, Perm.EDIT)


def sees_internal(user: User | AnonymousUser, campaign: Campaign) -> bool:
    """Members of the owning organization also see its internal actions."""
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, organization=campaign.organization_id).exists()

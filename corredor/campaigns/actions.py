"""Writes to campaigns, each in one transaction with its audit entry."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from corredor.accounts.actions import record
from corredor.accounts.models import User
from corredor.campaigns.models import Action, Campaign, CampaignMember, Publication
from corredor.petitions.choices import Precision


@transaction.atomic
def save_campaign(
    campaign: Campaign,
    *,
    actor: User | None,
    members: list[tuple[str, str]],
    petitions: Any,
    letters: Any = (),
) -> Campaign:
    created = campaign.pk is None
    campaign._history_user = actor
    campaign.save()
    campaign.petitions.set(petitions)
    campaign.letters.set(letters)
    campaign.members.all().delete()
    CampaignMember.objects.bulk_create(
        CampaignMember(campaign=campaign, name=name, country=country)
        for name, country in dict(members).items()
    )
    record(
        "campaign.create" if created else "campaign.update",
        campaign,
        actor=actor,
        organization=campaign.organization,
    )
    return campaign


@transaction.atomic
def save_action(action: Action, *, actor: User | None) -> Action:
    if action.precision == Precision.MONTH:
        action.date = action.date.replace(day=1)  # shown as the month, never an invented day
    created = action.pk is None
    action._history_user = actor
    action.save()
    record(
        "campaign.action.add" if created else "campaign.action.update",
        action,
        actor=actor,
        organization=action.campaign.organization,
    )
    return action


@transaction.atomic
def delete_action(action: Action, *, actor: User | None) -> None:
    record(
        "campaign.action.delete",
        action,
        actor=actor,
        organization=action.campaign.organization,
        date=action.date.isoformat(),
    )
    action._history_user = actor
    action.delete()


@transaction.atomic
def save_publication(publication: Publication, *, actor: User | None) -> Publication:
    created = publication.pk is None
    publication.save()
    record(
        "campaign.publication.add" if created else "campaign.publication.update",
        publication,
        actor=actor,
        organization=publication.campaign.organization,
    )
    return publication

"""The demonstration campaign, from data/demo_campaign.toml (dated facts of a public campaign
page, 2017-2021, written in Corredor's own words in three languages)."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

from django.db import transaction

from corredor.accounts.models import Organization
from corredor.campaigns.models import Action, Campaign, CampaignMember
from corredor.petitions.choices import Precision, Visibility
from corredor.petitions.models import Petition

DEMO_CAMPAIGN = Path(__file__).resolve().parent / "data" / "demo_campaign.toml"


def _date(raw: str) -> tuple[date, str]:
    if len(raw) == 7:
        return date.fromisoformat(raw + "-01"), Precision.MONTH
    return date.fromisoformat(raw), Precision.DAY


@transaction.atomic
def load_demo_campaign(organization: Organization, path: Path = DEMO_CAMPAIGN) -> Campaign:
    """Create or replace the demonstration campaign (idempotent)."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    raw = data["campaign"]
    fields = {
        f"{name}_{language}": raw[name][language]
        for name in ("title", "summary", "goals")
        for language in ("en", "es", "fr")
    }
    campaign, _created = Campaign.objects.update_or_create(
        slug=raw["slug"],
        defaults={
            "organization": organization,
            "visibility": Visibility.PUBLIC,
            "source": raw.get("source", ""),
            **fields,
        },
    )
    petitions = {p.reference: p for p in Petition.objects.filter(reference__in=raw["petitions"])}
    campaign.petitions.set(petitions.values())
    campaign.members.all().delete()
    CampaignMember.objects.bulk_create(
        CampaignMember(campaign=campaign, name=m["name"], country=m.get("country", ""))
        for m in data.get("member", [])
    )
    campaign.actions.all().delete()
    actions = []
    for item in data.get("action", []):
        on, precision = _date(item["date"])
        actions.append(
            Action(
                campaign=campaign,
                date=on,
                precision=precision,
                type=item["type"],
                petition=petitions.get(item.get("petition", "")),
                organizations=", ".join(item.get("organizations", [])),
                visibility=Visibility.PUBLIC,
                **{
                    f"{name}_{language}": item[name][language]
                    for name in ("title", "summary")
                    for language in ("en", "es", "fr")
                },
            )
        )
    Action.objects.bulk_create(actions)
    return campaign

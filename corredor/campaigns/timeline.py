"""A campaign's timeline: its actions and, without entering them twice, the events of the
petitions and the deliveries of the letters linked to it; and the figures that sum a
campaign up."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from corredor.campaigns.choices import PETITION_EVENT_TYPES, ActionType
from corredor.campaigns.models import Action, Campaign
from corredor.petitions.choices import Visibility
from corredor.petitions.models import Petition, PetitionEvent
from corredor.signons.access import with_counts
from corredor.signons.models import Delivery, Letter
from corredor.treaties.labels import event_label


@dataclass(frozen=True)
class Entry:
    on: date
    precision: str
    type: str
    type_label: str
    title: str
    summary: str
    campaign_title: str
    campaign_url: str
    petition_reference: str = ""
    petition_url: str = ""
    letter_title: str = ""
    letter_url: str = ""
    link_url: str = ""
    organizations: str = ""
    key: str = ""  # stable identity for feeds
    action_uuid: str = ""  # set for the campaign's own actions, which its editors may change

    @property
    def year(self) -> int:
        return self.on.year


def entries(campaigns: QuerySet[Campaign], *, include_internal: bool = False) -> list[Entry]:
    """Newest first. Internal actions and internal petitions only with `include_internal`."""
    actions = Action.objects.filter(campaign__in=campaigns).select_related(
        "campaign", "petition", "letter"
    )
    if not include_internal:
        actions = actions.filter(visibility=Visibility.PUBLIC)
    labels = dict(ActionType.choices)
    result = [
        Entry(
            on=action.date,
            precision=action.precision,
            type=action.type,
            type_label=str(labels[action.type]),
            title=action.title,
            summary=action.summary,
            campaign_title=action.campaign.title,
            campaign_url=action.campaign.get_absolute_url(),
            petition_reference=action.petition.reference if action.petition else "",
            petition_url=action.petition.get_absolute_url() if action.petition else "",
            **_letter_link(action.letter, include_internal),
            link_url=action.link_url,
            organizations=action.organizations,
            key=f"action-{action.uuid}",
            action_uuid=str(action.uuid),
        )
        for action in actions
    ]
    petitions = Petition.objects.filter(campaigns__in=campaigns)
    # An internal petition shows only to its own organization, even inside a campaign.
    own = campaigns.values("organization") if include_internal else []
    petitions = petitions.filter(Q(visibility=Visibility.PUBLIC) | Q(organization__in=own))
    first_campaign: dict[int, Campaign] = {}
    for campaign in campaigns.prefetch_related("petitions"):
        for petition in campaign.petitions.all():
            first_campaign.setdefault(petition.pk, campaign)
    events = PetitionEvent.objects.filter(
        petition__in=petitions.distinct(), code__in=PETITION_EVENT_TYPES
    ).select_related("petition")
    for event in events:
        campaign = first_campaign[event.petition_id]
        kind = PETITION_EVENT_TYPES[event.code]
        result.append(
            Entry(
                on=event.date,
                precision=event.precision,
                type=kind,
                type_label=str(labels[kind]),
                title=event_label(event.code),
                summary=event.petition.title,
                campaign_title=campaign.title,
                campaign_url=campaign.get_absolute_url(),
                petition_reference=event.petition.reference,
                petition_url=event.petition.get_absolute_url(),
                link_url=event.source_url,
                key=f"event-{event.uuid}",
            )
        )
    result.extend(_deliveries(campaigns, include_internal=include_internal))
    result.sort(key=lambda entry: (entry.on, entry.key), reverse=True)
    return result


def _letter_link(letter: Letter | None, include_internal: bool) -> dict[str, str]:
    if letter is None or (letter.visibility != Visibility.PUBLIC and not include_internal):
        return {}
    return {"letter_title": letter.title, "letter_url": letter.get_absolute_url()}


def _deliveries(campaigns: QuerySet[Campaign], *, include_internal: bool) -> list[Entry]:
    """Each delivery of a letter linked to the campaigns, as a "letter delivered" action."""
    letters = Letter.objects.filter(campaigns__in=campaigns)
    own = campaigns.values("organization") if include_internal else []
    letters = letters.filter(Q(visibility=Visibility.PUBLIC) | Q(organization__in=own))
    first_campaign: dict[int, Campaign] = {}
    for campaign in campaigns.prefetch_related("letters"):
        for letter in campaign.letters.all():
            first_campaign.setdefault(letter.pk, campaign)
    label = str(dict(ActionType.choices)[ActionType.LETTER_DELIVERED])
    result = []
    for delivery in Delivery.objects.filter(letter__in=letters.distinct()).select_related("letter"):
        campaign = first_campaign[delivery.letter_id]
        recipients = "; ".join(line for line in delivery.recipients.splitlines() if line.strip())
        values = {"recipients": recipients, "count": delivery.signatures, "place": delivery.place}
        if delivery.place:
            summary = ngettext(
                "In %(place)s, to %(recipients)s, with %(count)s signature.",
                "In %(place)s, to %(recipients)s, with %(count)s signatures.",
                delivery.signatures,
            )
        else:
            summary = ngettext(
                "To %(recipients)s, with %(count)s signature.",
                "To %(recipients)s, with %(count)s signatures.",
                delivery.signatures,
            )
        summary %= values
        result.append(
            Entry(
                on=delivery.delivered_on,
                precision="day",
                type=ActionType.LETTER_DELIVERED,
                type_label=label,
                title=_("Letter delivered: %(title)s") % {"title": delivery.letter.title},
                summary=summary,
                campaign_title=campaign.title,
                campaign_url=campaign.get_absolute_url(),
                letter_title=delivery.letter.title,
                letter_url=delivery.letter.get_absolute_url(),
                link_url=reverse(
                    "signons:delivery_pdf", args=[delivery.letter.slug, delivery.uuid]
                ),
                key=f"delivery-{delivery.uuid}",
            )
        )
    return result


def filtered(items: list[Entry], kind: str | None, year: int | None) -> list[Entry]:
    return [
        entry
        for entry in items
        if (not kind or entry.type == kind) and (not year or entry.on.year == year)
    ]


@dataclass(frozen=True)
class Figures:
    petitions: list[tuple[Petition, int | None, bool]]  # petition, days waited, still waiting
    members_by_country: list[tuple[str, int]]
    members: int
    letters: list[tuple[Letter, int]]  # letter, confirmed signatures

    @property
    def signers(self) -> int:
        return sum(count for _letter, count in self.letters)


def figures(campaign: Campaign, today: date, *, include_internal: bool) -> Figures:
    petitions = campaign.petitions.prefetch_related("events")
    own = [campaign.organization_id] if include_internal else []
    petitions = petitions.filter(Q(visibility=Visibility.PUBLIC) | Q(organization__in=own))
    rows = []
    for petition in petitions:
        clock = petition.clock(today)
        rows.append((petition, clock.waiting_days, clock.answer is None))
    members = list(campaign.members.all())
    countries = Counter(m.get_country_display() for m in members if m.country)
    letters = with_counts(
        campaign.letters.filter(Q(visibility=Visibility.PUBLIC) | Q(organization__in=own))
    )
    return Figures(
        letters=[(letter, letter.counted) for letter in letters],
        petitions=rows,
        members_by_country=sorted(countries.items()),  # members with no country are not split out
        members=len(members),
    )

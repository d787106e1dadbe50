"""Atom feeds of public actions, and an iCalendar feed of a campaign's upcoming dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from corredor.campaigns import access, timeline
from corredor.campaigns.models import Campaign
from corredor.petitions.models import StoredObligation
from corredor.treaties.labels import local
from corredor.treaties.rulebook import rulebook

FEED_SIZE = 50


class ActionsFeed(Feed):
    """Feeds are in English: feed readers do not negotiate a language. Titles in the feed
    link to the trilingual pages."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, slug: str | None = None) -> Campaign | None:
        if slug is None:
            return None
        campaign = access.public_campaigns().filter(slug=slug).first()
        if campaign is None:
            raise Http404
        return campaign

    def title(self, obj: Campaign | None) -> str:
        with translation.override("en"):
            return f"Corredor · {obj.title}" if obj else "Corredor · advocacy actions"

    def link(self, obj: Campaign | None) -> str:
        with translation.override("en"):
            return obj.get_absolute_url() if obj else "/en/actions/"

    def subtitle(self, obj: Campaign | None) -> str:
        return "Public actions of labor-rights campaigns across the North American trade corridor"

    def items(self, obj: Campaign | None) -> list[timeline.Entry]:
        campaigns = access.public_campaigns()
        if obj is not None:
            campaigns = campaigns.filter(pk=obj.pk)
        with translation.override("en"):
            return timeline.entries(campaigns)[:FEED_SIZE]

    def item_title(self, item: timeline.Entry) -> str:
        return f"{item.type_label}: {item.title}"

    def item_description(self, item: timeline.Entry) -> str:
        return item.summary

    def item_link(self, item: timeline.Entry) -> str:
        return item.petition_url or item.campaign_url

    def item_guid(self, item: timeline.Entry) -> str:
        return f"{settings.SITE_URL}/#{item.key}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: timeline.Entry) -> datetime:
        return datetime.combine(item.on, time(12), tzinfo=UTC)

    def item_updateddate(self, item: timeline.Entry) -> datetime:
        return self.item_pubdate(item)


def campaign_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """Upcoming dates of a public campaign: its petitions' open deadlines and its future
    actions (hearings, negotiation rounds)."""
    campaign = access.public_campaigns().filter(slug=slug).first()
    if campaign is None:
        raise Http404
    today = timezone.localdate()
    calendar = Calendar()
    calendar.add("prodid", "-//Corredor//campaign//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Corredor · {campaign.title_en}")
    stamp = timezone.now()
    rules = rulebook()
    obligations = StoredObligation.objects.filter(
        petition__in=campaign.petitions.filter(visibility="public"),
        state="open",
        effective_due_on__gte=today,
    ).select_related("petition")
    with translation.override("en"):
        for obligation in obligations:
            petition = obligation.petition
            rule = next(
                r
                for r in rules.mechanism(petition.mechanism).deadlines
                if r.code == obligation.rule
            )
            _add(
                calendar,
                f"{petition.uuid}-{obligation.rule}",
                obligation.effective_due_on,
                f"{petition.reference}: {local(rule.what)}",
                petition.get_absolute_url(),
                stamp,
            )
        for action in campaign.actions.filter(visibility="public", date__gte=today):
            _add(
                calendar,
                f"action-{action.uuid}",
                action.date,
                action.title_en,
                campaign.get_absolute_url(),
                stamp,
            )
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{campaign.slug}.ics"'
    return response


def _add(calendar: Calendar, uid: str, on: date, summary: str, path: str, stamp: datetime) -> None:
    event = CalendarEvent()
    event.add("uid", f"{uid}@corredor")
    event.add("dtstamp", stamp)
    event.add("dtstart", on)
    event.add("summary", summary)
    event.add("url", settings.SITE_URL + path)
    calendar.add_component(event)

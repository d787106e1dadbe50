from __future__ import annotations

from datetime import date

import feedparser
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from corredor.accounts.choices import Role
from corredor.campaigns.models import Action
from corredor.campaigns.tests.conftest import add_action, make_campaign
from corredor.conftest import join, signed_in_client
from corredor.petitions.choices import Visibility
from corredor.petitions.models import Petition


def page(client, campaign, query="", language="en"):
    with translation.override(language):
        url = reverse("campaigns:detail", args=[campaign.slug])
    return client.get(url + query)


def test_a_public_campaign_page_shows_its_title_in_each_language(client, alfa) -> None:
    campaign = make_campaign(alfa)
    for language, title in (
        ("en", "Protect migrant workers"),
        ("es", "Proteger a las personas"),
        ("fr", "Protéger les"),
    ):
        assert title in page(client, campaign, language=language).content.decode()


def test_petition_events_appear_in_the_timeline_without_being_entered_twice(
    client, alfa, cases
) -> None:
    campaign = make_campaign(alfa)
    campaign.petitions.set(Petition.objects.filter(reference="MEX NAO 2016-1"))
    add_action(campaign)
    response = page(client, campaign)
    entries = list(response.context["page"].object_list)
    assert [e.on for e in entries] == sorted((e.on for e in entries), reverse=True)
    kinds = {(e.on, e.type) for e in entries}
    assert (date(2020, 6, 30), "government_response") in kinds  # the office's report
    assert (date(2018, 1, 22), "supplement_filed") in kinds
    assert (date(2016, 7, 15), "petition_filed") in kinds
    assert Action.objects.count() == 1


def test_the_key_numbers_count_members_by_country_and_petitions_waits(client, alfa, cases) -> None:
    campaign = make_campaign(alfa)
    campaign.petitions.set(
        Petition.objects.filter(reference__in=["MEX NAO 2016-1", "USMCA MX 2021-1"])
    )
    figures = page(client, campaign).context["figures"]
    assert figures.members == 2
    assert dict(figures.members_by_country) == {"Mexico": 1, "United States": 1}
    waits = {p.reference: (days, waiting) for p, days, waiting in figures.petitions}
    assert waits["MEX NAO 2016-1"] == (1446, False)
    assert waits["USMCA MX 2021-1"][1] is True


def test_the_timeline_filters_by_type_and_year_and_paginates(client, alfa) -> None:
    campaign = make_campaign(alfa)
    for day in range(1, 26):
        add_action(campaign, on=date(2018, 1, day), kind="press")
    add_action(campaign, on=date(2017, 6, 12))
    assert len(page(client, campaign, "?type=press").context["page"].object_list) == 20
    assert page(client, campaign, "?type=press&page=2").context["page"].number == 2
    only_2017 = page(client, campaign, "?year=2017").context["page"].object_list
    assert [e.on for e in only_2017] == [date(2017, 6, 12)]
    bad = page(client, campaign, "?year=abc")
    assert bad.status_code == 200
    assert bad.context["filter_form"].errors["year"]


def test_an_internal_campaign_is_hidden_from_outsiders(client, alfa, beta, charlie, bob) -> None:
    campaign = make_campaign(alfa, visibility=Visibility.INTERNAL)
    assert page(client, campaign).status_code == 404
    assert page(signed_in_client(charlie), campaign).status_code == 404
    join(alfa, bob, Role.VIEWER)
    assert page(signed_in_client(bob), campaign).status_code == 200


def test_internal_actions_show_only_to_the_organization(client, alfa, bob) -> None:
    campaign = make_campaign(alfa)
    add_action(campaign, title_en="Private planning", visibility=Visibility.INTERNAL)
    assert "Private planning" not in page(client, campaign).content.decode()
    join(alfa, bob, Role.VIEWER)
    assert "Private planning" in page(signed_in_client(bob), campaign).content.decode()


def test_one_timeline_gathers_every_public_campaign(client, alfa, beta) -> None:
    add_action(make_campaign(alfa), title_en="Alfa comments")
    add_action(
        make_campaign(beta, slug="beta-campaign"), title_en="Beta testimony", kind="testimony"
    )
    add_action(
        make_campaign(beta, slug="beta-internal", visibility=Visibility.INTERNAL), title_en="Hidden"
    )
    html = client.get("/en/actions/").content.decode()
    assert "Alfa comments" in html
    assert "Beta testimony" in html
    assert "Hidden" not in html


def test_the_atom_feeds_are_valid_and_public_only(client, alfa) -> None:
    campaign = make_campaign(alfa)
    add_action(campaign, title_en="Comments to the trade office")
    add_action(
        make_campaign(alfa, slug="secret", visibility=Visibility.INTERNAL), title_en="Hidden"
    )
    for url in ["/feeds/actions.atom", f"/feeds/campaigns/{campaign.slug}.atom"]:
        response = client.get(url)
        assert response["Content-Type"].startswith("application/atom+xml")
        feed = feedparser.parse(response.content)
        assert feed.bozo == 0, feed.bozo_exception
        titles = [entry.title for entry in feed.entries]
        assert "Comments submitted: Comments to the trade office" in titles
        assert not any("Hidden" in t for t in titles)
    assert client.get("/feeds/campaigns/secret.atom").status_code == 404


def test_the_campaign_calendar_lists_upcoming_deadlines_and_dates(client, alfa, bob) -> None:
    from corredor.petitions.actions import create_petition

    campaign = make_campaign(alfa)
    petition = create_petition(
        actor=None, organization=alfa, filed_on=date(2026, 11, 14), reference="RRM Camp 1",
        mechanism="usmca-rrm", office="us-ilc", against_country="MX", visibility=Visibility.PUBLIC,
    )  # fmt: skip
    campaign.petitions.add(petition)
    add_action(
        campaign, on=date(2026, 12, 10), kind="testimony", title_en="Hearing before the panel"
    )
    calendar = Calendar.from_ical(client.get(f"/calendar/campaigns/{campaign.slug}.ics").content)
    summaries = sorted(str(e["summary"]) for e in calendar.walk("VEVENT"))
    assert summaries == [
        "Hearing before the panel",
        "RRM Camp 1: The Interagency Labor Committee decides whether the petition shows a "
        "denial of rights",
    ]


def test_an_internal_petition_in_a_public_campaign_shows_only_to_its_organization(
    client, alfa, bob
) -> None:
    from corredor.petitions.actions import create_petition

    campaign = make_campaign(alfa)
    petition = create_petition(
        actor=None, organization=alfa, filed_on=date(2026, 11, 14), reference="RRM Secret 1",
        mechanism="usmca-rrm", office="us-ilc", against_country="MX",
        visibility=Visibility.INTERNAL,
    )  # fmt: skip
    campaign.petitions.add(petition)
    assert "RRM Secret 1" not in page(client, campaign).content.decode()
    assert "RRM Secret 1" not in client.get("/feeds/actions.atom").content.decode()
    join(alfa, bob, Role.VIEWER)
    assert "RRM Secret 1" in page(signed_in_client(bob), campaign).content.decode()

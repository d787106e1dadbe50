from __future__ import annotations

from datetime import date

from corredor.campaigns.demo import load_demo_campaign
from corredor.campaigns.models import Action, Campaign


def test_the_demonstration_campaign_loads_twice_to_the_same_result(alfa, cases) -> None:
    first = load_demo_campaign(alfa)
    actions = Action.objects.count()
    second = load_demo_campaign(alfa)
    assert first.pk == second.pk
    assert Campaign.objects.count() == 1
    assert Action.objects.count() == actions > 5
    assert sorted(second.petitions.values_list("reference", flat=True)) == [
        "MEX NAO 2016-1",
        "USMCA MX 2021-1",
    ]


def test_its_actions_span_2017_to_2021_in_three_languages(alfa, cases) -> None:
    campaign = load_demo_campaign(alfa)
    dates = sorted(campaign.actions.values_list("date", flat=True))
    assert dates[0].year == 2017
    assert dates[-1] <= date(2021, 12, 31)
    for action in campaign.actions.all():
        assert action.title_en and action.title_es and action.title_fr
    assert campaign.title_es and campaign.title_fr


def test_its_timeline_also_shows_the_petitions_own_events(client, alfa, cases) -> None:
    campaign = load_demo_campaign(alfa)
    entries = client.get(f"/en/campaigns/{campaign.slug}/?year=2020").context["page"].object_list
    assert [(e.on, e.type) for e in entries] == [(date(2020, 6, 30), "government_response")]

"""A petition's page: one timeline of what happened and what was owed, overdue obligations
highlighted with their days, sources linked, unverified rules marked, supplements listed."""

from __future__ import annotations

import re
from datetime import date

import pytest

from corredor.accounts.choices import Role
from corredor.conftest import signed_in_client
from corredor.petitions import actions
from corredor.petitions.choices import Visibility
from corredor.petitions.models import Petition
from corredor.petitions.tests.conftest import file_petition

SUPPLEMENT_SOURCE = "https://example.org/sme-supplement"
RULE_SOURCE = "https://www.dol.gov/agencies/ilab/us-nao-submission-2011-02-sme"


@pytest.fixture
def electricians(db) -> Petition:
    """Filed with the US office (OTLA) in 2012 and never accepted nor declined before the
    NAALC ended; a supplement followed."""
    petition = file_petition(
        "US NAO 2012-01",
        mechanism="naalc",
        office="us-nao",
        against="MX",
        filed_on=date(2012, 1, 2),
        title_en="Electricians' union: mass dismissals",
        filing_source="https://example.org/sme-filing",
    )
    actions.record_event(
        petition,
        actor=None,
        code="supplement_filed",
        on=date(2012, 2, 15),
        note="Testimonies of 40 dismissed workers",
        source_url=SUPPLEMENT_SOURCE,
    )
    return petition


def timeline_items(html: str) -> list[str]:
    return re.findall(r'<li class="(timeline-[^"]*)">', html)


def test_the_timeline_lists_the_events_and_the_obligations_by_date(client, electricians) -> None:
    response = client.get(electricians.get_absolute_url())
    assert response.status_code == 200
    items = response.context["timeline"]
    assert [(item.on, item.kind, item.label) for item in items] == [
        (date(2012, 1, 2), "event", "Filing"),
        (date(2012, 2, 15), "event", "Supplement filed"),
        (
            date(2012, 3, 2),
            "obligation",
            "The US office (OTLA) accepts or declines the communication for review",
        ),
    ]
    assert timeline_items(response.content.decode()) == [
        "timeline-event",
        "timeline-event",
        "timeline-obligation timeline-late",
    ]


def test_an_overdue_obligation_is_highlighted_with_its_days(client, electricians) -> None:
    html = client.get(electricians.get_absolute_url()).content.decode()
    late = html.split('<li class="timeline-obligation timeline-late">', 1)[1].split("</li>", 1)[0]
    # The NAALC ended on 2020-06-30: the clock stopped 3,042 days after the due date.
    assert "Overdue by 3,042 days." in late
    assert '<strong class="status status-overdue">Overdue</strong>' in late
    assert "Owed by US National Administrative Office" in late
    assert "60 calendar days after “Filing”" in late


def test_an_unverified_rule_is_marked_and_its_source_linked(client, electricians) -> None:
    html = client.get(electricians.get_absolute_url()).content.decode()
    assert html.count("Deadline not yet verified against the text") == 1
    assert f'<a href="{RULE_SOURCE}" rel="noopener">source</a>' in html
    assert "US 2006 guidelines, 71 FR 76691" in html


def test_a_rule_seen_only_in_practice_is_marked_as_such(client, db) -> None:
    petition = file_petition(
        "US NAO 2005-02",
        mechanism="naalc",
        office="us-nao",
        against="MX",
        filed_on=date(2005, 5, 27),
    )
    html = client.get(petition.get_absolute_url()).content.decode()
    assert "Deadline observed in practice, not read in the rule text" in html
    assert "Deadline not yet verified against the text" not in html


def test_a_confirmed_rule_met_on_time_is_not_highlighted(client, db) -> None:
    petition = file_petition("RRM Fresh 1", events=(("review_requested", date(2026, 11, 20)),))
    response = client.get(petition.get_absolute_url())
    obligations = [item for item in response.context["timeline"] if item.kind == "obligation"]
    assert [(item.status, item.highlight) for item in obligations] == [
        ("met", False),
        ("pending", False),
    ]
    html = response.content.decode()
    assert "timeline-late" not in html
    assert "6 days left." in html
    assert "badge-warn" not in html


def test_event_sources_and_supplements_are_linked(client, electricians) -> None:
    html = client.get(electricians.get_absolute_url()).content.decode()
    assert '<a href="https://example.org/sme-filing" rel="noopener">Source</a>' in html
    supplements = html.split("<h2>Supplements</h2>", 1)[1].split("</ul>", 1)[0]
    assert "Feb. 15, 2012: Testimonies of 40 dismissed workers" in supplements
    assert f'<a href="{SUPPLEMENT_SOURCE}" rel="noopener">source</a>' in supplements


def test_a_date_known_only_to_the_month_is_shown_without_a_day(client, db) -> None:
    petition = file_petition(
        "MEX NAO 2015-1",
        mechanism="naalc",
        office="mx-nao",
        against="US",
        filed_on=date(2015, 5, 26),
    )
    actions.record_event(
        petition, actor=None, code="report_issued", on=date(2018, 7, 19), precision="month"
    )
    html = client.get(petition.get_absolute_url()).content.decode()
    assert '<time datetime="2018-07-01">July 2018</time>' in html
    assert "Answered after about 1,132 days." in html


@pytest.fixture
def internal(alfa, alice) -> Petition:
    return file_petition(
        "RRM Alfa 1", organization=alfa, actor=alice, visibility=Visibility.INTERNAL
    )


def test_an_internal_petition_is_not_found_by_anonymous_visitors(client, internal) -> None:
    assert client.get(internal.get_absolute_url()).status_code == 404


def test_an_internal_petition_is_not_found_by_another_organization(internal, beta, charlie) -> None:
    assert signed_in_client(charlie).get(internal.get_absolute_url()).status_code == 404


def test_an_internal_petition_is_shown_to_its_organizations_viewers(internal, bob_as) -> None:
    response = bob_as(Role.VIEWER).get(internal.get_absolute_url())
    assert response.status_code == 200
    assert response.context["can_edit"] is False
    assert "Record an event" not in response.content.decode()


def test_an_unknown_petition_is_not_found(client, db) -> None:
    assert client.get("/en/petitions/no-such-petition/").status_code == 404

"""The public "Where to file?" page at /<lang>/where-to-file/: a form that asks what the matter
is about, and every mechanism and office that can or cannot receive it, each with the
rulebook's deciding rule in the visitor's language. The expected facts are read from the
rulebook, never written here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from corredor.accounts.models import User
from corredor.conftest import signed_in_client
from corredor.treaties.labels import COUNTRY_LABELS, RIGHT_LABELS
from corredor.treaties.presenters import Row
from corredor.treaties.rulebook import rulebook

LANGUAGES = ["en", "es", "fr"]
TODAY = date(2026, 11, 24)
RULES = rulebook()
RRM = RULES.mechanism("usmca-rrm")
SUBMISSION = RULES.mechanism("usmca-23.11")
NAALC = RULES.mechanism("naalc")
EXCLUDED = '<h2 id="excluded">'  # the heading of the options that cannot receive it


@pytest.fixture(autouse=True)
def _today_is_the_24th_of_november_2026() -> Iterator[None]:
    with time_machine.travel(datetime(2026, 11, 24, 12, 0, tzinfo=UTC), tick=False):
        yield


def url(language: str = "en", **query: str | list[str]) -> str:
    params = "&".join(
        f"{name}={value}"
        for name, values in query.items()
        for value in (values if isinstance(values, list) else [values])
    )
    return f"/{language}/where-to-file/" + (f"?{params}" if params else "")


def html_of(client: Client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


def places(rows: list[Row]) -> list[tuple[str, str | None]]:
    return [(row.mechanism, row.office) for row in rows]


def office_name(code: str, language: str) -> str:
    return RULES.offices[code].name[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_blank_form_asks_about_the_matter_in_each_language(
    client: Client, db: None, language: str
) -> None:
    response = client.get(url(language))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    with translation.override(language):
        assert escape(translation.gettext("Where to file?")) in html
        assert escape(str(COUNTRY_LABELS["MX"])) in html
        assert escape(str(RIGHT_LABELS["free_association"])) in html
    for name in ("country", "scope", "rights", "on"):
        assert f'name="{name}"' in html
    assert "<legend>" in html  # radio and checkbox groups are fieldsets with a legend
    assert 'value="2026-11-24"' in html  # the date starts at today
    assert "matter" not in response.context
    assert "style=" not in html  # the content security policy forbids inline styles


def test_the_main_navigation_links_to_the_page(client: Client, db: None) -> None:
    html = html_of(client, "/en/")
    assert 'href="/en/where-to-file/"' in html


def test_a_mexican_workplace_denying_freedom_of_association_can_go_to_the_rapid_response_mechanism(
    client: Client, db: None
) -> None:
    response = client.get(url("es", country="MX", scope="workplace", rights="free_association"))
    assert response.status_code == 200
    assert places(response.context["eligible"]) == [
        ("usmca-23.11", "us-otla"),
        ("usmca-23.11", "ca-esdc"),
        ("usmca-rrm", "us-ilc"),
        ("usmca-rrm", "ca-esdc"),
    ]
    html = response.content.decode()
    can, cannot = html.split(EXCLUDED)  # eligible options come first
    assert escape(RRM.name["es"]) in can
    assert escape(office_name("us-ilc", "es")) in can
    # The rules that decide, in Spanish, with their sources.
    assert escape(RRM.routing.rights.text["es"]) in can
    assert escape(RRM.routing.venue["MX"]["es"]) in can
    assert escape(RRM.routing.rights.source.citation) in can
    assert "Annex 31-A" in RRM.principles["annex-31-a"].name["en"]
    assert escape(RRM.principles["annex-31-a"].name["es"]) in can
    # Mexico's office cannot bring a case about Mexico.
    [own_office] = [
        row
        for row in response.context["excluded"]
        if (row.mechanism, row.office) == ("usmca-rrm", "mx-stps")
    ]
    assert [reason.text for reason in own_office.reasons] == [RRM.routing.venue["MX"]["es"]]
    assert escape(RRM.routing.venue["MX"]["es"]) in cannot


def test_a_matter_about_the_us_labor_system_goes_to_mexicos_or_canadas_office(
    client: Client, db: None
) -> None:
    response = client.get(url(country="US", scope="system", rights="migrant_workers"))
    assert places(response.context["eligible"]) == [
        ("usmca-23.11", "mx-stps"),
        ("usmca-23.11", "ca-esdc"),
    ]
    html = response.content.decode()
    can, cannot = html.split(EXCLUDED)
    assert escape(office_name("mx-stps", "en")) in can
    assert escape(office_name("ca-esdc", "en")) in can
    assert escape(office_name("us-otla", "en")) in cannot
    # Why not the US office: the venue rule, by itself.
    [us_office] = [row for row in response.context["excluded"] if row.office == "us-otla"]
    assert [reason.text for reason in us_office.reasons] == [SUBMISSION.routing.venue["US"]["en"]]
    assert escape(SUBMISSION.routing.venue["US"]["en"]) in cannot
    # The Rapid Response mechanism is for one facility; the NAALC ended.
    by_mechanism = {row.mechanism: row for row in response.context["excluded"] if not row.office}
    assert escape(RRM.routing.scope.text["en"]) in cannot
    assert "June 30, 2020" in by_mechanism["naalc"].reasons[0].text
    # Mexico's contact point takes submissions in Spanish: a condition to check by hand.
    [mexico] = [row for row in response.context["eligible"] if row.office == "mx-stps"]
    assert [c.text for c in mexico.conditions] == [
        SUBMISSION.languages_at("mx-stps").statement.text["en"]  # type: ignore[union-attr]
    ]
    assert ("23.8", SUBMISSION.principles["23.8"].name["en"]) in [
        (p.code, p.name) for p in mexico.principles
    ]


def test_a_rule_not_yet_verified_says_so(client: Client, db: None) -> None:
    response = client.get(url(country="US", scope="system", rights="migrant_workers"))
    [mexico] = [row for row in response.context["eligible"] if row.office == "mx-stps"]
    scope = next(
        rule for rule in mexico.reasons if rule.text == SUBMISSION.routing.scope.text["en"]
    )
    assert SUBMISSION.routing.scope.confidence == "unverified"
    assert scope.confidence_label == "Not yet verified against the rule text"
    assert "badge-warn" in response.content.decode()


def test_it_names_the_rights_an_office_leaves_out(client: Client, db: None) -> None:
    response = client.get(
        url(country="MX", scope="workplace", rights=["free_association", "safety_health"])
    )
    rows = {(row.mechanism, row.office): row for row in response.context["eligible"]}
    assert rows[("usmca-rrm", "us-ilc")].uncovered == ("Safety and health at work",)
    assert rows[("usmca-23.11", "us-otla")].uncovered == ()


def test_a_matter_whose_rights_are_not_known_yet_excludes_no_office_for_its_rights(
    client: Client, db: None
) -> None:
    response = client.get(url(country="MX", scope="workplace"))
    assert places(response.context["eligible"]) == [
        ("usmca-23.11", "us-otla"),
        ("usmca-23.11", "ca-esdc"),
        ("usmca-rrm", "us-ilc"),
        ("usmca-rrm", "ca-esdc"),
    ]
    assert response.context["matter"].rights == ()
    assert all(row.principles == () for row in response.context["eligible"])
    assert "Not known yet" in response.content.decode()


def test_an_empty_date_means_today_and_an_earlier_one_shows_what_was_possible_then(
    client: Client, db: None
) -> None:
    today = client.get(url(country="MX", scope="workplace", rights="child_labor"))
    assert today.context["matter"].on == TODAY
    then = client.get(url(country="MX", scope="workplace", rights="child_labor", on="1998-08-17"))
    assert then.context["matter"].on == date(1998, 8, 17)
    assert places(then.context["eligible"]) == [("naalc", "us-nao"), ("naalc", "ca-nao")]
    assert escape(NAALC.name["en"]) in then.content.decode()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"country": "MX", "scope": "workplace", "on": "1993-12-31"}, "on"),
        ({"country": "MX", "scope": "workplace", "on": "not-a-date"}, "on"),
        ({"country": "GT", "scope": "workplace"}, "country"),
        ({"country": "MX", "scope": "factory"}, "scope"),
        ({"country": "MX", "scope": "workplace", "rights": "wages"}, "rights"),
        ({"country": "", "scope": "workplace"}, "country"),
    ],
    ids=["before-1994", "not-a-date", "bogus-country", "bogus-scope", "bogus-right", "no-country"],
)
def test_a_bad_answer_gives_a_form_error_and_no_results(
    client: Client, db: None, query: dict[str, str], field: str
) -> None:
    response = client.get(url(**query))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert "matter" not in response.context
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert re.search(f'aria-describedby="[^"]*id_{field}_error"', html)  # linked to its field
    assert EXCLUDED not in html


def test_a_date_before_the_first_agreement_is_explained_in_the_visitors_language(
    client: Client, db: None
) -> None:
    response = client.get(url("es", country="MX", scope="workplace", on="1993-12-31"))
    [message] = response.context["form"].errors["on"]
    assert "1 de enero de 1994" in message


def test_the_page_only_reads(client: Client, db: None) -> None:
    response = client.post(url(), {"country": "MX", "scope": "workplace"})
    assert response.status_code == 405


def test_the_page_needs_no_query_for_a_visitor(
    client: Client, db: None, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(0):
        html_of(client, url(country="US", scope="workplace", rights=["free_association", "hours"]))


def test_the_page_needs_only_the_session_queries_when_signed_in(
    alice: User, alfa: Any, django_assert_max_num_queries
) -> None:
    client = signed_in_client(alice)
    # The session, the user, the second factor, and whether they may start a draft.
    with django_assert_max_num_queries(4):
        html_of(client, url(country="US", scope="workplace", rights=["free_association", "hours"]))


def test_a_person_who_cannot_start_a_draft_is_not_offered_to(bob: User) -> None:
    response = signed_in_client(bob).get(url(country="MX", scope="workplace"))
    assert response.status_code == 200
    assert all(row.start_url is None for row in response.context["eligible"])
    assert "Start a draft here" not in response.content.decode()


def test_a_signed_in_person_can_start_a_draft_from_each_eligible_option(
    alice: User, alfa: Any
) -> None:
    response = signed_in_client(alice).get(url(country="MX", scope="workplace"))
    rows = response.context["eligible"]
    rapid = next(row for row in rows if (row.mechanism, row.office) == ("usmca-rrm", "us-ilc"))
    assert rapid.start_url == (
        reverse("drafts:new") + "?mechanism=usmca-rrm&office=us-ilc&against=MX"
    )
    assert rapid.start_url.startswith("/en/")
    assert all(row.start_url is None for row in response.context["excluded"])
    html = response.content.decode()
    assert html.count("Start a draft here") == len(rows)
    assert escape(rapid.start_url) in html


def test_a_visitor_is_not_offered_to_start_a_draft(client: Client, db: None) -> None:
    html = html_of(client, url(country="MX", scope="workplace"))
    assert "Start a draft here" not in html


def test_the_agreements_dates_are_written_as_people_write_them(client: Client, db: None) -> None:
    html = html_of(client, url("es", country="US", scope="system", on="1998-01-01"))
    assert "1 de enero de 1994" in html

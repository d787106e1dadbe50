"""The public register at /<lang>/petitions/: public petitions for everyone, internal ones for
their organization only; filters, search, each row's clock, and a query count that does not
grow with the register."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from corredor.accounts.choices import Role
from corredor.conftest import signed_in_client
from corredor.petitions.choices import Visibility
from corredor.petitions.tests.conftest import days_ago, file_petition, pilots_petition

REGISTER = "/en/petitions/"


def listed(client: Client, query: str = "") -> list[str]:
    response = client.get(REGISTER + query)
    assert response.status_code == 200
    return [petition.reference for petition, _stage, _clock in response.context["rows"]]


@pytest.fixture
def internal_petition(alfa, alice):
    return file_petition(
        "RRM Alfa 1", organization=alfa, actor=alice, visibility=Visibility.INTERNAL
    )


@pytest.fixture
def register(db) -> None:
    """Four public petitions, one per kind of filter, newest first in the register."""
    pilots_petition(principles=["1"])
    file_petition(
        "MEX NAO 2016-1",
        mechanism="naalc",
        office="mx-nao",
        against="US",
        filed_on=date(2016, 7, 15),
        principles=["7", "11"],
        title_en="Migrant women workers",
        events=(("report_issued", date(2020, 6, 30)),),
    )
    file_petition(
        "USMCA MX 2021-1",
        mechanism="usmca-23.11",
        office="mx-stps",
        against="US",
        filed_on=date(2021, 3, 23),
        principles=["23.3"],
        title_en="Migrant workers in agriculture",
    )
    file_petition(
        "RRM Fresh 1",
        filed_on=days_ago(27),
        principles=["annex-31-a"],
        title_en="A packing plant in Michoacán",
    )


def test_the_register_lists_public_petitions_newest_first(client, register) -> None:
    assert listed(client) == ["RRM Fresh 1", "USMCA MX 2021-1", "MEX NAO 2016-1", "US NAO 2005-02"]


def test_an_internal_petition_is_invisible_to_anonymous_visitors(
    client, register, internal_petition
) -> None:
    assert "RRM Alfa 1" not in listed(client)


def test_an_internal_petition_is_invisible_to_another_organization(
    register, internal_petition, beta, charlie
) -> None:
    assert "RRM Alfa 1" not in listed(signed_in_client(charlie))


def test_an_internal_petition_is_visible_to_its_organizations_members(
    register, internal_petition, bob_as
) -> None:
    bob = bob_as(Role.VIEWER)
    assert listed(bob)[:2] == ["RRM Alfa 1", "RRM Fresh 1"]
    assert "Internal" in bob.get(REGISTER).content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?agreement=naalc", ["MEX NAO 2016-1", "US NAO 2005-02"]),
        ("?agreement=usmca", ["RRM Fresh 1", "USMCA MX 2021-1"]),
        ("?mechanism=usmca-rrm", ["RRM Fresh 1"]),
        ("?office=mx-nao", ["MEX NAO 2016-1"]),
        ("?against=US", ["USMCA MX 2021-1", "MEX NAO 2016-1"]),
        ("?principle=1", ["US NAO 2005-02"]),  # not principle 11
        ("?principle=11", ["MEX NAO 2016-1"]),
        ("?principle=annex-31-a", ["RRM Fresh 1"]),
        ("?status=report", ["MEX NAO 2016-1"]),
        ("?status=petition", ["RRM Fresh 1"]),
        ("?year=2021", ["USMCA MX 2021-1"]),
        ("?overdue=on", ["US NAO 2005-02"]),
        ("?q=migrant", ["USMCA MX 2021-1", "MEX NAO 2016-1"]),
        ("?q=aviadores", ["US NAO 2005-02"]),  # the Spanish title, from the English page
        ("?q=pilotes+de+ligne", ["US NAO 2005-02"]),  # the French title
        ("?q=2016-1", ["MEX NAO 2016-1"]),  # the reference
        ("?agreement=naalc&against=US&year=2016", ["MEX NAO 2016-1"]),
        ("?agreement=usmca&office=mx-nao", []),
    ],
)
def test_each_filter_narrows_the_register(client, register, query, expected) -> None:
    assert listed(client, query) == expected


def test_a_row_shows_a_long_wait_and_its_overdue_deadline(client, register) -> None:
    response = client.get(REGISTER + "?overdue=on")
    [(_petition, stage, clock)] = response.context["rows"]
    assert stage == "Filed"
    assert "· Filed" in response.content.decode()
    assert clock == (
        "Waiting 5,513 days. The US office accepts or declines the communication for review: "
        "overdue by 5,453 days (due 60 days after “Filing”)."
    )
    assert '<p class="clock clock-overdue">Waiting 5,513 days.' in response.content.decode()


def test_a_row_shows_which_day_of_its_allowed_period_a_pending_petition_is_on(
    client, register
) -> None:
    response = client.get(REGISTER + "?mechanism=usmca-rrm")
    [(_petition, _stage, clock)] = response.context["rows"]
    assert clock == (
        "Day 27 of 30: The Interagency Labor Committee decides whether the petition shows "
        "a denial of rights."
    )
    assert '<p class="clock">Day 27 of 30' in response.content.decode()


def test_a_row_shows_how_long_an_answered_petition_waited(client, register) -> None:
    [(_petition, _stage, clock)] = client.get(REGISTER + "?office=mx-nao").context["rows"]
    assert clock == "Answered after 1,446 days."


def test_the_clock_speaks_the_pages_language(client, register) -> None:
    response = client.get("/es/petitions/?mechanism=usmca-rrm")
    [(_petition, _stage, clock)] = response.context["rows"]
    assert clock.endswith(
        "El Comité Interinstitucional del Trabajo decide si la petición muestra una "
        "denegación de derechos."
    )


@pytest.mark.parametrize(
    ("query", "field", "error"),
    [
        ("?year=abc", "year", "Enter a whole number."),
        ("?year=1900", "year", "Ensure this value is greater than or equal to 1994."),
        (
            "?office=xx-nao",
            "office",
            "Select a valid choice. xx-nao is not one of the available choices.",
        ),
    ],
)
def test_invalid_filters_show_the_form_error_not_a_server_error(
    client, register, query, field, error
) -> None:
    response = client.get(REGISTER + query)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [error]
    assert response.context["rows"] == []
    assert error in response.content.decode()


def test_the_register_pages_through_25_petitions_at_a_time(client, register_of) -> None:
    register_of(30)
    first = client.get(REGISTER)
    assert len(first.context["rows"]) == 25
    assert "30 petitions" in first.content.decode()
    second = client.get(REGISTER + "?page=2")
    assert len(second.context["rows"]) == 5


FILTERED = "?agreement=naalc&office=us-nao&against=MX&overdue=on&q=pilots"
# COUNT for the paginator, the page of petitions, and their events in one prefetch.
REGISTER_QUERIES = 3


@pytest.mark.parametrize("petitions", [10, 1000])
def test_the_register_runs_the_same_few_queries_whatever_its_size(
    client, register_of, django_assert_num_queries, petitions
) -> None:
    register_of(petitions)
    with django_assert_num_queries(REGISTER_QUERIES):
        response = client.get(REGISTER + FILTERED)
    assert len(response.context["rows"]) == min(petitions, 25)

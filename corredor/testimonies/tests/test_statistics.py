"""The statistics page for reports: abuse by program, country of origin and year, counting only
testimonies whose workers allowed anonymous use, each cell under 5 shown as "fewer than 5",
and no totals."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from corredor.conftest import signed_in_client
from corredor.testimonies import actions
from corredor.testimonies.tests.conftest import give

URL = "/{}/testimonies/centro-alfa/statistics/"


def table_rows(page: str) -> list[list[str]]:
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


@pytest.fixture
def counted(alfa):
    for _ in range(5):
        give(alfa, "anonymous_use", abuses=["wage_theft"], year=2024)
    for _ in range(3):
        give(alfa, "anonymous_use", abuses=["wage_theft"], origin="GT", year=2024)
    # Without consent to anonymous use: never counted, whatever they say.
    for _ in range(4):
        give(alfa, "contact", abuses=["wage_theft"], origin="GT", year=2024)


def test_only_testimonies_allowing_anonymous_use_are_counted(counted, alice) -> None:
    page = signed_in_client(alice).get(URL.format("en")).content.decode()
    wage_theft = "Wage theft: unpaid or underpaid work"
    assert table_rows(page) == [
        [wage_theft, "H-2A (farm work)", "Guatemala", "2024", "fewer than 5"],
        [wage_theft, "H-2A (farm work)", "Mexico", "2024", "5"],
    ]


def test_there_is_no_totals_row(counted, alice) -> None:
    page = signed_in_client(alice).get(URL.format("en")).content.decode()
    assert len(table_rows(page)) == 2
    assert "<tfoot" not in page
    assert "Total" not in page
    assert ">8<" not in page and ">12<" not in page


@pytest.mark.parametrize("language", ["es", "fr"])
def test_the_page_speaks_the_readers_language(counted, alice, language) -> None:
    page = signed_in_client(alice).get(URL.format(language)).content.decode()
    with translation.override(language):
        assert escape(gettext("fewer than 5")) in page
        assert escape(gettext("Guatemala")) in page


def test_a_withdrawn_consent_leaves_the_statistics_at_once(alfa, alice) -> None:
    taken = [give(alfa, "anonymous_use", abuses=["debt"], year=2023) for _ in range(5)]
    client = signed_in_client(alice)
    assert [row[-1] for row in table_rows(client.get(URL.format("en")).content.decode())] == ["5"]
    actions.withdraw(taken[0].testimony, ["anonymous_use"])
    assert [row[-1] for row in table_rows(client.get(URL.format("en")).content.decode())] == [
        "fewer than 5"
    ]


def test_with_nothing_to_count_the_page_says_so(alfa, alice) -> None:
    give(alfa, "contact")
    page = signed_in_client(alice).get(URL.format("en")).content.decode()
    assert "No testimony allows anonymous use yet." in page
    assert "<table" not in page


def test_another_organizations_testimonies_are_not_counted(counted, beta, charlie) -> None:
    for _ in range(5):
        give(beta, "anonymous_use", abuses=["debt"], year=2024)
    assert signed_in_client(charlie).get(URL.format("en")).status_code == 404
    page = signed_in_client(charlie).get("/en/testimonies/union-beta/statistics/")
    rows = table_rows(page.content.decode())
    assert len(rows) == 1 and rows[0][-1] == "5"


@pytest.mark.parametrize("role", ["staff", "member", "viewer"])
def test_every_member_may_read_the_statistics(counted, bob_as, role) -> None:
    assert bob_as(role).get(URL.format("en")).status_code == 200

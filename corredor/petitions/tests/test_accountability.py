"""The accountability page at /<lang>/accountability/: per office and mechanism, how long
governments took to answer and how often they met their deadlines, as a chart and a table."""

from __future__ import annotations

import re
from datetime import date

import pytest

from corredor.petitions.access import public_petitions
from corredor.petitions.accountability import accountability_report
from corredor.petitions.choices import Visibility
from corredor.petitions.tests.conftest import TODAY, file_petition

PAGE = "/en/accountability/"


def row_for(report, office: str, mechanism: str):
    [row] = [r for r in report.rows if (r.office, r.mechanism) == (office, mechanism)]
    return row


def test_the_us_nao_took_a_median_of_239_days_to_report_over_8_petitions(real_cases) -> None:
    report = accountability_report(public_petitions(), TODAY)
    us_nao = row_for(report, "us-nao", "naalc")
    assert us_nao.petitions == 12
    assert us_nao.to_report.count == 8
    assert us_nao.to_report.median == 239
    assert (min(us_nao.to_report.values), us_nao.to_report.longest) == (180, 241)


def test_mexicos_office_took_1446_days_at_most_and_1132_at_the_median(real_cases) -> None:
    report = accountability_report(public_petitions(), TODAY)
    mx_nao = row_for(report, "mx-nao", "naalc")
    assert (mx_nao.to_report.count, mx_nao.to_report.median) == (5, 1132)
    assert mx_nao.to_report.longest == 2759
    assert mx_nao.judged == 0  # the rulebook sets Mexico's office no deadline


def test_the_rows_follow_the_rulebooks_order_of_offices(real_cases) -> None:
    report = accountability_report(public_petitions(), TODAY)
    assert [(row.office, row.mechanism) for row in report.rows] == [
        ("us-nao", "naalc"),
        ("mx-nao", "naalc"),
        ("ca-nao", "naalc"),
        ("mx-stps", "usmca-23.11"),
        ("us-ilc", "usmca-rrm"),
    ]


def test_the_share_of_deadlines_met_counts_late_and_still_open_ones(real_cases) -> None:
    us_nao = row_for(accountability_report(public_petitions(), TODAY), "us-nao", "naalc")
    # Met on time or in extension: 10; met late: 5; open past the due date: 1 (US NAO 2005-02).
    assert (us_nao.on_time, us_nao.late, us_nao.on_time_percent) == (10, 6, 62)


def test_the_longest_open_wait_counts_to_the_end_of_the_naalc(real_cases) -> None:
    waits = accountability_report(public_petitions(), TODAY).waits
    assert [(wait.reference, wait.days) for wait in waits[:3]] == [
        ("US NAO 2005-02", 5513),
        ("CAN NAO 2005-1", 5509),
        ("US NAO 2011-02", 3151),
    ]


def test_the_page_shows_the_chart_and_the_table_with_the_same_figures(client, real_cases) -> None:
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    chart = html.split('<svg role="img"', 1)[1].split("</svg>", 1)[0]
    assert chart.count('class="chart-bar"') == 4  # every row but the one with no report yet
    assert '<text x="0" y="17" class="chart-label">US-NAO · naalc</text>' in chart
    assert re.search(r'class="chart-value">239</text>', chart)
    assert "no report yet" in chart

    table = html.split("<table>", 1)[1].split("</table>", 1)[0]
    us_nao = table.split("US National Administrative Office", 1)[1].split("</tr>", 1)[0]
    assert "<td>12</td>" in us_nao
    assert "239 (241)" in us_nao
    assert "8 petitions" in us_nao
    assert "62 %" in us_nao
    assert "10 of 16" in us_nao


def test_the_longest_waits_are_listed_with_their_days(client, real_cases) -> None:
    html = client.get(PAGE).content.decode()
    assert "5,513 days since May 27, 2005" in html


def test_internal_petitions_stay_out_of_the_figures(client, alfa, alice) -> None:
    file_petition(
        "US NAO 2005-77",
        mechanism="naalc",
        office="us-nao",
        against="MX",
        filed_on=date(2005, 5, 27),
        organization=alfa,
        actor=alice,
        visibility=Visibility.INTERNAL,
    )
    response = client.get(PAGE)
    assert response.context["report"].rows == []
    assert "US NAO 2005-77" not in response.content.decode()


# The petitions' values, their obligations' states by office, and the longest waits.
ACCOUNTABILITY_QUERIES = 4  # petitions, obligation states, longest waits per agreement (2)


@pytest.mark.parametrize("petitions", [10, 1000])
def test_the_page_runs_the_same_few_queries_whatever_the_number_of_petitions(
    client, register_of, django_assert_num_queries, petitions
) -> None:
    answered = file_petition(
        "US NAO 2001-09",
        mechanism="naalc",
        office="us-nao",
        against="MX",
        filed_on=date(2001, 6, 29),
        events=(("accepted_for_review", date(2001, 8, 20)), ("report_issued", date(2002, 2, 22))),
    )
    register_of(petitions, answered)
    with django_assert_num_queries(ACCOUNTABILITY_QUERIES):
        response = client.get(PAGE)
    [row] = response.context["report"].rows
    assert (row.petitions, row.to_report.count, row.to_report.median) == (petitions, petitions, 238)

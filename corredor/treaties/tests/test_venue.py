"""Who may file where, and when: the checks on a filing and on its events."""

from __future__ import annotations

from datetime import date

import pytest

from corredor.treaties.rulebook import rulebook
from corredor.treaties.venue import Problem, check_event, check_filing, month_end, other_offices

D = date.fromisoformat
RULES = rulebook()
NAALC = RULES.mechanism("naalc")
RRM = RULES.mechanism("usmca-rrm")

FILING_CASES = [
    # mechanism, office, against, filed on, expected problem codes, why
    ("naalc", "us-nao", "US", "2000-01-10", ["own_office"], "naalc-about-the-us-to-the-us"),
    ("naalc", "mx-nao", "MX", "2000-01-10", ["own_office"], "naalc-about-mexico-to-mexico"),
    ("naalc", "ca-nao", "CA", "2000-01-10", ["own_office"], "naalc-about-canada-to-canada"),
    ("naalc", "mx-nao", "US", "2000-01-10", [], "naalc-about-the-us-to-mexico"),
    ("naalc", "ca-nao", "US", "2000-01-10", [], "naalc-about-the-us-to-canada"),
    ("naalc", "us-nao", "MX", "2000-01-10", [], "naalc-about-mexico-to-the-us"),
    ("naalc", "us-nao", "MX", "1994-01-01", [], "naalc-on-its-first-day"),
    ("naalc", "us-nao", "MX", "2020-06-30", [], "naalc-on-its-last-day"),
    ("naalc", "us-nao", "MX", "2020-07-01", ["after_agreement"], "naalc-the-day-after"),
    ("naalc", "us-nao", "MX", "1993-12-31", ["before_agreement"], "naalc-the-day-before"),
    ("naalc", "us-nao", "US", "2021-01-04", ["own_office", "after_agreement"], "two-problems"),
    ("usmca-23.11", "mx-stps", "US", "2020-07-01", [], "usmca-on-its-first-day"),
    ("usmca-23.11", "mx-stps", "US", "2020-06-30", ["before_agreement"], "usmca-the-day-before"),
    ("usmca-23.11", "us-otla", "US", "2021-03-23", ["own_office"], "usmca-to-the-own-office"),
    ("nafta", "us-nao", "MX", "2000-01-10", ["unknown_mechanism"], "unknown-mechanism"),
    ("naalc", "xx-nao", "MX", "2000-01-10", ["office_not_in_mechanism"], "unknown-office"),
    ("naalc", "us-otla", "MX", "2000-01-10", ["office_not_in_mechanism"], "a-usmca-office"),
    ("usmca-rrm", "us-otla", "MX", "2023-05-15", ["office_not_in_mechanism"], "not-an-rrm-office"),
    ("naalc", "us-nao", "GT", "2000-01-10", ["unknown_country"], "unknown-country"),
    ("usmca-rrm", "us-ilc", "MX", "2023-05-15", [], "rrm-us-against-mexico"),
    ("usmca-rrm", "ca-esdc", "MX", "2023-05-15", [], "rrm-canada-against-mexico"),
    ("usmca-rrm", "mx-stps", "US", "2023-05-15", [], "rrm-mexico-against-the-us"),
    ("usmca-rrm", "mx-stps", "CA", "2023-05-15", [], "rrm-mexico-against-canada"),
    ("usmca-rrm", "us-ilc", "CA", "2023-05-15", ["pair_not_covered"], "rrm-us-against-canada"),
    ("usmca-rrm", "ca-esdc", "US", "2023-05-15", ["pair_not_covered"], "rrm-canada-against-us"),
    ("usmca-rrm", "us-ilc", "US", "2023-05-15", ["pair_not_covered"], "rrm-us-against-itself"),
]


@pytest.mark.parametrize(
    ("mechanism", "office", "against", "filed_on", "expected"),
    [case[:5] for case in FILING_CASES],
    ids=[case[5] for case in FILING_CASES],
)
def test_it_checks_who_may_file_where_and_when(
    mechanism: str, office: str, against: str, filed_on: str, expected: list[str]
) -> None:
    problems = check_filing(RULES, mechanism, office, against, D(filed_on))
    assert [problem.code for problem in problems] == expected


def test_it_refuses_a_naalc_communication_about_the_us_filed_with_the_us_office() -> None:
    problems = check_filing(RULES, "naalc", "us-nao", "US", D("2000-01-10"))
    assert problems == [Problem("own_office", "office", {"mechanism": "naalc", "country": "US"})]


def test_it_refuses_a_naalc_communication_filed_after_the_naalc_ended() -> None:
    problems = check_filing(RULES, "naalc", "mx-nao", "US", D("2020-07-01"))
    assert problems == [
        Problem("after_agreement", "filed_on", {"agreement": "naalc", "date": "2020-06-30"})
    ]


def test_it_refuses_a_usmca_submission_filed_before_the_usmca_entered_into_force() -> None:
    problems = check_filing(RULES, "usmca-23.11", "mx-stps", "US", D("2020-06-30"))
    assert problems == [
        Problem("before_agreement", "filed_on", {"agreement": "usmca", "date": "2020-07-01"})
    ]


def test_it_names_the_unknown_mechanism_and_checks_nothing_else() -> None:
    problems = check_filing(RULES, "nafta", "nowhere", "GT", D("1990-01-01"))
    assert problems == [Problem("unknown_mechanism", "mechanism", {"code": "nafta"})]


def test_it_names_an_office_of_another_mechanism() -> None:
    problems = check_filing(RULES, "naalc", "us-otla", "MX", D("2000-01-10"))
    assert problems == [
        Problem("office_not_in_mechanism", "office", {"code": "us-otla", "mechanism": "naalc"})
    ]


def test_it_names_an_unknown_country() -> None:
    problems = check_filing(RULES, "naalc", "us-nao", "GT", D("2000-01-10"))
    assert problems == [Problem("unknown_country", "against_country", {"code": "GT"})]


def test_it_refuses_a_rapid_response_case_between_the_us_and_canada() -> None:
    problems = check_filing(RULES, "usmca-rrm", "us-ilc", "CA", D("2023-05-15"))
    assert problems == [
        Problem("pair_not_covered", "against_country", {"office": "us-ilc", "country": "CA"})
    ]


OTHER_OFFICES_CASES = [
    ("naalc", "US", ["mx-nao", "ca-nao"]),
    ("naalc", "MX", ["us-nao", "ca-nao"]),
    ("naalc", "CA", ["us-nao", "mx-nao"]),
    ("usmca-23.11", "US", ["mx-stps", "ca-esdc"]),
    ("usmca-23.11", "MX", ["us-otla", "ca-esdc"]),
    ("usmca-rrm", "MX", ["us-ilc", "ca-esdc"]),
    ("usmca-rrm", "US", ["mx-stps"]),
    ("usmca-rrm", "CA", ["mx-stps"]),
]


@pytest.mark.parametrize(("mechanism", "against", "expected"), OTHER_OFFICES_CASES)
def test_it_lists_the_offices_that_may_receive_a_filing_about_a_country(
    mechanism: str, against: str, expected: list[str]
) -> None:
    assert other_offices(RULES, RULES.mechanism(mechanism), against) == expected


@pytest.mark.parametrize("mechanism_code", ["naalc", "usmca-23.11", "usmca-rrm"])
def test_the_offices_it_lists_are_exactly_those_a_filing_check_accepts(
    mechanism_code: str,
) -> None:
    mechanism = RULES.mechanism(mechanism_code)
    in_force = mechanism.agreement.in_force_from
    for against in mechanism.against:
        listed = other_offices(RULES, mechanism, against)
        for office in mechanism.offices:
            accepted = check_filing(RULES, mechanism_code, office, against, in_force) == []
            assert accepted is (office in listed), (office, against)


EVENT_CASES = [
    # mechanism, code, on, precision, filed on, expected problem codes, why
    ("naalc", "accepted_for_review", "1997-07-14", "day", "1997-05-16", [], "after-filing"),
    ("naalc", "accepted_for_review", "1997-05-16", "day", "1997-05-16", [], "on-the-filing-day"),
    ("naalc", "accepted_for_review", "1997-05-15", "day", "1997-05-16", ["event_before_filing"],
     "the-day-before-filing"),
    ("naalc", "report_issued", "1998-05-01", "month", "1998-05-27", [], "month-of-the-filing"),
    ("naalc", "report_issued", "1998-04-01", "month", "1998-05-27", ["event_before_filing"],
     "month-before-the-filing"),
    ("naalc", "report_issued", "1999-08-01", "month", None, [], "filing-date-unknown"),
    ("naalc", "petition_filed", "2000-01-10", "day", None, ["unknown_event"], "an-rrm-event"),
    ("usmca-rrm", "filed", "2023-05-15", "day", None, ["unknown_event"], "a-naalc-event"),
    ("naalc", "made_up", "2000-01-10", "day", None, ["unknown_event"], "a-made-up-event"),
    ("naalc", "report_issued", "1999-01-01", "year", None, ["bad_precision"], "bad-precision"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("mechanism", "code", "on", "precision", "filed_on", "expected"),
    [case[:6] for case in EVENT_CASES],
    ids=[case[6] for case in EVENT_CASES],
)
def test_it_checks_an_event_against_the_mechanism_and_the_filing_date(
    mechanism: str, code: str, on: str, precision: str, filed_on: str | None, expected: list[str]
) -> None:
    filed = D(filed_on) if filed_on else None
    problems = check_event(RULES.mechanism(mechanism), code, D(on), precision, filed)
    assert [problem.code for problem in problems] == expected


def test_it_refuses_an_event_the_mechanism_does_not_know() -> None:
    problems = check_event(NAALC, "review_requested", D("2000-01-10"), "day", None)
    assert problems == [
        Problem("unknown_event", "code", {"code": "review_requested", "mechanism": "naalc"})
    ]


def test_it_refuses_an_event_dated_before_the_filing() -> None:
    problems = check_event(RRM, "review_requested", D("2023-05-14"), "day", D("2023-05-15"))
    assert problems == [
        Problem("event_before_filing", "date", {"date": "2023-05-14", "filed_on": "2023-05-15"})
    ]


def test_it_accepts_an_event_known_only_to_the_month_of_the_filing() -> None:
    assert check_event(RRM, "review_agreed", D("2023-10-01"), "month", D("2023-10-26")) == []


MONTH_END_CASES = [
    ("2024-02-10", "2024-02-29"),
    ("2023-02-10", "2023-02-28"),
    ("2024-04-01", "2024-04-30"),
    ("2024-12-31", "2024-12-31"),
]


@pytest.mark.parametrize(("day", "expected"), MONTH_END_CASES)
def test_a_month_ends_on_its_last_calendar_day(day: str, expected: str) -> None:
    assert month_end(D(day)) == D(expected)

"""The deadline engine: obligations, their statuses, and the register's waiting clock.

Every case passes an explicit `today`; expected dates and day counts were worked out by hand
from a calendar (the engine counts calendar days for every shipped rule).
"""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine

from corredor.treaties.engine import (
    MET,
    MET_IN_EXTENSION,
    MET_LATE,
    NOT_APPLICABLE,
    OVERDUE,
    PENDING,
    Clock,
    Event,
    Obligation,
    clock,
    compute_obligations,
    current_stage,
)
from corredor.treaties.rulebook import Mechanism, rulebook

DATA_DIR = Path(__file__).resolve().parents[2] / "petitions" / "data"
RULES = rulebook()
NAALC = RULES.mechanism("naalc")
USMCA = RULES.mechanism("usmca-23.11")
RRM = RULES.mechanism("usmca-rrm")
D = date.fromisoformat


def event(on: str, code: str) -> Event:
    """An event on a day ("1997-11-17") or known only to its month ("1999-08")."""
    if len(on) == 7:
        return Event(D(f"{on}-01"), code, "month")
    return Event(D(on), code)


def events(*pairs: tuple[str, str]) -> list[Event]:
    return [event(on, code) for on, code in pairs]


def obligations(
    mechanism: Mechanism, office: str, against: str, evts: list[Event], today: str
) -> list[Obligation]:
    country = RULES.offices[office].country
    return compute_obligations(mechanism, office, country, against, evts, D(today))


def obligation(
    mechanism: Mechanism, office: str, against: str, evts: list[Event], today: str, rule: str
) -> Obligation:
    found = [o for o in obligations(mechanism, office, against, evts, today) if o.rule == rule]
    assert len(found) == 1, f"expected one {rule} obligation, found {found}"
    return found[0]


def load_cases() -> dict[str, tuple[dict[str, str], list[Event]]]:
    """The case register: reference -> (the case row, its events)."""
    with (DATA_DIR / "cases.csv").open(encoding="utf-8", newline="") as handle:
        cases = {row["reference"]: row for row in csv.DictReader(handle)}
    found: dict[str, list[Event]] = {reference: [] for reference in cases}
    with (DATA_DIR / "case_events.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            found[row["reference"]].append(event(row["date"], row["event"]))
    return {reference: (cases[reference], found[reference]) for reference in cases}


CASES = load_cases()


def case_obligation(reference: str, rule: str, today: str) -> Obligation:
    row, evts = CASES[reference]
    mechanism = RULES.mechanism(row["mechanism"])
    return obligation(mechanism, row["receiving_office"], row["against_country"], evts, today, rule)


# Each status, on NAALC filings with the US office (against Mexico) unless the row says otherwise.
STATUS_CASES = {
    "met: accepted within 60 days (US NAO 9701)": (
        NAALC, "us-nao", "MX",
        [("1997-05-16", "filed"), ("1997-07-14", "accepted_for_review")],
        "2000-01-01", "us-nao-accept-1994", MET, None, "1997-07-15",
    ),
    "met: accepted on day 60 (US NAO 2011-02)": (
        NAALC, "us-nao", "MX",
        [("2011-11-14", "filed"), ("2012-01-13", "accepted_for_review")],
        "2013-01-01", "us-otla-accept-2006", MET, None, "2012-01-13",
    ),
    "met_late: declined 3 days after day 60 (US NAO 9801)": (
        NAALC, "us-nao", "MX",
        [("1998-08-17", "filed"), ("1998-10-19", "declined")],
        "2000-01-01", "us-nao-accept-1994", MET_LATE, 3, "1998-10-16",
    ),
    "met_in_extension: report on day 178 (US NAO 9702)": (
        NAALC, "us-nao", "MX",
        [("1997-11-17", "accepted_for_review"), ("1998-04-28", "report_issued")],
        "2000-01-01", "us-nao-report-1994", MET_IN_EXTENSION, None, "1998-03-17",
    ),
    "met_in_extension: report on day 180 (US NAO 940001)": (
        NAALC, "us-nao", "MX",
        [("1994-04-15", "accepted_for_review"), ("1994-10-12", "report_issued")],
        "2000-01-01", "us-nao-report-1994", MET_IN_EXTENSION, None, "1994-08-13",
    ),
    "met_late: report 2 days after the extension (US NAO 9601)": (
        NAALC, "us-nao", "MX",
        [("1996-07-29", "accepted_for_review"), ("1997-01-27", "report_issued")],
        "2000-01-01", "us-nao-report-1994", MET_LATE, 2, "1996-11-26",
    ),
    "pending: 43 days left": (
        NAALC, "us-nao", "MX", [("2011-11-14", "filed")],
        "2011-12-01", "us-otla-accept-2006", PENDING, 43, "2012-01-13",
    ),
    "pending: due today": (
        NAALC, "us-nao", "MX", [("2011-11-14", "filed")],
        "2012-01-13", "us-otla-accept-2006", PENDING, 0, "2012-01-13",
    ),
    "pending: in the extension that needs no notice": (
        NAALC, "us-nao", "MX", [("1997-11-17", "accepted_for_review")],
        "1998-04-01", "us-nao-report-1994", PENDING, 45, "1998-03-17",
    ),
    "overdue: the day after the due date": (
        NAALC, "us-nao", "MX", [("2011-11-14", "filed")],
        "2012-01-14", "us-otla-accept-2006", OVERDUE, 1, "2012-01-13",
    ),
    "overdue: counted from the end of the extension": (
        NAALC, "us-nao", "MX", [("1997-11-17", "accepted_for_review")],
        "1998-06-01", "us-nao-report-1994", OVERDUE, 16, "1998-03-17",
    ),
    "not_applicable: the report of a communication declined after acceptance": (
        NAALC, "us-nao", "MX",
        [("1999-01-04", "filed"), ("1999-02-01", "accepted_for_review"),
         ("1999-03-01", "review_declined")],
        "2000-01-01", "us-nao-report-1994", NOT_APPLICABLE, None, "1999-06-01",
    ),
    "not_applicable: a decision made moot by the report (US NAO 940003)": (
        NAALC, "us-nao", "MX", [("1994-08-16", "filed"), ("1995-04-11", "report_issued")],
        "2000-01-01", "us-nao-accept-1994", NOT_APPLICABLE, None, "1994-10-15",
    ),
    "not_applicable: not yet due when the NAALC ended": (
        NAALC, "us-nao", "MX", [("2020-06-01", "filed")],
        "2021-01-01", "us-otla-accept-2006", NOT_APPLICABLE, None, "2020-07-31",
    ),
    "pending: the same filing before the NAALC ended": (
        NAALC, "us-nao", "MX", [("2020-06-01", "filed")],
        "2020-06-15", "us-otla-accept-2006", PENDING, 46, "2020-07-31",
    ),
    "met: the respondent agreed to review within 10 days": (
        RRM, "us-ilc", "MX", [("2021-05-12", "review_requested"), ("2021-05-20", "review_agreed")],
        "2022-01-01", "rrm-respondent-agrees", MET, None, "2021-05-22",
    ),
    "overdue: the respondent has not answered (RRM Manufacturas VU)": (
        RRM, "us-ilc", "MX", [("2022-07-21", "review_requested")],
        "2022-08-15", "rrm-respondent-agrees", OVERDUE, 15, "2022-07-31",
    ),
    "met: the ILC requested review on day 30 (RRM RV Fresh Foods)": (
        RRM, "us-ilc", "MX", [("2024-01-17", "petition_filed"), ("2024-02-16", "review_requested")],
        "2025-01-01", "us-ilc-rrm-petition", MET, None, "2024-02-16",
    ),
    "met_late: the ILC requested review on day 32 (RRM San Martin)": (
        RRM, "us-ilc", "MX", [("2023-05-15", "petition_filed"), ("2023-06-16", "review_requested")],
        "2025-01-01", "us-ilc-rrm-petition", MET_LATE, 2, "2023-06-14",
    ),
    "not_applicable: the respondent's answer made moot by a panel (RRM San Martin)": (
        RRM, "us-ilc", "MX",
        [("2023-06-16", "review_requested"), ("2023-08-22", "panel_requested")],
        "2025-01-01", "rrm-respondent-agrees", NOT_APPLICABLE, None, "2023-06-26",
    ),
    "overdue: the ILC's first review of a Labor Chapter submission": (
        USMCA, "us-otla", "MX", [("2023-03-01", "filed")],
        "2023-04-01", "us-ilc-first-review", OVERDUE, 11, "2023-03-21",
    ),
    "pending: the ILC's decision on a Labor Chapter submission": (
        USMCA, "us-otla", "MX", [("2023-03-01", "filed")],
        "2023-04-01", "us-ilc-decision", PENDING, 29, "2023-04-30",
    ),
}  # fmt: skip


@pytest.mark.parametrize(
    ("mechanism", "office", "against", "pairs", "today", "rule", "status", "days", "due_on"),
    STATUS_CASES.values(),
    ids=STATUS_CASES.keys(),
)
def test_each_obligation_gets_its_status_due_date_and_day_count(
    mechanism: Mechanism,
    office: str,
    against: str,
    pairs: list[tuple[str, str]],
    today: str,
    rule: str,
    status: str,
    days: int | None,
    due_on: str,
) -> None:
    found = obligation(mechanism, office, against, events(*pairs), today, rule)
    assert (found.status, found.days, found.due_on) == (status, days, D(due_on))


def test_the_1994_report_rule_allows_60_more_days_without_notice() -> None:
    found = obligation(
        NAALC, "us-nao", "MX", events(("1997-11-17", "accepted_for_review")), "1998-04-01",
        "us-nao-report-1994",
    )  # fmt: skip
    assert (found.due_on, found.extended_due_on, found.effective_due_on) == (
        D("1998-03-17"),
        D("1998-05-16"),
        D("1998-05-16"),
    )


@pytest.mark.parametrize(
    ("filed_on", "accepted_on", "expected"),
    [
        ("2006-12-20", "2007-02-01", ["us-nao-accept-1994", "us-otla-report-2006"]),
        ("2006-12-21", "2007-02-01", ["us-otla-accept-2006", "us-otla-report-2006"]),
        ("2006-10-01", "2006-12-20", ["us-nao-accept-1994", "us-nao-report-1994"]),
        ("1994-02-14", "1994-04-15", ["us-nao-accept-1994", "us-nao-report-1994"]),
        ("2011-11-14", "2012-01-13", ["us-otla-accept-2006", "us-otla-report-2006"]),
    ],
)
def test_the_2006_guidelines_govern_triggers_from_2006_12_21_and_the_1994_ones_before(
    filed_on: str, accepted_on: str, expected: list[str]
) -> None:
    evts = events((filed_on, "filed"), (accepted_on, "accepted_for_review"))
    assert [o.rule for o in obligations(NAALC, "us-nao", "MX", evts, "2008-01-01")] == expected


# US NAO 2011-02: accepted 2012-01-13; the 2006 report rule gives 180 days (2012-07-11) and an
# extension of unset length once a notice is recorded.
SME = [("2011-11-14", "filed"), ("2012-01-13", "accepted_for_review")]
NOTICE_CASES = {
    "without a notice the report is overdue": (
        [], "2013-01-01", OVERDUE, 174, None,
    ),
    "a recorded notice leaves it pending with no known date": (
        [("2012-06-25", "review_extended")], "2013-01-01", PENDING, None, None,
    ),
    "a notice recorded before the acceptance does not count": (
        [("2012-01-02", "review_extended")], "2013-01-01", OVERDUE, 174, None,
    ),
    "a late report without a notice is met late": (
        [("2013-03-01", "report_issued")], "2014-01-01", MET_LATE, 233, D("2013-03-01"),
    ),
    "a late report after a notice is met in the extension": (
        [("2012-06-25", "review_extended"), ("2013-03-01", "report_issued")], "2014-01-01",
        MET_IN_EXTENSION, None, D("2013-03-01"),
    ),
    "an extended review still open when the NAALC ended lapses": (
        [("2012-06-25", "review_extended")], "2021-01-01", NOT_APPLICABLE, None, None,
    ),
}  # fmt: skip


@pytest.mark.parametrize(
    ("more", "today", "status", "days", "met_on"), NOTICE_CASES.values(), ids=NOTICE_CASES.keys()
)
def test_an_extension_that_needs_a_notice_counts_only_once_the_notice_is_recorded(
    more: list[tuple[str, str]], today: str, status: str, days: int | None, met_on: date | None
) -> None:
    found = obligation(NAALC, "us-nao", "MX", events(*SME, *more), today, "us-otla-report-2006")
    assert (found.status, found.days, found.met_on) == (status, days, met_on)
    assert (found.due_on, found.extended_due_on) == (D("2012-07-11"), None)


def test_a_trigger_known_only_to_its_month_gives_the_latest_possible_due_date() -> None:
    found = obligation(
        RRM, "us-ilc", "MX", events(("2023-10", "review_requested")), "2023-11-05",
        "rrm-respondent-agrees",
    )  # fmt: skip
    assert (found.due_on, found.status, found.days) == (D("2023-11-10"), PENDING, 5)
    assert found.approximate is True


def test_a_trigger_known_to_the_day_is_not_approximate() -> None:
    found = obligation(
        RRM, "us-ilc", "MX", events(("2023-10-26", "review_requested")), "2023-11-01",
        "rrm-respondent-agrees",
    )  # fmt: skip
    assert (found.due_on, found.approximate) == (D("2023-11-05"), False)


@pytest.mark.parametrize(
    ("answered", "status", "days"),
    [("2023-11", MET, None), ("2023-12", MET_LATE, 26)],
    ids=["in-the-month-of-the-due-date", "in-the-month-after"],
)
def test_an_answer_known_only_to_its_month_counts_from_the_first_of_the_month(
    answered: str, status: str, days: int | None
) -> None:
    evts = events(("2023-10-26", "review_requested"), (answered, "review_agreed"))
    found = obligation(RRM, "us-ilc", "MX", evts, "2024-06-01", "rrm-respondent-agrees")
    assert (found.status, found.days, found.met_on) == (status, days, D(f"{answered}-01"))
    assert found.approximate is True


@pytest.mark.parametrize(
    ("office", "against"),
    [("us-ilc", "MX"), ("mx-stps", "US"), ("mx-stps", "CA"), ("ca-esdc", "MX")],
)
def test_an_obligation_owed_by_the_respondent_names_the_country_complained_against(
    office: str, against: str
) -> None:
    evts = events(("2023-10-26", "review_requested"), ("2023-11-02", "review_agreed"))
    owed = {o.rule: o.owed_by for o in obligations(RRM, office, against, evts, "2024-01-01")}
    assert owed == {"rrm-respondent-agrees": against, "rrm-respondent-review": against}


def test_an_obligation_owed_by_an_office_names_the_office() -> None:
    evts = events(("2024-01-17", "petition_filed"))
    owed = {o.rule: o.owed_by for o in obligations(RRM, "us-ilc", "MX", evts, "2024-01-20")}
    assert owed == {"us-ilc-rrm-petition": "us-ilc"}


@pytest.mark.parametrize(
    ("mechanism", "office", "against", "pairs"),
    [
        (NAALC, "mx-nao", "US", [("2016-07-15", "filed")]),
        (NAALC, "ca-nao", "MX", [("2005-05-31", "filed")]),
        (USMCA, "mx-stps", "US", [("2021-03-23", "filed")]),
        (RRM, "mx-stps", "US", [("2023-05-15", "petition_filed")]),
    ],
    ids=["mexico-nao", "canada-nao", "mexico-usmca-contact-point", "mexico-rrm-petition"],
)
def test_offices_whose_deadlines_are_unknown_get_none(
    mechanism: Mechanism, office: str, against: str, pairs: list[tuple[str, str]]
) -> None:
    assert obligations(mechanism, office, against, events(*pairs), "2025-01-01") == []


def test_nothing_is_owed_before_a_trigger_is_recorded() -> None:
    evts = events(("2012-08-16", "supplement_filed"))
    assert obligations(NAALC, "us-nao", "MX", evts, "2013-01-01") == []


def test_obligations_come_in_order_of_due_date_whatever_the_order_of_the_events() -> None:
    evts = events(("2023-03-01", "filed"), ("2023-03-02", "supplement_filed"))
    forward = obligations(USMCA, "us-otla", "MX", evts, "2023-03-10")
    backward = obligations(USMCA, "us-otla", "MX", evts[::-1], "2023-03-10")
    assert [o.rule for o in forward] == ["us-ilc-first-review", "us-ilc-decision"]
    assert forward == backward


def test_an_obligation_carries_its_rules_source_and_confidence() -> None:
    found = case_obligation("US NAO 2005-02", "us-nao-accept-1994", "2021-01-01")
    assert found.confidence == "practice"
    assert "median 59 days" in found.source.citation
    assert (found.days_allowed, found.day_kind) == (60, "calendar")


def test_the_engine_reads_today_from_its_argument_never_from_the_clock() -> None:
    _, evts = CASES["RRM Manufacturas VU"]
    results = []
    for now in (datetime(1990, 1, 1, tzinfo=UTC), datetime(2099, 1, 1, tzinfo=UTC)):
        with time_machine.travel(now, tick=False):
            results.append(obligations(RRM, "us-ilc", "MX", evts, "2022-08-15"))
    assert results[0] == results[1]
    assert [o.days for o in results[0]] == [15]


# Real cases from the register (corredor/petitions/data/case_events.csv).


def test_us_nao_9702_report_was_met_within_the_extension() -> None:
    found = case_obligation("US NAO 9702", "us-nao-report-1994", "2025-01-01")
    assert (found.status, found.due_on, found.extended_due_on, found.met_on) == (
        MET_IN_EXTENSION,
        D("1998-03-17"),
        D("1998-05-16"),
        D("1998-04-28"),
    )


@pytest.mark.parametrize("today", ["2005-08-01", "2020-06-30", "2021-01-01", "2035-12-31"])
def test_us_nao_2005_02_decision_is_overdue_counted_to_the_naalc_end_at_the_latest(
    today: str,
) -> None:
    found = case_obligation("US NAO 2005-02", "us-nao-accept-1994", today)
    expected_days = 6 if today == "2005-08-01" else 5453
    assert (found.status, found.due_on, found.days) == (OVERDUE, D("2005-07-26"), expected_days)


def test_rrm_tecnologia_modificada_review_is_overdue_from_the_latest_possible_date() -> None:
    found = case_obligation("RRM Tecnologia Modificada", "rrm-respondent-review", "2025-01-01")
    assert (found.status, found.days, found.due_on, found.owed_by) == (
        OVERDUE,
        353,
        D("2024-01-14"),
        "MX",
    )
    assert found.approximate is True


def test_rrm_tecnologia_modificada_agreement_to_review_in_november_was_on_time() -> None:
    found = case_obligation("RRM Tecnologia Modificada", "rrm-respondent-agrees", "2025-01-01")
    assert (found.status, found.approximate) == (MET, True)


def register_clock(reference: str, today: str) -> tuple[Mechanism, Clock]:
    row, evts = CASES[reference]
    mechanism = RULES.mechanism(row["mechanism"])
    country = RULES.offices[row["receiving_office"]].country
    found = compute_obligations(
        mechanism, row["receiving_office"], country, row["against_country"], evts, D(today)
    )
    return mechanism, clock(mechanism, found, evts, D(today))


def test_mex_nao_2016_1_petitioners_waited_1446_days_for_the_report() -> None:
    _, found = register_clock("MEX NAO 2016-1", "2025-01-01")
    assert found.waiting_days == 1446
    assert (found.start.on, found.answer.on) == (D("2016-07-15"), D("2020-06-30"))
    assert (found.stage, found.closed, found.approximate) == ("report", False, False)


@pytest.mark.parametrize("today", ["2002-06-11", "2025-01-01"])
def test_the_first_answer_stops_the_waiting_clock(today: str) -> None:
    # US NAO 9901: filed 1999-11-10, report 2000-07-07, consultations and an agreement later.
    _, found = register_clock("US NAO 9901", today)
    assert (found.waiting_days, found.answer.code, found.answer.on) == (
        240,
        "report_issued",
        D("2000-07-07"),
    )
    assert (found.stage, found.closed) == ("agreement", True)


@pytest.mark.parametrize("today", ["2021-01-01", "2035-12-31"])
def test_an_unanswered_naalc_communication_waits_until_the_naalc_ended(today: str) -> None:
    _, found = register_clock("US NAO 2005-02", today)
    assert (found.waiting_days, found.answer, found.closed) == (5513, None, False)
    assert (found.obligation.rule, found.obligation.days) == ("us-nao-accept-1994", 5453)


def test_an_unanswered_usmca_submission_waits_until_today() -> None:
    # USMCA MX 2021-1, filed 2021-03-23 with Mexico's contact point.
    _, found = register_clock("USMCA MX 2021-1", "2022-03-23")
    assert (found.waiting_days, found.answer, found.obligation) == (365, None, None)


def test_an_answer_known_only_to_its_month_makes_the_clock_approximate() -> None:
    # MEX NAO 9802: filed 1998-05-27, report in August 1999, counted from August 1.
    _, found = register_clock("MEX NAO 9802", "2025-01-01")
    assert (found.waiting_days, found.approximate) == (431, True)


def test_a_rapid_response_case_opened_by_a_request_waits_from_the_request() -> None:
    # RRM GM Silao: review requested 2021-05-12, remediation agreed 2021-07-08.
    _, found = register_clock("RRM GM Silao", "2025-01-01")
    assert (found.start.code, found.waiting_days) == ("review_requested", 57)
    assert (found.stage, found.closed) == ("remediation", True)


def test_the_clock_shows_the_longest_overdue_obligation_first() -> None:
    evts = events(("2023-03-01", "filed"))
    found = obligations(USMCA, "us-otla", "MX", evts, "2023-04-01")
    pressing = clock(USMCA, found, evts, D("2023-04-01")).obligation
    assert (pressing.rule, pressing.status, pressing.days) == ("us-ilc-first-review", OVERDUE, 11)


def test_the_clock_shows_the_nearest_due_date_when_nothing_is_overdue() -> None:
    evts = events(("2023-03-01", "filed"))
    found = obligations(USMCA, "us-otla", "MX", evts, "2023-03-10")
    pressing = clock(USMCA, found, evts, D("2023-03-10"))
    assert (pressing.obligation.rule, pressing.obligation.days) == ("us-ilc-first-review", 11)
    assert pressing.day_of == 9


def test_the_clock_says_which_day_of_the_allowed_period_today_is() -> None:
    evts = events(("2011-11-14", "filed"))
    found = obligations(NAALC, "us-nao", "MX", evts, "2011-12-01")
    assert clock(NAALC, found, evts, D("2011-12-01")).day_of == 17


@pytest.mark.parametrize(
    ("reference", "stage"),
    [
        ("US NAO 9702", "report"),  # a supplement has no stage
        ("MEX NAO 2011-1", "agreement"),  # nor has the later outreach report
        ("US NAO 9801", "declined"),
        ("RRM San Martin", "determination"),
        ("RRM Tecnologia Modificada", "review"),
        ("USMCA MX 2021-1", "filed"),
    ],
)
def test_the_current_stage_is_the_stage_of_the_latest_staged_event(
    reference: str, stage: str
) -> None:
    row, evts = CASES[reference]
    assert current_stage(RULES.mechanism(row["mechanism"]), evts) == stage


def test_on_a_tie_the_current_stage_is_the_later_stage() -> None:
    evts = events(("2000-07-07", "consultations_requested"), ("2000-07-07", "report_issued"))
    assert current_stage(NAALC, evts) == "consultations"
    assert current_stage(NAALC, evts[::-1]) == "consultations"


def test_with_no_staged_event_there_is_no_current_stage() -> None:
    assert current_stage(NAALC, events(("2000-01-01", "supplement_filed"))) is None


# Bugs found while writing these tests, now fixed: each test states the behaviour the
# engine's own docstring promises.


def test_an_obligation_due_on_the_naalc_last_day_lapses_once_the_naalc_has_ended() -> None:
    # Filed 2020-05-01: the 60 days end on 2020-06-30, the NAALC's last day.
    found = obligation(
        NAALC, "us-nao", "MX", events(("2020-05-01", "filed")), "2021-01-01",
        "us-otla-accept-2006",
    )  # fmt: skip
    assert found.due_on == D("2020-06-30")
    assert found.status == NOT_APPLICABLE


def test_the_day_of_the_period_counts_from_the_trigger_when_an_extension_is_available() -> None:
    # Accepted 2000-01-05; today, 2000-01-15, is day 10 of the report period.
    evts = events(("2000-01-01", "filed"), ("2000-01-05", "accepted_for_review"))
    found = obligations(NAALC, "us-nao", "MX", evts, "2000-01-15")
    pressing = clock(NAALC, found, evts, D("2000-01-15"))
    assert pressing.obligation.rule == "us-nao-report-1994"
    assert pressing.day_of == 10

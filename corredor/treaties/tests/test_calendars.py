"""Counting days: calendar days and business days in an office's country.

Every expected date below was worked out by hand from a printed calendar and the published
federal holidays of each country, never by calling the code under test.
"""

from __future__ import annotations

from datetime import date

import pytest

from corredor.treaties.calendars import add_days, is_business_day

D = date.fromisoformat

CALENDAR_DAY_CASES = [
    # start, days, expected, why
    ("2024-01-31", 1, "2024-02-01", "a month end"),
    ("2024-04-30", 1, "2024-05-01", "a 30-day month's end"),
    ("2024-02-28", 1, "2024-02-29", "February 28 of a leap year"),
    ("2023-02-28", 1, "2023-03-01", "February 28 of a common year"),
    ("2000-02-28", 1, "2000-02-29", "February 28 of a century leap year"),
    ("2024-02-29", 1, "2024-03-01", "a leap day"),
    ("2024-12-31", 1, "2025-01-01", "a year end"),
    ("2024-01-31", 30, "2024-03-01", "30 days across a leap February"),
    ("2023-01-31", 30, "2023-03-02", "30 days across a common February"),
    ("1997-11-17", 120, "1998-03-17", "120 days across a year end"),
    ("2016-07-15", 1446, "2020-06-30", "four years with one leap day"),
    ("2024-03-01", 1, "2024-03-02", "a Friday: the Saturday counts"),
    ("2024-07-03", 1, "2024-07-04", "the eve of Independence Day: the holiday counts"),
]


@pytest.mark.parametrize("country", ["US", "MX", "CA"])
@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [case[:3] for case in CALENDAR_DAY_CASES],
    ids=[case[3] for case in CALENDAR_DAY_CASES],
)
def test_calendar_days_count_every_day_whatever_the_country(
    start: str, days: int, expected: str, country: str
) -> None:
    assert add_days(D(start), days, "calendar", country) == D(expected)


BUSINESS_DAY_CASES = [
    # start, days, country, expected, why
    ("2024-03-01", 1, "US", "2024-03-04", "a Friday plus one is the Monday"),
    ("2024-03-02", 1, "US", "2024-03-04", "a Saturday plus one is the Monday"),
    ("2024-03-04", 5, "US", "2024-03-11", "five business days are a week"),
    ("2024-07-03", 1, "US", "2024-07-05", "US Independence Day, a Thursday, is skipped"),
    ("2024-07-01", 5, "US", "2024-07-09", "a week with July 4 takes six weekdays"),
    ("2024-05-24", 1, "US", "2024-05-28", "the Monday is Memorial Day"),
    ("2024-08-30", 1, "US", "2024-09-03", "the Monday is Labor Day"),
    ("2024-06-18", 1, "US", "2024-06-20", "Juneteenth is skipped"),
    ("2023-12-29", 1, "US", "2024-01-02", "the Monday is New Year's Day, across a year end"),
    ("2021-07-02", 1, "US", "2021-07-06", "July 4 on a Sunday is observed on the Monday"),
    ("2021-12-30", 1, "US", "2022-01-03", "New Year's Day 2022 is observed on 2021-12-31"),
    ("2024-09-13", 1, "MX", "2024-09-17", "the Monday is Mexico's Independence Day"),
    ("2024-02-02", 1, "MX", "2024-02-06", "the Monday is Mexico's Constitution Day"),
    ("2024-04-30", 1, "MX", "2024-05-02", "May 1, a Wednesday, is skipped in Mexico"),
    ("2024-07-03", 1, "MX", "2024-07-04", "July 4 is a working day in Mexico"),
    ("2024-06-28", 1, "CA", "2024-07-02", "the Monday is Canada Day"),
    ("2024-09-13", 1, "CA", "2024-09-16", "September 16 is a working day in Canada"),
    ("2024-07-03", 1, "CA", "2024-07-04", "July 4 is a working day in Canada"),
    ("2024-03-28", 1, "CA", "2024-04-01", "Good Friday is skipped in Canada"),
    ("2024-08-30", 1, "CA", "2024-09-03", "the Monday is Canada's Labour Day"),
]


@pytest.mark.parametrize(
    ("start", "days", "country", "expected"),
    [case[:4] for case in BUSINESS_DAY_CASES],
    ids=[case[4] for case in BUSINESS_DAY_CASES],
)
def test_business_days_skip_weekends_and_national_holidays(
    start: str, days: int, country: str, expected: str
) -> None:
    assert add_days(D(start), days, "business", country) == D(expected)


IS_BUSINESS_DAY_CASES = [
    ("2024-03-04", "US", True, "an ordinary Monday"),
    ("2024-03-02", "US", False, "a Saturday"),
    ("2024-03-03", "MX", False, "a Sunday"),
    ("2024-07-04", "US", False, "US Independence Day"),
    ("2024-07-04", "MX", True, "US Independence Day in Mexico"),
    ("2024-09-16", "MX", False, "Mexico's Independence Day"),
    ("2024-09-16", "US", True, "Mexico's Independence Day in the US"),
    ("2024-07-01", "CA", False, "Canada Day"),
    ("2024-07-01", "US", True, "Canada Day in the US"),
    ("2020-07-03", "US", False, "Independence Day 2020 observed on the Friday"),
]


@pytest.mark.parametrize(
    ("day", "country", "expected"),
    [case[:3] for case in IS_BUSINESS_DAY_CASES],
    ids=[case[3] for case in IS_BUSINESS_DAY_CASES],
)
def test_it_tells_a_business_day_from_a_weekend_or_a_national_holiday(
    day: str, country: str, expected: bool
) -> None:
    assert is_business_day(D(day), country) is expected


def test_it_refuses_an_unknown_kind_of_days() -> None:
    with pytest.raises(ValueError, match="weekdays"):
        add_days(D("2024-03-01"), 1, "weekdays", "US")

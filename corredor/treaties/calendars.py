"""Counting days: calendar days, or business days in an office's country.

Business days skip Saturdays, Sundays and the country's national holidays, as published by
the `holidays` package (national calendars only: no state or provincial holidays).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays


@cache
def national_holidays(country: str, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays(country, years=year))


def is_business_day(day: date, country: str) -> bool:
    return day.weekday() < 5 and day not in national_holidays(country, day.year)


def add_days(start: date, days: int, kind: str, country: str) -> date:
    """The date `days` calendar or business days after `start` (the day of `start` not counted)."""
    if kind == "calendar":
        return start + timedelta(days=days)
    if kind != "business":
        raise ValueError(f"unknown kind of days: {kind}")
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_business_day(day, country):
            remaining -= 1
    return day

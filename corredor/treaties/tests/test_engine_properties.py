"""Properties of the deadline engine over generated petitions.

Petitions are drawn for every shipped mechanism: an office and a country of that mechanism, a
first event that starts one of its rules, up to seven more (mostly ones its rules name, a third
known only to the month) and a `today`, all between 1994 and 2035. Dates cluster around the
case's first date so that answers and extensions fall near their deadlines. The runs are
derandomized so that a failure reproduces in CI.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import NamedTuple

import holidays
from hypothesis import given, settings
from hypothesis import strategies as st

from corredor.treaties.engine import STATUSES, Event, Obligation, compute_obligations
from corredor.treaties.rulebook import DeadlineRule, Mechanism, rulebook

RULES = rulebook()
MECHANISMS = [RULES.mechanisms[code] for code in sorted(RULES.mechanisms)]
FIRST_DAY = date(1994, 1, 1)
LAST_CASE = date(2034, 7, 1)  # a case's first date; its events follow within 540 days
DATES = st.dates(FIRST_DAY, date(2035, 12, 31))
FAST = settings(max_examples=200, deadline=None, derandomize=True, database=None)


class Petition(NamedTuple):
    mechanism: Mechanism
    office: str
    country: str  # the office's country
    against: str
    events: list[Event]
    today: date

    def obligations(self, events: list[Event] | None = None) -> list[Obligation]:
        return compute_obligations(
            self.mechanism,
            self.office,
            self.country,
            self.against,
            self.events if events is None else events,
            self.today,
        )


def related_codes(rule: DeadlineRule) -> set[str]:
    codes = {*rule.after, *rule.met_by, *rule.moot_after}
    if rule.extension_event:
        codes.add(rule.extension_event)
    return codes


def rule_codes(mechanism: Mechanism) -> list[str]:
    """The events the mechanism's rules name: drawn often, so that rules start and end."""
    return sorted({code for rule in mechanism.deadlines for code in related_codes(rule)})


@st.composite
def an_event(draw: st.DrawFn, mechanism: Mechanism, near: date) -> Event:
    codes = rule_codes(mechanism) or sorted(mechanism.events)
    code = draw(st.sampled_from(codes) | st.sampled_from(sorted(mechanism.events)))
    # Mostly within a year and a half of the case's first date, sometimes anywhere.
    on = draw(st.integers(0, 540).map(lambda days: near + timedelta(days=days)) | DATES)
    if draw(st.integers(0, 2)) == 0:
        return Event(on.replace(day=1), code, "month")  # stored as the month's first day
    return Event(on, code)


@st.composite
def a_petition(draw: st.DrawFn, mechanisms: list[Mechanism] = MECHANISMS) -> Petition:
    mechanism = draw(st.sampled_from(mechanisms))
    # Offices and dates where the rules apply, often; any of the mechanism's, sometimes.
    ruled = sorted(
        set(mechanism.offices)
        if any(not rule.offices for rule in mechanism.deadlines)
        else {office for rule in mechanism.deadlines for office in rule.offices}
    )
    office = draw(st.sampled_from(ruled or mechanism.offices) | st.sampled_from(mechanism.offices))
    agreement = mechanism.agreement
    in_force = st.dates(agreement.in_force_from, agreement.in_force_until or LAST_CASE)
    near = draw(in_force | st.dates(FIRST_DAY, LAST_CASE))
    triggers = sorted({code for rule in mechanism.deadlines for code in rule.after})
    first = Event(near, draw(st.sampled_from(triggers or sorted(mechanism.events))))
    return Petition(
        mechanism=mechanism,
        office=office,
        country=RULES.offices[office].country,
        against=draw(st.sampled_from(mechanism.against)),
        events=[first, *draw(st.lists(an_event(mechanism, near), max_size=7))],
        today=draw(st.integers(0, 540).map(lambda days: near + timedelta(days=days)) | DATES),
    )


@st.composite
def a_business_day_petition(draw: st.DrawFn) -> Petition:
    """A petition under a shipped mechanism whose rules count a few business days instead."""
    mechanism = draw(st.sampled_from(MECHANISMS))
    rules = tuple(
        dataclasses.replace(rule, day_kind="business", days=draw(st.integers(1, 30)))
        for rule in mechanism.deadlines
    )
    return draw(a_petition([dataclasses.replace(mechanism, deadlines=rules)]))


def is_closed(day: date, country: str) -> bool:
    return day.weekday() >= 5 or day in holidays.country_holidays(country, years=day.year)


@FAST
@given(a_petition())
def test_a_due_date_always_falls_after_its_trigger(petition: Petition) -> None:
    for found in petition.obligations():
        assert found.due_on > found.trigger_on
        assert found.effective_due_on >= found.due_on


@FAST
@given(a_business_day_petition())
def test_a_business_day_due_date_is_never_a_weekend_or_a_national_holiday(
    petition: Petition,
) -> None:
    for found in petition.obligations():
        assert found.day_kind == "business"
        assert not is_closed(found.due_on, petition.country), found
        if found.extended_due_on is not None:
            assert not is_closed(found.extended_due_on, petition.country), found


@FAST
@given(st.data())
def test_an_unrelated_event_never_changes_a_rules_obligation(data: st.DataObject) -> None:
    petition = data.draw(a_petition())
    rule = data.draw(st.sampled_from(petition.mechanism.deadlines))
    unrelated = sorted(set(petition.mechanism.events) - related_codes(rule))
    extra = Event(
        data.draw(DATES),
        data.draw(st.sampled_from(unrelated)),
        data.draw(st.sampled_from(["day", "month"])),
    )

    def of_the_rule(obligations: list[Obligation]) -> list[Obligation]:
        return [o for o in obligations if o.rule == rule.code]

    before = of_the_rule(petition.obligations())
    after = of_the_rule(petition.obligations([*petition.events, extra]))
    assert after == before


@FAST
@given(a_petition())
def test_an_extension_only_ever_moves_a_due_date_later(petition: Petition) -> None:
    for found in petition.obligations():
        if found.extended_due_on is not None:
            assert found.extended_due_on >= found.due_on


@FAST
@given(a_petition())
def test_every_status_is_a_known_one_and_no_day_count_is_negative(petition: Petition) -> None:
    for found in petition.obligations():
        assert found.status in STATUSES
        assert found.days is None or found.days >= 0


@FAST
@given(a_petition())
def test_an_obligation_is_met_exactly_when_it_records_the_answer(petition: Petition) -> None:
    for found in petition.obligations():
        assert (found.met_on is not None) is found.status.startswith("met")


@FAST
@given(a_petition(), DATES)
def test_the_due_date_does_not_depend_on_today(petition: Petition, other_day: date) -> None:
    other = petition._replace(today=other_day)
    due = [(o.rule, o.due_on, o.extended_due_on) for o in petition.obligations()]
    assert [(o.rule, o.due_on, o.extended_due_on) for o in other.obligations()] == due

"""Who may file where, and when: checks on a filing and on its events.

Each check returns Problems (a stable code and its parameters) rather than sentences, so that
the web forms, the API, the CLI and the importer word them in the user's language
(see `labels.problem_message`).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from corredor.treaties.rulebook import Mechanism, Rulebook


@dataclass(frozen=True)
class Problem:
    code: str
    field: str
    params: dict[str, str] = field(default_factory=dict)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def check_filing(
    rules: Rulebook, mechanism_code: str, office_code: str, against: str, filed_on: date
) -> list[Problem]:
    mechanism = rules.mechanisms.get(mechanism_code)
    if mechanism is None:
        return [Problem("unknown_mechanism", "mechanism", {"code": mechanism_code})]
    problems: list[Problem] = []
    office = rules.offices.get(office_code)
    if office is None or office_code not in mechanism.offices:
        problems.append(
            Problem(
                "office_not_in_mechanism",
                "office",
                {"code": office_code, "mechanism": mechanism.code},
            )
        )
    if against not in mechanism.against:
        problems.append(Problem("unknown_country", "against_country", {"code": against}))
    if office is not None and office_code in mechanism.offices and against in mechanism.against:
        problems += _venue_problems(mechanism, office_code, office.country, against)
    agreement = mechanism.agreement
    if filed_on < agreement.in_force_from:
        problems.append(
            Problem(
                "before_agreement",
                "filed_on",
                {"agreement": agreement.code, "date": agreement.in_force_from.isoformat()},
            )
        )
    if agreement.in_force_until and filed_on > agreement.in_force_until:
        problems.append(
            Problem(
                "after_agreement",
                "filed_on",
                {"agreement": agreement.code, "date": agreement.in_force_until.isoformat()},
            )
        )
    return problems


def _venue_problems(
    mechanism: Mechanism, office_code: str, office_country: str, against: str
) -> list[Problem]:
    if mechanism.venue.rule == "other_party" and office_country == against:
        return [
            Problem(
                "own_office",
                "office",
                {"mechanism": mechanism.code, "country": against},
            )
        ]
    if mechanism.venue.rule == "pairs" and (office_code, against) not in mechanism.venue.pairs:
        return [
            Problem(
                "pair_not_covered", "against_country", {"office": office_code, "country": against}
            )
        ]
    return []


def other_offices(rules: Rulebook, mechanism: Mechanism, against: str) -> list[str]:
    """The offices of `mechanism` that may receive a filing about `against`."""
    if mechanism.venue.rule == "pairs":
        return [code for code in mechanism.offices if (code, against) in mechanism.venue.pairs]
    return [code for code in mechanism.offices if rules.offices[code].country != against]


def check_event(
    mechanism: Mechanism, code: str, on: date, precision: str, filed_on: date | None
) -> list[Problem]:
    if code not in mechanism.events:
        return [Problem("unknown_event", "code", {"code": code, "mechanism": mechanism.code})]
    if precision not in ("day", "month"):
        return [Problem("bad_precision", "precision", {"precision": precision})]
    latest = month_end(on) if precision == "month" else on
    if filed_on is not None and latest < filed_on:
        return [
            Problem(
                "event_before_filing",
                "date",
                {"date": on.isoformat(), "filed_on": filed_on.isoformat()},
            )
        ]
    return []

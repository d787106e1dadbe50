"""Choosing where to file: which mechanisms and offices can receive a matter, and why.

Given the country whose enforcement failed, whether the matter concerns one workplace or the
country's labor system, the rights at stake and the filing date, `where_to_file` lists every
office of every mechanism, once: those that can receive the matter, with the rules that let
them, and those that cannot, with the rule that excludes them. Every rule comes from the
rulebook in English, Spanish and French, with its source and confidence, so that a page, the
API or a PDF can show it as it is. No Django import.

What decides, in this order (each mechanism's `[routing]` table, docs/rulebook.md):
1. the date: the agreement must be in force on the filing date;
2. the scope: the Rapid Response mechanism takes only matters about one workplace;
3. the rights: at least one right at stake must fall under a principle or article;
4. the venue: the offices of the mechanism that may receive a filing about the country
   (`venue.other_offices`, the same rule that `venue.check_filing` applies).
When 1 to 3 exclude a mechanism, it appears once, without an office.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from corredor.treaties.rulebook import (
    COUNTRIES,
    RIGHTS,
    SCOPES,
    Coverage,
    Mechanism,
    Rulebook,
    Source,
    Statement,
    Text,
)
from corredor.treaties.venue import other_offices


@dataclass(frozen=True)
class Reason:
    """A rule that decides, in the rulebook's words."""

    code: str  # "dates", "scope", "rights", "venue", "language", or a condition's code
    text: Text
    confidence: str
    source: Source


@dataclass(frozen=True)
class Option:
    mechanism: str
    office: str | None  # None: the whole mechanism is excluded (by date, scope or rights)
    eligible: bool
    reasons: tuple[Reason, ...]  # eligible: the rules that let it; excluded: why not
    # Only for eligible options:
    coverage: tuple[Coverage, ...] = ()  # how the rights at stake fall under its principles
    uncovered: frozenset[str] = frozenset()  # rights at stake that this option does not cover
    conditions: tuple[Reason, ...] = ()  # to check by hand before filing

    @property
    def principles(self) -> tuple[str, ...]:
        """The principles or articles to invoke, without repeats, in the rulebook's order."""
        return tuple(dict.fromkeys(code for cover in self.coverage for code in cover.principles))


DateText = Callable[[date, str], str]  # a date written in a language


def iso_date(day: date, language: str) -> str:
    return day.isoformat()


def where_to_file(
    rules: Rulebook,
    *,
    country: str,
    scope: str,
    rights: Iterable[str],
    on: date,
    date_text: DateText = iso_date,
) -> list[Option]:
    """Every office of every mechanism, the eligible ones first, in the rulebook's order.

    `rights` are codes of `rulebook.RIGHTS`; none means "not known yet" and excludes nothing.
    Unknown codes are a programming error (a form offers only the rulebook's choices).
    `date_text` writes the agreements' dates into the rules' sentences, in each language.
    """
    wanted = frozenset(rights)
    if country not in COUNTRIES:
        raise ValueError(f"unknown country {country!r}")
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    if unknown := sorted(wanted - set(RIGHTS)):
        raise ValueError(f"unknown rights {unknown}")
    eligible: list[Option] = []
    excluded: list[Option] = []
    for mechanism in rules.mechanisms.values():
        if blockers := _blockers(mechanism, scope, wanted, on, date_text):
            excluded.append(Option(mechanism.code, None, False, tuple(blockers)))
            continue
        receiving = other_offices(rules, mechanism, country) if country in mechanism.against else []
        venue = Reason(
            "venue",
            mechanism.routing.venue[country],
            mechanism.venue.confidence,
            Source(mechanism.venue.citation),
        )
        for office in mechanism.offices:
            if office not in receiving:
                excluded.append(Option(mechanism.code, office, False, (venue,)))
                continue
            option = _eligible(mechanism, office, country, wanted, venue, date_text)
            (eligible if option.eligible else excluded).append(option)
    return eligible + excluded


def _blockers(
    mechanism: Mechanism, scope: str, wanted: frozenset[str], on: date, date_text: DateText
) -> list[Reason]:
    routing = mechanism.routing
    agreement = mechanism.agreement
    blockers = []
    if on < agreement.in_force_from or (agreement.in_force_until and on > agreement.in_force_until):
        blockers.append(_dates(mechanism, date_text))
    if scope not in routing.scopes:
        blockers.append(_reason("scope", routing.scope))
    if wanted and not wanted & routing.rights_covered:
        blockers.append(_reason("rights", routing.rights))
    return blockers


def _eligible(
    mechanism: Mechanism,
    office: str,
    country: str,
    wanted: frozenset[str],
    venue: Reason,
    date_text: DateText,
) -> Option:
    routing = mechanism.routing
    rights = _reason("rights", routing.rights)
    applicable = [cover for cover in routing.covers if cover.applies(office, country)]
    covered = frozenset(right for cover in applicable for right in cover.rights)
    if wanted and not wanted & covered:
        return Option(mechanism.code, office, False, (rights,))
    conditions = [
        _reason(condition.code, condition.statement)
        for condition in routing.conditions
        if condition.applies(office, country)
    ]
    if language := mechanism.languages_at(office):
        conditions.append(_reason("language", language.statement))
    return Option(
        mechanism.code,
        office,
        True,
        (venue, rights, _reason("scope", routing.scope), _dates(mechanism, date_text)),
        coverage=tuple(cover for cover in applicable if cover.rights & wanted),
        uncovered=wanted - covered,
        conditions=tuple(conditions),
    )


def _reason(code: str, statement: Statement) -> Reason:
    return Reason(code, statement.text, statement.confidence, statement.source)


def _dates(mechanism: Mechanism, date_text: DateText) -> Reason:
    agreement = mechanism.agreement
    text = {
        language: template.format(
            **{
                "from": date_text(agreement.in_force_from, language),
                "until": date_text(agreement.in_force_until, language)
                if agreement.in_force_until
                else "",
            }
        )
        for language, template in mechanism.routing.dates.items()
    }
    return Reason("dates", text, agreement.confidence, agreement.source)

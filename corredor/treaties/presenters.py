"""Rows for the "Where to file?" page: each option of `routing.where_to_file` with its names
and rules in the active language, ready to show."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import formats, translation
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy

from corredor.treaties.labels import (
    CONFIDENCE_LABELS,
    COUNTRY_LABELS,
    RIGHT_LABELS,
    SCOPE_LABELS,
    local,
    office_name,
)
from corredor.treaties.routing import Option, Reason
from corredor.treaties.rulebook import RIGHTS, rulebook

# CONFIDENCE_LABELS speaks of deadlines for "unverified"; a routing rule is not a deadline.
RULE_CONFIDENCE_LABELS: dict[str, Promise] = {
    **CONFIDENCE_LABELS,
    "unverified": gettext_lazy("Not yet verified against the rule text"),
}


@dataclass(frozen=True)
class Rule:
    text: str
    confidence: str
    confidence_label: str
    citation: str
    url: str

    @property
    def confirmed(self) -> bool:
        return self.confidence == "confirmed"


@dataclass(frozen=True)
class Invoked:
    """A principle or article to invoke."""

    code: str
    name: str


@dataclass(frozen=True)
class Row:
    mechanism: str
    mechanism_name: str
    agreement_name: str
    office: str | None
    office_name: str | None  # None: the whole mechanism is excluded
    eligible: bool
    reasons: tuple[Rule, ...]
    principles: tuple[Invoked, ...] = ()
    uncovered: tuple[str, ...] = ()  # labels of the rights at stake this option leaves out
    conditions: tuple[Rule, ...] = ()
    start_url: str | None = None  # where to start a draft for this option, when drafting exists


@dataclass(frozen=True)
class Matter:
    """The matter as the person described it, in words."""

    country: str
    scope: str
    rights: tuple[str, ...]  # empty: not known yet
    on: date


def rule(reason: Reason) -> Rule:
    return Rule(
        text=local(reason.text),
        confidence=reason.confidence,
        confidence_label=str(RULE_CONFIDENCE_LABELS.get(reason.confidence, reason.confidence)),
        citation=reason.source.citation,
        url=reason.source.url,
    )


def right_labels(codes: Iterable[str]) -> tuple[str, ...]:
    """Labels in the rulebook's order, whatever order the codes came in."""
    wanted = set(codes)
    return tuple(str(RIGHT_LABELS[code]) for code in RIGHTS if code in wanted)


def option_rows(options: Iterable[Option], *, country: str, draft_url: str | None) -> list[Row]:
    """`draft_url` is the page that starts a draft; None when there is none to link to."""
    rules = rulebook()
    rows = []
    for option in options:
        mechanism = rules.mechanism(option.mechanism)
        start_url = None
        if option.eligible and option.office and draft_url:
            query = {"mechanism": option.mechanism, "office": option.office, "against": country}
            start_url = f"{draft_url}?{urlencode(query)}"
        rows.append(
            Row(
                mechanism=option.mechanism,
                mechanism_name=local(mechanism.name),
                agreement_name=local(mechanism.agreement.name),
                office=option.office,
                office_name=office_name(option.office) if option.office else None,
                eligible=option.eligible,
                reasons=tuple(rule(reason) for reason in option.reasons),
                principles=tuple(
                    Invoked(code, local(mechanism.principles[code].name))
                    for code in option.principles
                ),
                uncovered=right_labels(option.uncovered),
                conditions=tuple(rule(condition) for condition in option.conditions),
                start_url=start_url,
            )
        )
    return rows


def matter(country: str, scope: str, rights: Iterable[str], on: date) -> Matter:
    return Matter(
        country=str(COUNTRY_LABELS[country]),
        scope=str(SCOPE_LABELS[scope]),
        rights=right_labels(rights),
        on=on,
    )


def date_text(day: date, language: str) -> str:
    """A date as people write it in `language` ("1 de enero de 1994")."""
    with translation.override(language):
        return formats.date_format(day, "DATE_FORMAT")

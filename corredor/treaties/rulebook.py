"""The rulebook: agreements, offices, mechanisms, filing and deadline rules, as data.

The rules live in TOML files under rules/ (versioned with the code). This module reads them
into frozen dataclasses and checks that they hang together: every office, event, stage and
rule named is defined. No Django import: the engine and the CLI use it directly.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

RULES_DIR = Path(__file__).resolve().parent / "rules"
CONFIDENCE_LEVELS = ("confirmed", "practice", "unverified")
DAY_KINDS = ("calendar", "business")
TIERS = ("consultations", "evaluation_committee", "arbitral_panel")
COUNTRIES = ("US", "MX", "CA")
LANGUAGES = ("en", "es", "fr")
# What a matter concerns: one workplace, or how a country enforces its labor law in general.
SCOPES = ("workplace", "system")
# The rights a matter can be about: Corredor's own groups, mapped in each mechanism's
# [[routing.covers]] to the principles or articles that protect them. Public codes.
RIGHTS = (
    "free_association",
    "collective_bargaining",
    "strike",
    "forced_labor",
    "child_labor",
    "discrimination",
    "equal_pay",
    "minimum_wage",
    "hours",
    "safety_health",
    "injury_compensation",
    "migrant_workers",
    "violence",
)
# Placeholders a routing dates text may use: the agreement's first and last days.
DATE_PLACEHOLDERS = frozenset({"from", "until"})


class RulebookError(ValueError):
    """The rule files are inconsistent; the message names the file and the problem."""


Text = dict[str, str]  # language code -> text


@dataclass(frozen=True)
class Source:
    citation: str
    url: str = ""


@dataclass(frozen=True)
class Agreement:
    code: str
    name: Text
    short: Text
    in_force_from: date
    in_force_until: date | None
    confidence: str
    source: Source


@dataclass(frozen=True)
class Office:
    code: str
    agreement: str
    country: str
    name: Text
    confidence: str
    source: Source


@dataclass(frozen=True)
class Stage:
    code: str
    name: Text
    order: int
    closes: bool = False


@dataclass(frozen=True)
class EventType:
    code: str
    stage: str | None


@dataclass(frozen=True)
class Principle:
    code: str
    name: Text
    tier: str | None = None
    tier_note: str = ""


@dataclass(frozen=True)
class DeadlineRule:
    """Something owed: `days` calendar or business days after the first `after` event."""

    code: str
    what: Text
    owed_by: str  # an office code, or "respondent": the country complained against
    days: int
    day_kind: str
    after: tuple[str, ...]
    met_by: tuple[str, ...]
    moot_after: tuple[str, ...]
    confidence: str
    source: Source
    offices: tuple[str, ...] = ()  # empty: every office of the mechanism
    extension_days: int | None = None
    extension_event: str | None = None  # the extension counts only once this event is recorded
    trigger_from: date | None = None  # the rule governs triggers on or after this date
    trigger_until: date | None = None  # ... and on or before this one

    @property
    def extendable(self) -> bool:
        return self.extension_days is not None or self.extension_event is not None

    def applies(self, office: str, trigger_on: date) -> bool:
        if self.offices and office not in self.offices:
            return False
        if self.trigger_from and trigger_on < self.trigger_from:
            return False
        return not (self.trigger_until and trigger_on > self.trigger_until)


@dataclass(frozen=True)
class Venue:
    rule: str  # "other_party" or "pairs"
    citation: str
    confidence: str
    pairs: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True)
class Statement:
    """A rule in the rulebook's own words, in three languages, with its source."""

    text: Text
    confidence: str
    source: Source


def _applies(
    offices: tuple[str, ...], countries: tuple[str, ...], office: str, against: str
) -> bool:
    """Empty lists apply to every office and every country."""
    return (not offices or office in offices) and (not countries or against in countries)


@dataclass(frozen=True)
class Coverage:
    """These rights fall under these principles or articles (where offices and against allow)."""

    principles: tuple[str, ...]
    rights: frozenset[str]
    confidence: str
    source: Source
    offices: tuple[str, ...] = ()  # empty: every office of the mechanism
    against: tuple[str, ...] = ()  # empty: every country it covers

    def applies(self, office: str, against: str) -> bool:
        return _applies(self.offices, self.against, office, against)


@dataclass(frozen=True)
class Condition:
    """Something to check by hand before filing, which no input to the routing helper says."""

    code: str
    statement: Statement
    offices: tuple[str, ...] = ()
    against: tuple[str, ...] = ()

    def applies(self, office: str, against: str) -> bool:
        return _applies(self.offices, self.against, office, against)


@dataclass(frozen=True)
class Routing:
    """What decides whether a matter can go to this mechanism (see routing.where_to_file)."""

    scopes: frozenset[str]
    scope: Statement
    rights: Statement
    covers: tuple[Coverage, ...]
    venue: dict[str, Text]  # country complained about -> where its matters go (venue's source)
    dates: Text  # may name {from} and {until}: the agreement's dates (the agreement's source)
    conditions: tuple[Condition, ...] = ()

    @property
    def rights_covered(self) -> frozenset[str]:
        return frozenset(right for cover in self.covers for right in cover.rights)


@dataclass(frozen=True)
class FilingLanguage:
    """The offices that take filings only in these languages."""

    offices: tuple[str, ...]
    languages: tuple[str, ...]
    statement: Statement


@dataclass(frozen=True)
class Section:
    """A part of a petition, as the mechanism's guidelines ask for it."""

    code: str
    name: Text
    guidance: Text
    required: bool
    confidence: str
    source: Source
    offices: tuple[str, ...] = ()  # where `required` applies; empty: every office
    met_by_exhibits: bool = False  # attached exhibits can stand for an empty text

    def required_at(self, office: str) -> bool:
        return self.required and (not self.offices or office in self.offices)


@dataclass(frozen=True)
class Mechanism:
    code: str
    agreement: Agreement
    name: Text
    filing_event: str
    start_events: tuple[str, ...]
    venue: Venue
    offices: tuple[str, ...]
    against: tuple[str, ...]
    stages: tuple[Stage, ...]
    events: dict[str, EventType]
    principles: dict[str, Principle]
    deadlines: tuple[DeadlineRule, ...]
    routing: Routing
    sections: tuple[Section, ...]
    filing_languages: tuple[FilingLanguage, ...] = ()
    tier_sources: dict[str, dict[str, str]] = field(default_factory=dict)
    # Events that count as the first decision, the report, and an answer to the petitioners.
    measures: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def stage(self, code: str) -> Stage:
        return next(stage for stage in self.stages if stage.code == code)

    def section(self, code: str) -> Section:
        for section in self.sections:
            if section.code == code:
                return section
        raise KeyError(code)

    def languages_at(self, office: str) -> FilingLanguage | None:
        """The languages `office` takes filings in, when a rule says so."""
        return next((rule for rule in self.filing_languages if office in rule.offices), None)


@dataclass(frozen=True)
class Rulebook:
    version: str
    agreements: dict[str, Agreement]
    offices: dict[str, Office]
    mechanisms: dict[str, Mechanism]

    def mechanism(self, code: str) -> Mechanism:
        try:
            return self.mechanisms[code]
        except KeyError:
            raise KeyError(code) from None

    @property
    def event_codes(self) -> frozenset[str]:
        return frozenset(code for m in self.mechanisms.values() for code in m.events)


def _text(raw: dict[str, Any], key: str, where: str) -> Text:
    value = raw.get(key)
    if (
        not isinstance(value, dict)
        or set(value) != set(LANGUAGES)
        or not all(isinstance(text, str) and text.strip() for text in value.values())
    ):
        raise RulebookError(f"{where}: {key} needs en, es and fr")
    return dict(value)


def _source(raw: dict[str, Any], where: str) -> Source:
    source = raw.get("source")
    if not isinstance(source, dict) or not source.get("citation"):
        raise RulebookError(f"{where}: every fact needs source.citation")
    return Source(citation=source["citation"], url=source.get("url", ""))


def _confidence(raw: dict[str, Any], where: str) -> str:
    value = raw.get("confidence")
    if value not in CONFIDENCE_LEVELS:
        raise RulebookError(f"{where}: confidence must be one of {', '.join(CONFIDENCE_LEVELS)}")
    return str(value)


def _load_agreements(raw: dict[str, Any]) -> tuple[dict[str, Agreement], dict[str, Office]]:
    agreements = {}
    for item in raw.get("agreement", []):
        where = f"agreements.toml agreement {item.get('code')}"
        agreements[item["code"]] = Agreement(
            code=item["code"],
            name=_text(item, "name", where),
            short=_text(item, "short", where),
            in_force_from=item["in_force_from"],
            in_force_until=item.get("in_force_until"),
            confidence=_confidence(item, where),
            source=_source(item, where),
        )
    offices = {}
    for item in raw.get("office", []):
        where = f"agreements.toml office {item.get('code')}"
        if item.get("agreement") not in agreements:
            raise RulebookError(f"{where}: unknown agreement {item.get('agreement')!r}")
        if item.get("country") not in COUNTRIES:
            raise RulebookError(f"{where}: country must be one of {', '.join(COUNTRIES)}")
        offices[item["code"]] = Office(
            code=item["code"],
            agreement=item["agreement"],
            country=item["country"],
            name=_text(item, "name", where),
            confidence=_confidence(item, where),
            source=_source(item, where),
        )
    return agreements, offices


def _statement(raw: dict[str, Any], where: str, key: str = "text") -> Statement:
    return Statement(
        text=_text(raw, key, where),
        confidence=_confidence(raw, where),
        source=_source(raw, where),
    )


def _within(values: Any, allowed: Any, what: str, where: str) -> tuple[str, ...]:
    """`values` as a tuple of strings, each one of `allowed`."""
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise RulebookError(f"{where}: {what} must be a list of codes")
    if unknown := sorted(set(values) - set(allowed)):
        raise RulebookError(f"{where}: unknown {what} {unknown}")
    return tuple(values)


def _table(raw: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = raw.get(key)
    if not isinstance(value, dict):
        raise RulebookError(f"{where}: needs a [{key}] table")
    return value


def _load_routing(
    raw: dict[str, Any],
    file_where: str,
    mechanism_offices: list[str],
    against: list[str],
    principles: dict[str, Principle],
) -> Routing:
    routing = _table(raw, "routing", file_where)
    where = f"{file_where} routing"
    scope = _table(routing, "scope", where)
    scopes = _within(scope.get("allowed"), SCOPES, "scopes", f"{where} scope")
    if not scopes:
        raise RulebookError(f"{where} scope: allowed needs at least one scope")
    venue = _table(routing, "venue", where)
    # Every country gets a sentence, even one the mechanism cannot reach: it says where to go.
    venue_texts = {country: _text(venue, country, f"{where} venue") for country in COUNTRIES}
    dates = _text(_table(routing, "dates", where), "text", f"{where} dates")
    for language, text in dates.items():
        try:
            text.format(**{name: "" for name in DATE_PLACEHOLDERS})
        except (KeyError, IndexError, ValueError):
            raise RulebookError(
                f"{where} dates: text.{language} may name only {{from}} and {{until}}"
            ) from None
    covers = []
    for item in routing.get("covers", []):
        cover_where = f"{where} covers {item.get('principles')}"
        rights = _within(item.get("rights"), RIGHTS, "rights", cover_where)
        if not rights:
            raise RulebookError(f"{cover_where}: rights needs at least one right")
        covers.append(
            Coverage(
                principles=_within(item.get("principles"), principles, "principles", cover_where),
                rights=frozenset(rights),
                confidence=_confidence(item, cover_where),
                source=_source(item, cover_where),
                offices=_within(item.get("offices", []), mechanism_offices, "offices", cover_where),
                against=_within(item.get("against", []), against, "countries", cover_where),
            )
        )
    if not covers:
        raise RulebookError(f"{where}: covers needs at least one entry")
    conditions: list[Condition] = []
    for item in routing.get("condition", []):
        condition_where = f"{where} condition {item.get('code')}"
        if not isinstance(item.get("code"), str) or not item["code"]:
            raise RulebookError(f"{condition_where}: every condition needs a code")
        if item["code"] in {condition.code for condition in conditions}:
            raise RulebookError(f"{condition_where}: code appears twice")
        conditions.append(
            Condition(
                code=item["code"],
                statement=_statement(item, condition_where),
                offices=_within(
                    item.get("offices", []), mechanism_offices, "offices", condition_where
                ),
                against=_within(item.get("against", []), against, "countries", condition_where),
            )
        )
    return Routing(
        scopes=frozenset(scopes),
        scope=_statement(scope, f"{where} scope"),
        rights=_statement(_table(routing, "rights", where), f"{where} rights"),
        covers=tuple(covers),
        venue=venue_texts,
        dates=dates,
        conditions=tuple(conditions),
    )


def _load_sections(
    raw: dict[str, Any], where: str, mechanism_offices: list[str]
) -> tuple[Section, ...]:
    sections: list[Section] = []
    for item in raw.get("section", []):
        section_where = f"{where} section {item.get('code')}"
        code = item.get("code")
        if not isinstance(code, str) or not code:
            raise RulebookError(f"{section_where}: every section needs a code")
        if code in {section.code for section in sections}:
            raise RulebookError(f"{section_where}: code appears twice")
        required = item.get("required")
        met_by_exhibits = item.get("met_by_exhibits", False)
        if not isinstance(required, bool) or not isinstance(met_by_exhibits, bool):
            raise RulebookError(f"{section_where}: required and met_by_exhibits are true or false")
        sections.append(
            Section(
                code=code,
                name=_text(item, "name", section_where),
                guidance=_text(item, "guidance", section_where),
                required=required,
                confidence=_confidence(item, section_where),
                source=_source(item, section_where),
                offices=_within(
                    item.get("offices", []), mechanism_offices, "offices", section_where
                ),
                met_by_exhibits=met_by_exhibits,
            )
        )
    if not any(section.required for section in sections):
        raise RulebookError(f"{where}: needs sections, at least one of them required")
    return tuple(sections)


def _load_filing_languages(
    raw: dict[str, Any], where: str, mechanism_offices: list[str]
) -> tuple[FilingLanguage, ...]:
    rules = []
    seen: set[str] = set()
    for item in raw.get("filing_language", []):
        rule_where = f"{where} filing_language {item.get('offices')}"
        offices = _within(item.get("offices"), mechanism_offices, "offices", rule_where)
        languages = _within(item.get("languages"), LANGUAGES, "languages", rule_where)
        if not offices or not languages:
            raise RulebookError(f"{rule_where}: needs offices and languages")
        if twice := seen & set(offices):
            raise RulebookError(f"{rule_where}: offices {sorted(twice)} have two language rules")
        seen |= set(offices)
        rules.append(
            FilingLanguage(
                offices=offices, languages=languages, statement=_statement(item, rule_where)
            )
        )
    return tuple(rules)


def _load_mechanism(
    raw: dict[str, Any], path: Path, agreements: dict[str, Agreement], offices: dict[str, Office]
) -> Mechanism:
    where = path.name
    agreement = agreements.get(raw.get("agreement", ""))
    if agreement is None:
        raise RulebookError(f"{where}: unknown agreement {raw.get('agreement')!r}")
    for office in raw["offices"]:
        if office not in offices or offices[office].agreement != agreement.code:
            raise RulebookError(f"{where}: office {office!r} is not an office of {agreement.code}")
    stages = tuple(
        Stage(
            code=s["code"],
            name=_text(s, "name", f"{where} stage"),
            order=i,
            closes=s.get("closes", False),
        )
        for i, s in enumerate(raw.get("stage", []))
    )
    stage_codes = {s.code for s in stages}
    events = {}
    for item in raw.get("event", []):
        if item.get("stage") is not None and item["stage"] not in stage_codes:
            raise RulebookError(
                f"{where}: event {item['code']} names unknown stage {item['stage']}"
            )
        events[item["code"]] = EventType(code=item["code"], stage=item.get("stage"))
    principles = {}
    for item in raw.get("principle", []):
        tier = item.get("tier")
        if tier is not None and tier not in TIERS:
            raise RulebookError(f"{where}: principle {item['code']} has unknown tier {tier}")
        principles[str(item["code"])] = Principle(
            code=str(item["code"]),
            name=_text(item, "name", f"{where} principle {item['code']}"),
            tier=tier,
            tier_note=item.get("tier_note", ""),
        )
    deadlines = []
    for item in raw.get("deadline", []):
        rule_where = f"{where} deadline {item.get('code')}"
        rule = DeadlineRule(
            code=item["code"],
            what=_text(item, "what", rule_where),
            owed_by=item["owed_by"],
            days=int(item["days"]),
            day_kind=item.get("day_kind", "calendar"),
            after=tuple(item["after"]),
            met_by=tuple(item["met_by"]),
            moot_after=tuple(item.get("moot_after", ())),
            confidence=_confidence(item, rule_where),
            source=_source(item, rule_where),
            offices=tuple(item.get("offices", ())),
            extension_days=item.get("extension_days"),
            extension_event=item.get("extension_event"),
            trigger_from=item.get("trigger_from"),
            trigger_until=item.get("trigger_until"),
        )
        if rule.day_kind not in DAY_KINDS:
            raise RulebookError(f"{rule_where}: day_kind must be calendar or business")
        if rule.days <= 0:
            raise RulebookError(f"{rule_where}: days must be positive")
        named = set(rule.after) | set(rule.met_by) | set(rule.moot_after)
        if rule.extension_event:
            named.add(rule.extension_event)
        if unknown := named - set(events):
            raise RulebookError(f"{rule_where}: unknown events {sorted(unknown)}")
        if unknown_offices := set(rule.offices) - set(raw["offices"]):
            raise RulebookError(f"{rule_where}: unknown offices {sorted(unknown_offices)}")
        if rule.owed_by != "respondent" and rule.owed_by not in offices:
            raise RulebookError(f"{rule_where}: owed_by must be an office code or respondent")
        deadlines.append(rule)
    venue_raw = raw["venue"]
    venue = Venue(
        rule=venue_raw["rule"],
        citation=venue_raw["citation"],
        confidence=_confidence(venue_raw, f"{where} venue"),
        pairs=frozenset(tuple(pair) for pair in venue_raw.get("pairs", [])),
    )
    if venue.rule not in ("other_party", "pairs"):
        raise RulebookError(f"{where}: venue.rule must be other_party or pairs")
    measures = {name: tuple(codes) for name, codes in raw.get("measures", {}).items()}
    if set(measures) != {"first_decision", "report", "answer"}:
        raise RulebookError(f"{where}: measures needs first_decision, report and answer")
    if unknown := {code for codes in measures.values() for code in codes} - set(events):
        raise RulebookError(f"{where}: measures name unknown events {sorted(unknown)}")
    start_events = tuple(raw.get("start_events", [raw["filing_event"]]))
    if unknown := set(start_events) - set(events):
        raise RulebookError(f"{where}: unknown start events {sorted(unknown)}")
    _within(raw["against"], COUNTRIES, "countries", where)
    return Mechanism(
        code=raw["code"],
        agreement=agreement,
        name=_text(raw, "name", where),
        filing_event=raw["filing_event"],
        start_events=start_events,
        venue=venue,
        offices=tuple(raw["offices"]),
        against=tuple(raw["against"]),
        stages=stages,
        events=events,
        principles=principles,
        deadlines=tuple(deadlines),
        routing=_load_routing(raw, where, raw["offices"], raw["against"], principles),
        sections=_load_sections(raw, where, raw["offices"]),
        filing_languages=_load_filing_languages(raw, where, raw["offices"]),
        tier_sources=dict(raw.get("tiers", {})),
        measures=measures,
    )


def load_rulebook(directory: Path = RULES_DIR) -> Rulebook:
    with (directory / "agreements.toml").open("rb") as handle:
        raw = tomllib.load(handle)
    agreements, offices = _load_agreements(raw)
    mechanisms = {}
    for path in sorted((directory / "mechanisms").glob("*.toml")):
        with path.open("rb") as handle:
            mechanism = _load_mechanism(tomllib.load(handle), path, agreements, offices)
        if mechanism.code != path.stem:
            raise RulebookError(f"{path.name}: code {mechanism.code!r} must match the file name")
        mechanisms[mechanism.code] = mechanism
    return Rulebook(
        version=str(raw["version"]), agreements=agreements, offices=offices, mechanisms=mechanisms
    )


@cache
def rulebook() -> Rulebook:
    """The rulebook shipped with Corredor, read once per process."""
    return load_rulebook()

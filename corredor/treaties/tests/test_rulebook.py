"""The rulebook: the shipped rule files load, hold the public codes and the known deadlines,
and a broken copy is refused with a message that names the problem."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import pytest

from corredor.treaties.rulebook import (
    CONFIDENCE_LEVELS,
    RULES_DIR,
    DeadlineRule,
    RulebookError,
    Section,
    load_rulebook,
    rulebook,
)

DATA_DIR = Path(__file__).resolve().parents[2] / "petitions" / "data"
RULES = rulebook()


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def deadline(mechanism: str, code: str) -> DeadlineRule:
    return next(rule for rule in RULES.mechanism(mechanism).deadlines if rule.code == code)


ALL_DEADLINES = [(m.code, rule) for m in RULES.mechanisms.values() for rule in m.deadlines]


def test_the_shipped_rulebook_loads_once_per_process() -> None:
    assert load_rulebook() == RULES
    assert rulebook() is RULES
    assert RULES.version


def test_it_has_exactly_the_three_public_mechanisms() -> None:
    assert set(RULES.mechanisms) == {"naalc", "usmca-23.11", "usmca-rrm"}


OFFICES = {
    # code: (agreement, country)
    "us-nao": ("naalc", "US"),
    "mx-nao": ("naalc", "MX"),
    "ca-nao": ("naalc", "CA"),
    "us-otla": ("usmca", "US"),
    "mx-stps": ("usmca", "MX"),
    "ca-esdc": ("usmca", "CA"),
    "us-ilc": ("usmca", "US"),
}


def test_it_has_exactly_the_seven_public_offices_each_in_its_agreement_and_country() -> None:
    found = {code: (office.agreement, office.country) for code, office in RULES.offices.items()}
    assert found == OFFICES


@pytest.mark.parametrize(
    ("mechanism", "offices"),
    [
        ("naalc", ("us-nao", "mx-nao", "ca-nao")),
        ("usmca-23.11", ("us-otla", "mx-stps", "ca-esdc")),
        ("usmca-rrm", ("us-ilc", "mx-stps", "ca-esdc")),
    ],
)
def test_each_mechanism_receives_filings_at_its_own_offices(
    mechanism: str, offices: tuple[str, ...]
) -> None:
    assert RULES.mechanism(mechanism).offices == offices


def test_it_knows_every_event_recorded_in_the_case_register() -> None:
    recorded = {row["event"] for row in read_csv("case_events.csv")}
    assert recorded  # the register is not empty
    assert recorded <= RULES.event_codes


def test_each_recorded_event_belongs_to_its_case_mechanism() -> None:
    mechanism_of = {row["reference"]: row["mechanism"] for row in read_csv("cases.csv")}
    misplaced = [
        (row["reference"], row["event"])
        for row in read_csv("case_events.csv")
        if row["event"] not in RULES.mechanism(mechanism_of[row["reference"]]).events
    ]
    assert misplaced == []


@pytest.mark.parametrize(
    ("mechanism", "code"),
    [
        ("naalc", "review_declined"),
        ("naalc", "review_completed"),
        ("naalc", "response_to_petitioner"),
        ("usmca-23.11", "review_declined"),
        ("usmca-23.11", "review_completed"),
        ("usmca-23.11", "response_to_petitioner"),
        ("usmca-rrm", "review_declined"),
        ("usmca-rrm", "review_completed"),
        ("usmca-rrm", "petition_declined"),
        ("usmca-rrm", "response_to_petitioner"),
    ],
)
def test_it_knows_the_events_the_register_has_not_needed_yet(mechanism: str, code: str) -> None:
    assert code in RULES.mechanism(mechanism).events


def test_the_naalc_was_in_force_from_1994_to_the_eve_of_the_usmca() -> None:
    naalc = RULES.agreements["naalc"]
    assert (naalc.in_force_from, naalc.in_force_until) == (date(1994, 1, 1), date(2020, 6, 30))


def test_the_usmca_is_in_force_from_2020_07_01_with_no_end() -> None:
    usmca = RULES.agreements["usmca"]
    assert (usmca.in_force_from, usmca.in_force_until) == (date(2020, 7, 1), None)


def test_the_naalc_lists_its_eleven_labor_principles_with_how_far_each_can_go() -> None:
    tiers = {code: p.tier for code, p in RULES.mechanism("naalc").principles.items()}
    assert tiers == {
        "1": "consultations",
        "2": "consultations",
        "3": "consultations",
        "4": "evaluation_committee",
        "5": "arbitral_panel",
        "6": "arbitral_panel",
        "7": "evaluation_committee",
        "8": "evaluation_committee",
        "9": "arbitral_panel",
        "10": "evaluation_committee",
        "11": "evaluation_committee",
    }


@pytest.mark.parametrize(
    "rule", [rule for _, rule in ALL_DEADLINES], ids=[f"{m}:{r.code}" for m, r in ALL_DEADLINES]
)
def test_every_deadline_cites_its_source_and_says_how_sure_we_are(rule: DeadlineRule) -> None:
    assert rule.source.citation.strip()
    assert rule.confidence in CONFIDENCE_LEVELS
    assert all(rule.what[language].strip() for language in ("en", "es", "fr"))


def test_every_agreement_office_and_venue_cites_its_source() -> None:
    facts = [*RULES.agreements.values(), *RULES.offices.values()]
    assert all(fact.source.citation.strip() for fact in facts)
    assert all(fact.confidence in CONFIDENCE_LEVELS for fact in facts)
    venues = [mechanism.venue for mechanism in RULES.mechanisms.values()]
    assert all(venue.citation.strip() and venue.confidence in CONFIDENCE_LEVELS for venue in venues)


REQUIRED_DEADLINES = [
    # mechanism, code, owed by, after, days, extension days, extension event
    ("naalc", "us-nao-accept-1994", "us-nao", ("filed",), 60, None, None),
    ("naalc", "us-otla-accept-2006", "us-nao", ("filed",), 60, None, None),
    ("naalc", "us-nao-report-1994", "us-nao", ("accepted_for_review",), 120, 60, None),
    ("naalc", "us-otla-report-2006", "us-nao", ("accepted_for_review",), 180, None,
     "review_extended"),
    ("usmca-rrm", "us-ilc-rrm-petition", "us-ilc", ("petition_filed",), 30, None, None),
    ("usmca-23.11", "us-ilc-first-review", "us-ilc", ("filed",), 20, None, None),
    ("usmca-23.11", "us-ilc-decision", "us-ilc", ("filed",), 60, None, None),
    ("usmca-rrm", "rrm-respondent-agrees", "respondent", ("review_requested",), 10, None, None),
    ("usmca-rrm", "rrm-respondent-review", "respondent", ("review_agreed",), 45, None, None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("mechanism", "code", "owed_by", "after", "days", "extension_days", "extension_event"),
    REQUIRED_DEADLINES,
    ids=[row[1] for row in REQUIRED_DEADLINES],
)
def test_the_known_deadlines_are_in_the_rulebook_with_their_day_counts(
    mechanism: str,
    code: str,
    owed_by: str,
    after: tuple[str, ...],
    days: int,
    extension_days: int | None,
    extension_event: str | None,
) -> None:
    rule = deadline(mechanism, code)
    assert (rule.owed_by, rule.after, rule.days, rule.day_kind) == (
        owed_by,
        after,
        days,
        "calendar",
    )
    assert (rule.extension_days, rule.extension_event) == (extension_days, extension_event)


def test_the_1994_and_2006_us_guidelines_meet_on_the_day_otla_took_over() -> None:
    for old, new in [
        ("us-nao-accept-1994", "us-otla-accept-2006"),
        ("us-nao-report-1994", "us-otla-report-2006"),
    ]:
        assert deadline("naalc", old).trigger_until == date(2006, 12, 20)
        assert deadline("naalc", new).trigger_from == date(2006, 12, 21)
        assert deadline("naalc", new).trigger_until is None


def test_the_us_office_decides_on_a_communication_by_accepting_or_declining_it() -> None:
    for code in ("us-nao-accept-1994", "us-otla-accept-2006"):
        assert {"accepted_for_review", "declined"} <= set(deadline("naalc", code).met_by)


def test_a_rapid_response_review_is_completed_only_by_the_respondents_report() -> None:
    assert deadline("usmca-rrm", "rrm-respondent-review").met_by == ("review_completed",)
    assert set(deadline("usmca-rrm", "rrm-respondent-agrees").met_by) == {
        "review_agreed",
        "review_declined",
    }


ALL_SECTIONS = [(m.code, section) for m in RULES.mechanisms.values() for section in m.sections]


@pytest.mark.parametrize(
    ("mechanism", "section"), ALL_SECTIONS, ids=[f"{m}:{s.code}" for m, s in ALL_SECTIONS]
)
def test_every_section_is_named_and_explained_in_three_languages_with_its_source(
    mechanism: str, section: Section
) -> None:
    assert all(section.name[language].strip() for language in ("en", "es", "fr"))
    assert all(section.guidance[language].strip() for language in ("en", "es", "fr"))
    assert section.source.citation.strip()
    assert section.confidence in CONFIDENCE_LEVELS
    assert set(section.offices) <= set(RULES.mechanism(mechanism).offices)


@pytest.mark.parametrize("mechanism", sorted(RULES.mechanisms))
def test_each_mechanism_asks_for_the_generic_sections_and_requires_the_facts(
    mechanism: str,
) -> None:
    sections = RULES.mechanism(mechanism).sections
    codes = [section.code for section in sections]
    assert len(codes) == len(set(codes))
    assert {"petitioners", "facts", "harm", "domestic_remedies", "relief"} <= set(codes)
    assert RULES.mechanism(mechanism).section("facts").required


def test_the_rapid_response_mechanism_requires_the_covered_facility_everywhere() -> None:
    facility = RULES.mechanism("usmca-rrm").section("facility")
    assert (facility.required, facility.offices) == (True, ())


def test_the_routing_rules_say_where_a_matter_about_each_country_goes() -> None:
    for mechanism in RULES.mechanisms.values():
        routing = mechanism.routing
        assert set(routing.venue) == {"US", "MX", "CA"}
        assert routing.scopes
        covered = {code for cover in routing.covers for code in cover.principles}
        assert covered <= set(mechanism.principles)
        for statement in (routing.scope, routing.rights):
            assert statement.source.citation and statement.confidence in CONFIDENCE_LEVELS
    assert RULES.mechanism("usmca-rrm").routing.rights_covered == {
        "free_association",
        "collective_bargaining",
    }
    assert RULES.mechanism("usmca-rrm").routing.scopes == {"workplace"}


# A broken copy of the rules: (file, text to replace, replacement, what the error must say).
BROKEN_COPIES = {
    "an-unknown-event-in-a-deadline": (
        "mechanisms/usmca-rrm.toml",
        'after = ["review_agreed"]',
        'after = ["review_agred"]',
        r"usmca-rrm\.toml deadline rrm-respondent-review: unknown events \['review_agred'\]",
    ),
    "a-missing-source-citation": (
        "mechanisms/usmca-rrm.toml",
        'source.citation = "USMCA Annex 31-A: the respondent answers within 10 days of the '
        'request"\n',
        "",
        r"usmca-rrm\.toml deadline rrm-respondent-agrees: every fact needs source\.citation",
    ),
    "a-bad-confidence": (
        "mechanisms/naalc.toml",
        'confidence = "practice"\nsource.citation = "US NAO 1994',
        'confidence = "likely"\nsource.citation = "US NAO 1994',
        r"naalc\.toml deadline us-nao-accept-1994: confidence must be one of "
        r"confirmed, practice, unverified",
    ),
    "an-office-of-the-wrong-agreement": (
        "mechanisms/naalc.toml",
        'offices = ["us-nao", "mx-nao", "ca-nao"]',
        'offices = ["us-nao", "mx-stps", "ca-nao"]',
        r"naalc\.toml: office 'mx-stps' is not an office of naalc",
    ),
    "a-missing-french-text-in-a-deadline": (
        "mechanisms/naalc.toml",
        'what.fr = "Le bureau des États-Unis publie son rapport"\n',
        "",
        r"naalc\.toml deadline us-nao-report-1994: what needs en, es and fr",
    ),
    "a-missing-french-text-in-an-agreement": (
        "agreements.toml",
        'short.fr = "ANACT"\n',
        "",
        r"agreements\.toml agreement naalc: short needs en, es and fr",
    ),
    "an-office-in-an-unknown-country": (
        "agreements.toml",
        'code = "ca-esdc"\nagreement = "usmca"\ncountry = "CA"',
        'code = "ca-esdc"\nagreement = "usmca"\ncountry = "GT"',
        r"agreements\.toml office ca-esdc: country must be one of US, MX, CA",
    ),
    "a-deadline-of-zero-days": (
        "mechanisms/usmca-rrm.toml",
        "days = 45",
        "days = 0",
        r"rrm-respondent-review: days must be positive",
    ),
    "an-unknown-kind-of-days": (
        "mechanisms/usmca-rrm.toml",
        'days = 30\nday_kind = "calendar"',
        'days = 30\nday_kind = "weekdays"',
        r"us-ilc-rrm-petition: day_kind must be calendar or business",
    ),
    "a-deadline-owed-by-an-unknown-office": (
        "mechanisms/usmca-rrm.toml",
        'owed_by = "us-ilc"',
        'owed_by = "us-dol"',
        r"us-ilc-rrm-petition: owed_by must be an office code or respondent",
    ),
    "a-deadline-for-an-office-outside-the-mechanism": (
        "mechanisms/usmca-23.11.toml",
        'code = "us-ilc-decision"\noffices = ["us-otla"]',
        'code = "us-ilc-decision"\noffices = ["us-ilc"]',
        r"us-ilc-decision: unknown offices \['us-ilc'\]",
    ),
    "an-event-in-an-unknown-stage": (
        "mechanisms/naalc.toml",
        'code = "hearing_held"\nstage = "review"',
        'code = "hearing_held"\nstage = "hearing"',
        r"naalc\.toml: event hearing_held names unknown stage hearing",
    ),
    "a-missing-measure": (
        "mechanisms/naalc.toml",
        'report = ["report_issued", "review_completed"]\n',
        "",
        r"naalc\.toml: measures needs first_decision, report and answer",
    ),
    "two-sections-with-one-code": (
        "mechanisms/usmca-rrm.toml",
        'code = "harm"\nrequired = false',
        'code = "relief"\nrequired = false',
        r"usmca-rrm\.toml section relief: code appears twice",
    ),
    "a-section-guidance-in-another-language": (
        "mechanisms/naalc.toml",
        'guidance.fr = "Indiquez si une question soulevée ici',
        'guidance.de = "Indiquez si une question soulevée ici',
        r"naalc\.toml section international_bodies: guidance needs en, es and fr",
    ),
    "a-blank-section-name": (
        "mechanisms/naalc.toml",
        'name.fr = "Préjudice"',
        'name.fr = " "',
        r"naalc\.toml section harm: name needs en, es and fr",
    ),
    "a-section-without-a-source": (
        "mechanisms/usmca-rrm.toml",
        'source.citation = "ESDC, Guidelines for Denial of Rights claims (Annex 31-B), section 4',
        'source.note = "ESDC, Guidelines for Denial of Rights claims (Annex 31-B), section 4',
        r"usmca-rrm\.toml section confidential: every fact needs source\.citation",
    ),
    "a-section-required-in-words": (
        "mechanisms/usmca-23.11.toml",
        'code = "trade_effect"\nrequired = true',
        'code = "trade_effect"\nrequired = "yes"',
        r"section trade_effect: required and met_by_exhibits are true or false",
    ),
    "a-section-required-at-an-office-outside-the-mechanism": (
        "mechanisms/usmca-23.11.toml",
        'code = "evidence"\nrequired = true\noffices = ["us-otla"]',
        'code = "evidence"\nrequired = true\noffices = ["us-ilc"]',
        r"usmca-23\.11\.toml section evidence: unknown offices \['us-ilc'\]",
    ),
    "a-right-the-rulebook-does-not-have": (
        "mechanisms/usmca-rrm.toml",
        'rights = ["free_association", "collective_bargaining"]\nconfidence = "confirmed"\n'
        'source.citation = "USMCA Annex 31-B',
        'rights = ["union_busting"]\nconfidence = "confirmed"\nsource.citation = "USMCA Annex 31-B',
        r"usmca-rrm\.toml routing covers \['annex-31-b'\]: unknown rights \['union_busting'\]",
    ),
    "a-coverage-of-an-unknown-principle": (
        "mechanisms/naalc.toml",
        'principles = ["11"]',
        'principles = ["12"]',
        r"naalc\.toml routing covers \['12'\]: unknown principles \['12'\]",
    ),
    "an-unknown-scope": (
        "mechanisms/usmca-rrm.toml",
        'allowed = ["workplace"]',
        'allowed = ["facility"]',
        r"usmca-rrm\.toml routing scope: unknown scopes \['facility'\]",
    ),
    "a-dates-text-with-an-unknown-placeholder": (
        "mechanisms/naalc.toml",
        "filed from {from} to {until}, when",
        "filed from {start} to {until}, when",
        r"naalc\.toml routing dates: text\.en may name only \{from\} and \{until\}",
    ),
    "a-country-without-a-venue-sentence": (
        "mechanisms/usmca-rrm.toml",
        'CA.en = "A Rapid Response case about a facility in Canada',
        'GT.en = "A Rapid Response case about a facility in Canada',
        r"usmca-rrm\.toml routing venue: CA needs en, es and fr",
    ),
    "a-filing-language-corredor-does-not-have": (
        "mechanisms/usmca-23.11.toml",
        'languages = ["es"]',
        'languages = ["pt"]',
        r"usmca-23\.11\.toml filing_language \['mx-stps'\]: unknown languages \['pt'\]",
    ),
    "a-routing-without-its-scope": (
        "mechanisms/naalc.toml",
        "[routing.scope]",
        "[routing.scopes]",
        r"naalc\.toml routing: needs a \[scope\] table",
    ),
    "two-conditions-with-one-code": (
        "mechanisms/usmca-rrm.toml",
        'code = "canadian-submitter"',
        'code = "covered-facility"',
        r"usmca-rrm\.toml routing condition covered-facility: code appears twice",
    ),
    "a-code-that-does-not-match-the-file-name": (
        "mechanisms/usmca-rrm.toml",
        'code = "usmca-rrm"',
        'code = "rrm"',
        r"usmca-rrm\.toml: code 'rrm' must match the file name",
    ),
}


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "rules"
    shutil.copytree(RULES_DIR, copy)
    return copy


def test_an_untouched_copy_of_the_rules_loads_like_the_shipped_rules(rules_copy: Path) -> None:
    assert load_rulebook(rules_copy) == RULES


@pytest.mark.parametrize(
    ("path", "old", "new", "message"), BROKEN_COPIES.values(), ids=BROKEN_COPIES.keys()
)
def test_it_refuses_broken_rules_naming_the_file_and_the_problem(
    rules_copy: Path, path: str, old: str, new: str, message: str
) -> None:
    target = rules_copy / path
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the text to break must occur exactly once in {path}"
    target.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(RulebookError, match=message):
        load_rulebook(rules_copy)

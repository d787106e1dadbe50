"""Choosing where to file: which mechanisms and offices can receive a matter, each with the
rules that decide in three languages and their sources, and why the others cannot."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corredor.treaties.routing import Option, where_to_file
from corredor.treaties.rulebook import CONFIDENCE_LEVELS, COUNTRIES, RIGHTS, SCOPES, rulebook
from corredor.treaties.venue import check_filing

D = date.fromisoformat
RULES = rulebook()
TODAY = D("2026-11-24")


def options(
    country: str, scope: str = "workplace", rights: frozenset[str] | set[str] = frozenset(),
    on: date = TODAY,
) -> list[Option]:  # fmt: skip
    return where_to_file(RULES, country=country, scope=scope, rights=rights, on=on)


def eligible(country: str, scope: str, rights: set[str], on: date) -> list[tuple[str, str | None]]:
    return [(o.mechanism, o.office) for o in options(country, scope, rights, on) if o.eligible]


def find(found: list[Option], mechanism: str, office: str | None) -> Option:
    return next(o for o in found if (o.mechanism, o.office) == (mechanism, office))


ROUTING_CASES = [
    # country, scope, rights, on, eligible (mechanism, office), why
    ("US", "workplace", {"free_association"}, "2026-11-24",
     [("usmca-23.11", "mx-stps"), ("usmca-23.11", "ca-esdc"), ("usmca-rrm", "mx-stps")],
     "organizing-at-a-us-workplace-today"),
    ("US", "system", {"migrant_workers", "discrimination"}, "2026-11-24",
     [("usmca-23.11", "mx-stps"), ("usmca-23.11", "ca-esdc")],
     "migrant-women-in-the-us-as-in-2021"),
    ("MX", "workplace", {"free_association", "collective_bargaining"}, "2023-05-15",
     [("usmca-23.11", "us-otla"), ("usmca-23.11", "ca-esdc"), ("usmca-rrm", "us-ilc"),
      ("usmca-rrm", "ca-esdc")],
     "a-union-vote-at-a-mexican-auto-plant"),
    ("MX", "system", {"free_association"}, "2023-05-15",
     [("usmca-23.11", "us-otla"), ("usmca-23.11", "ca-esdc")],
     "mexicos-system-is-not-for-the-rapid-response-mechanism"),
    ("MX", "workplace", {"safety_health"}, "2023-05-15",
     [("usmca-23.11", "us-otla"), ("usmca-23.11", "ca-esdc")],
     "safety-is-not-for-the-rapid-response-mechanism"),
    ("CA", "workplace", {"free_association"}, "2023-05-15",
     [("usmca-23.11", "us-otla"), ("usmca-23.11", "mx-stps"), ("usmca-rrm", "mx-stps")],
     "a-canadian-facility-only-mexico-can-bring"),
    ("US", "system", {"migrant_workers"}, "1998-01-01",
     [("naalc", "mx-nao"), ("naalc", "ca-nao")], "naalc-about-the-us"),
    ("MX", "workplace", {"child_labor"}, "1998-08-17",
     [("naalc", "us-nao"), ("naalc", "ca-nao")], "naalc-about-mexico"),
    ("CA", "system", {"injury_compensation"}, "2000-01-10",
     [("naalc", "us-nao"), ("naalc", "mx-nao")], "naalc-about-canada"),
    ("US", "workplace", {"free_association"}, "2020-06-30",
     [("naalc", "mx-nao"), ("naalc", "ca-nao")], "the-naalcs-last-day"),
    ("US", "workplace", {"free_association"}, "2020-07-01",
     [("usmca-23.11", "mx-stps"), ("usmca-23.11", "ca-esdc"), ("usmca-rrm", "mx-stps")],
     "the-usmcas-first-day"),
    ("MX", "workplace", {"free_association"}, "1993-12-31", [], "before-both-agreements"),
    ("MX", "system", {"injury_compensation"}, "2026-11-24", [],
     "no-usmca-article-names-work-injury-compensation"),
    ("MX", "workplace", set(), "2023-05-15",
     [("usmca-23.11", "us-otla"), ("usmca-23.11", "ca-esdc"), ("usmca-rrm", "us-ilc"),
      ("usmca-rrm", "ca-esdc")],
     "rights-not-known-yet-exclude-nothing"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("country", "scope", "rights", "on", "expected"),
    [case[:5] for case in ROUTING_CASES],
    ids=[case[5] for case in ROUTING_CASES],
)
def test_it_lists_the_mechanisms_and_offices_that_can_receive_a_matter(
    country: str, scope: str, rights: set[str], on: str, expected: list[tuple[str, str]]
) -> None:
    assert eligible(country, scope, rights, D(on)) == expected


def test_it_sends_a_complaint_about_the_united_states_to_mexicos_or_canadas_contact_point() -> None:
    found = options("US", "system", {"migrant_workers"})
    option = find(found, "usmca-23.11", "mx-stps")
    venue = option.reasons[0]
    assert venue.code == "venue"
    assert venue.text["en"] == (
        "A submission about the United States goes to Mexico's or Canada's contact point."
    )
    assert "México o el de Canadá" in venue.text["es"]
    assert "Mexique ou à celui du Canada" in venue.text["fr"]
    assert venue.source.citation.startswith("USMCA Article 23.11")
    assert venue.confidence == "practice"


def test_it_excludes_the_office_of_the_country_complained_about_with_the_venue_rule() -> None:
    excluded = find(options("US", "system", {"migrant_workers"}), "usmca-23.11", "us-otla")
    assert excluded.eligible is False
    assert [reason.code for reason in excluded.reasons] == ["venue"]
    assert "Mexico's or Canada's contact point" in excluded.reasons[0].text["en"]


def test_it_excludes_the_rapid_response_mechanism_for_anything_but_association_and_bargaining() -> (
    None
):
    excluded = find(options("MX", "workplace", {"safety_health"}), "usmca-rrm", None)
    assert excluded.eligible is False
    [reason] = excluded.reasons
    assert reason.code == "rights"
    assert reason.text["en"] == (
        "The Rapid Response mechanism covers only a denial of the rights of free association "
        "and collective bargaining at a covered facility."
    )
    assert reason.confidence == "confirmed"


def test_it_excludes_the_rapid_response_mechanism_for_a_countrys_whole_labor_system() -> None:
    excluded = find(options("MX", "system", {"free_association"}), "usmca-rrm", None)
    assert [reason.code for reason in excluded.reasons] == ["scope"]
    assert "one covered facility" in excluded.reasons[0].text["en"]


def test_it_excludes_the_naalc_after_it_ended_with_its_dates() -> None:
    excluded = find(options("US", "system", {"migrant_workers"}), "naalc", None)
    [reason] = excluded.reasons
    assert reason.code == "dates"
    assert reason.text["en"] == (
        "A NAALC communication could be filed from 1994-01-01 to 2020-06-30, when the "
        "agreement ended."
    )
    assert "2020-06-30" in reason.text["es"] and "2020-06-30" in reason.text["fr"]


def test_it_excludes_the_usmca_before_it_entered_into_force() -> None:
    found = options("MX", "workplace", {"free_association"}, D("2019-05-01"))
    for mechanism in ("usmca-23.11", "usmca-rrm"):
        [reason] = find(found, mechanism, None).reasons
        assert reason.code == "dates"
        assert "2020-07-01" in reason.text["en"]


def test_it_names_every_rule_that_excludes_a_mechanism() -> None:
    excluded = find(options("MX", "system", {"safety_health"}, D("2000-01-10")), "usmca-rrm", None)
    assert [reason.code for reason in excluded.reasons] == ["dates", "scope", "rights"]


def test_the_rapid_response_mechanism_does_not_run_between_the_united_states_and_canada() -> None:
    found = options("US", "workplace", {"free_association"})
    excluded = find(found, "usmca-rrm", "ca-esdc")
    assert excluded.eligible is False
    assert "does not apply between the United States and Canada" in excluded.reasons[0].text["en"]


def test_an_eligible_option_gives_the_venue_rights_scope_and_dates_rules() -> None:
    option = find(options("MX", "workplace", {"free_association"}), "usmca-rrm", "us-ilc")
    assert [reason.code for reason in option.reasons] == ["venue", "rights", "scope", "dates"]


PRINCIPLE_CASES = [
    # country, rights, on, mechanism, office, principles
    ("MX", {"minimum_wage"}, "1999-11-10", "naalc", "us-nao", ("6",)),
    ("MX", {"free_association", "safety_health"}, "1999-11-10", "naalc", "us-nao", ("1", "9")),
    ("US", {"violence"}, "2026-11-24", "usmca-23.11", "mx-stps", ("23.7",)),
    ("US", {"migrant_workers", "discrimination"}, "2026-11-24", "usmca-23.11", "mx-stps",
     ("23.3", "23.5", "23.8", "23.9")),
    ("MX", {"collective_bargaining"}, "2023-05-15", "usmca-rrm", "us-ilc", ("annex-31-a",)),
    ("MX", {"collective_bargaining"}, "2023-05-15", "usmca-rrm", "ca-esdc", ("annex-31-b",)),
    ("US", {"free_association"}, "2023-05-15", "usmca-rrm", "mx-stps", ("annex-31-a",)),
    ("CA", {"free_association"}, "2023-05-15", "usmca-rrm", "mx-stps", ("annex-31-b",)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("country", "rights", "on", "mechanism", "office", "principles"), PRINCIPLE_CASES
)
def test_it_names_the_principles_or_articles_the_rights_fall_under(
    country: str,
    rights: set[str],
    on: str,
    mechanism: str,
    office: str,
    principles: tuple[str, ...],
) -> None:
    scope = "workplace"
    option = find(options(country, scope, rights, D(on)), mechanism, office)
    assert option.principles == principles


def test_it_says_which_rights_at_stake_an_option_leaves_out() -> None:
    found = options("MX", "workplace", {"free_association", "safety_health"}, D("2023-05-15"))
    assert find(found, "usmca-rrm", "us-ilc").uncovered == {"safety_health"}
    assert find(found, "usmca-23.11", "us-otla").uncovered == frozenset()


def test_it_marks_a_coverage_recalled_but_not_read_as_unverified() -> None:
    option = find(options("MX", "system", {"strike"}), "usmca-23.11", "us-otla")
    assert {cover.confidence for cover in option.coverage} == {"unverified"}


def test_it_lists_what_to_check_by_hand_at_each_office() -> None:
    found = options("MX", "workplace", {"free_association"}, D("2023-05-15"))
    assert [c.code for c in find(found, "usmca-rrm", "us-ilc").conditions] == ["covered-facility"]
    assert [c.code for c in find(found, "usmca-rrm", "ca-esdc").conditions] == [
        "covered-facility",
        "canadian-submitter",
    ]
    us_facility = find(options("US", "workplace", {"free_association"}), "usmca-rrm", "mx-stps")
    assert [c.code for c in us_facility.conditions] == ["covered-facility", "us-enforced-order"]
    assert us_facility.conditions[1].confidence == "unverified"


def test_it_says_that_mexicos_contact_point_takes_submissions_in_spanish() -> None:
    option = find(options("US", "system", {"migrant_workers"}), "usmca-23.11", "mx-stps")
    [language] = option.conditions
    assert language.code == "language"
    assert language.text["es"] == (
        "El punto de contacto de México recibe comunicaciones redactadas en español."
    )
    assert "Reglamento sobre las Comunicaciones Públicas" in language.source.citation


@pytest.mark.parametrize(
    ("country", "scope", "rights", "message"),
    [
        ("GT", "workplace", set(), "unknown country 'GT'"),
        ("MX", "factory", set(), "unknown scope 'factory'"),
        ("MX", "workplace", {"wages"}, r"unknown rights \['wages'\]"),
    ],
)
def test_it_refuses_codes_the_rulebook_does_not_have(
    country: str, scope: str, rights: set[str], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        options(country, scope, rights)


# Properties over every country, scope, set of rights and date from 1993 to 2030.
MATTERS = st.fixed_dictionaries(
    {
        "country": st.sampled_from(COUNTRIES),
        "scope": st.sampled_from(SCOPES),
        "rights": st.frozensets(st.sampled_from(RIGHTS), max_size=4),
        "on": st.dates(date(1993, 6, 1), date(2030, 12, 31)),
    }
)
FAST = settings(max_examples=300, deadline=None, derandomize=True, database=None)


@FAST
@given(MATTERS)
def test_every_office_of_every_mechanism_is_listed_once(matter: dict) -> None:
    found = where_to_file(RULES, **matter)
    listed = []
    for option in found:
        mechanism = RULES.mechanism(option.mechanism)
        listed += (
            [(mechanism.code, option.office)]
            if option.office
            else [(mechanism.code, office) for office in mechanism.offices]
        )
    every = [(m.code, office) for m in RULES.mechanisms.values() for office in m.offices]
    assert sorted(listed) == sorted(every)
    flags = [option.eligible for option in found]
    assert flags == sorted(flags, reverse=True), "eligible options come first"


@FAST
@given(MATTERS)
def test_an_eligible_office_passes_the_filing_check_and_an_excluded_one_says_why(
    matter: dict,
) -> None:
    for option in where_to_file(RULES, **matter):
        assert option.reasons
        for reason in option.reasons + option.conditions:
            assert set(reason.text) == {"en", "es", "fr"}
            assert all(text.strip() for text in reason.text.values())
            assert reason.source.citation and reason.confidence in CONFIDENCE_LEVELS
        if option.eligible:
            assert option.office is not None
            assert (
                check_filing(
                    RULES, option.mechanism, option.office, matter["country"], matter["on"]
                )
                == []
            )
            assert not matter["rights"] or option.principles
            assert option.uncovered < matter["rights"] or not matter["rights"]


@FAST
@given(MATTERS, st.sampled_from(RIGHTS))
def test_another_right_at_stake_never_takes_an_office_away(matter: dict, extra: str) -> None:
    if not matter["rights"]:
        return  # no rights at all excludes nothing: adding one can only narrow the list
    before = {(o.mechanism, o.office) for o in where_to_file(RULES, **matter) if o.eligible}
    matter = {**matter, "rights": matter["rights"] | {extra}}
    after = {(o.mechanism, o.office) for o in where_to_file(RULES, **matter) if o.eligible}
    assert before <= after

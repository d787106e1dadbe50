"""The completeness check: one problem per element a petition lacks, as its mechanism's
guidelines (in the rulebook) require them at the office it goes to."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corredor.treaties.completeness import check
from corredor.treaties.rulebook import rulebook
from corredor.treaties.venue import Problem

D = date.fromisoformat
RULES = rulebook()

# A filing that every venue and date check accepts, per mechanism and office.
FILINGS = {
    ("naalc", "us-nao"): ("MX", D("1997-05-16")),
    ("naalc", "mx-nao"): ("US", D("1998-08-17")),
    ("naalc", "ca-nao"): ("MX", D("2003-10-03")),
    ("usmca-23.11", "us-otla"): ("MX", D("2024-03-01")),
    ("usmca-23.11", "mx-stps"): ("US", D("2021-03-23")),
    ("usmca-23.11", "ca-esdc"): ("US", D("2024-03-01")),
    ("usmca-rrm", "us-ilc"): ("MX", D("2021-05-10")),
    ("usmca-rrm", "mx-stps"): ("US", D("2024-03-01")),
    ("usmca-rrm", "ca-esdc"): ("MX", D("2024-03-01")),
}


def required(mechanism: str, office: str) -> list[str]:
    return [s.code for s in RULES.mechanism(mechanism).sections if s.required_at(office)]


def complete_texts(mechanism: str, language: str) -> dict[str, dict[str, str]]:
    return {s.code: {language: "Written."} for s in RULES.mechanism(mechanism).sections}


def run(mechanism: str, office: str, **changes: Any) -> list[Problem]:
    against, on = FILINGS[(mechanism, office)]
    language = "es" if office == "mx-stps" else "en"
    arguments: dict[str, Any] = {
        "office": office,
        "against": against,
        "on": on,
        "texts": complete_texts(mechanism, language),
        "authoritative": language,
        "petitioners": ["Centro de los Derechos del Migrante"],
        "exhibits": 3,
    }
    arguments.update(changes)
    return check(RULES, mechanism, **arguments)


def codes(problems: list[Problem]) -> list[str]:
    return [problem.code for problem in problems]


@pytest.mark.parametrize(("mechanism", "office"), FILINGS, ids=[f"{m}@{o}" for m, o in FILINGS])
def test_a_petition_with_every_section_written_is_complete(mechanism: str, office: str) -> None:
    assert run(mechanism, office) == []


REQUIRED = [
    # mechanism, office, the sections required there
    ("naalc", "us-nao", ["petitioners", "facts", "obligations", "pattern", "harm",
                         "domestic_remedies", "international_bodies"]),
    ("naalc", "mx-nao", ["facts", "obligations"]),
    ("usmca-23.11", "mx-stps", ["petitioners", "confidential", "facts", "obligations",
                                "trade_effect"]),
    ("usmca-23.11", "us-otla", ["facts", "obligations", "evidence"]),
    ("usmca-23.11", "ca-esdc", ["facts", "obligations"]),
    ("usmca-rrm", "us-ilc", ["facility", "facts", "evidence"]),
    ("usmca-rrm", "ca-esdc", ["petitioners", "facility", "facts", "laws"]),
    ("usmca-rrm", "mx-stps", ["facility", "facts"]),
]  # fmt: skip


@pytest.mark.parametrize(("mechanism", "office", "sections"), REQUIRED)
def test_each_office_requires_the_sections_its_guidelines_ask_for(
    mechanism: str, office: str, sections: list[str]
) -> None:
    assert required(mechanism, office) == sections


@pytest.mark.parametrize(
    ("mechanism", "office", "section"),
    [(m, o, s) for m, o, sections in REQUIRED for s in sections],
)
def test_an_empty_required_section_gives_exactly_one_problem_naming_it(
    mechanism: str, office: str, section: str
) -> None:
    language = "es" if office == "mx-stps" else "en"
    texts = complete_texts(mechanism, language)
    texts[section] = {language: "   "}  # blank counts as empty
    problems = run(mechanism, office, texts=texts, exhibits=0)
    expected_code = (
        "section_empty_no_exhibits"
        if RULES.mechanism(mechanism).section(section).met_by_exhibits
        else "section_empty"
    )
    assert problems == [
        Problem(
            expected_code,
            "section",
            {"mechanism": mechanism, "section": section, "language": language},
        )
    ]


def test_it_reports_domestic_remedies_empty_in_the_authoritative_language_only() -> None:
    texts = complete_texts("naalc", "es")
    texts["domestic_remedies"] = {"es": "", "en": "Complaints to the labor board, 1996."}
    problems = run("naalc", "us-nao", texts=texts, authoritative="es")
    assert problems == [
        Problem(
            "section_empty",
            "section",
            {"mechanism": "naalc", "section": "domestic_remedies", "language": "es"},
        )
    ]


def test_an_optional_section_may_stay_empty() -> None:
    texts = complete_texts("usmca-rrm", "en")
    for optional in ("harm", "relief", "domestic_remedies", "confidential"):
        del texts[optional]
    assert run("usmca-rrm", "us-ilc", texts=texts) == []


def test_a_rapid_response_petition_must_name_the_covered_facility() -> None:
    texts = complete_texts("usmca-rrm", "en")
    del texts["facility"]
    problems = run("usmca-rrm", "us-ilc", texts=texts)
    assert codes(problems) == ["section_empty"]
    assert problems[0].params["section"] == "facility"


def test_exhibits_can_stand_for_an_empty_evidence_section() -> None:
    texts = complete_texts("usmca-rrm", "en")
    del texts["evidence"]
    assert run("usmca-rrm", "us-ilc", texts=texts, exhibits=1) == []
    assert codes(run("usmca-rrm", "us-ilc", texts=texts, exhibits=0)) == [
        "section_empty_no_exhibits"
    ]


def test_a_submission_to_mexicos_contact_point_must_be_authoritative_in_spanish() -> None:
    problems = run(
        "usmca-23.11", "mx-stps", texts=complete_texts("usmca-23.11", "en"), authoritative="en"
    )
    assert problems == [
        Problem(
            "language_required",
            "authoritative",
            {"mechanism": "usmca-23.11", "office": "mx-stps", "languages": "es"},
        )
    ]


def test_a_rapid_response_petition_to_mexico_may_be_in_english() -> None:
    texts = complete_texts("usmca-rrm", "en")
    assert run("usmca-rrm", "mx-stps", texts=texts, authoritative="en") == []


def test_mexicos_contact_point_requires_the_petitioners_names() -> None:
    problems = run("usmca-23.11", "mx-stps", petitioners=["  "])
    assert problems == [Problem("no_petitioners", "petitioners", {"office": "mx-stps"})]


def test_the_us_committee_accepts_an_anonymous_petition() -> None:
    assert run("usmca-23.11", "us-otla", petitioners=[]) == []
    assert run("usmca-rrm", "us-ilc", petitioners=[]) == []


def test_it_refuses_a_naalc_communication_filed_with_the_office_of_the_accused_country() -> None:
    problems = run("naalc", "us-nao", against="US")
    assert problems == [Problem("own_office", "office", {"mechanism": "naalc", "country": "US"})]


def test_it_refuses_a_naalc_communication_after_the_naalc_ended() -> None:
    assert codes(run("naalc", "mx-nao", on=D("2021-01-04"))) == ["after_agreement"]


def test_it_names_an_unknown_mechanism_and_checks_nothing_else() -> None:
    problems = check(
        RULES,
        "nafta",
        office="us-nao",
        against="MX",
        on=D("2000-01-10"),
        texts={},
        authoritative="en",
        petitioners=[],
        exhibits=0,
    )
    assert problems == [Problem("unknown_mechanism", "mechanism", {"code": "nafta"})]


def test_it_names_texts_under_an_unknown_section_or_language() -> None:
    texts = {**complete_texts("usmca-rrm", "en"), "preamble": {"en": "x"}}
    texts["facts"] = {"en": "Written.", "pt": "Escrito."}
    problems = run("usmca-rrm", "us-ilc", texts=texts)
    assert problems == [
        Problem("unknown_section", "section", {"mechanism": "usmca-rrm", "section": "preamble"}),
        Problem("unknown_language", "section", {"code": "pt"}),
    ]


def test_without_a_known_authoritative_language_it_judges_no_section() -> None:
    problems = run("usmca-rrm", "us-ilc", texts={}, authoritative="de")
    assert problems == [Problem("unknown_language", "authoritative", {"code": "de"})]


def test_a_negative_number_of_exhibits_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="negative"):
        run("usmca-rrm", "us-ilc", exhibits=-1)


# Properties: drafts drawn section by section, each written or left empty in each language.
LANGUAGE = st.sampled_from(["en", "es", "fr"])
TEXT = st.sampled_from(["", " ", "Written.", "\n Escrito \n"])


@st.composite
def drafts(draw: st.DrawFn) -> tuple[str, str, dict[str, dict[str, str]], str, int, list[str]]:
    mechanism, office = draw(st.sampled_from(sorted(FILINGS)))
    sections = RULES.mechanism(mechanism).sections
    texts = {
        section.code: draw(st.dictionaries(LANGUAGE, TEXT, max_size=3))
        for section in sections
        if draw(st.booleans())
    }
    authoritative = "es" if office == "mx-stps" else draw(LANGUAGE)
    petitioners = draw(st.lists(st.sampled_from(["", "SNITIS"]), max_size=2))
    return mechanism, office, texts, authoritative, draw(st.integers(0, 2)), petitioners


FAST = settings(max_examples=300, deadline=None, derandomize=True, database=None)


@FAST
@given(drafts())
def test_the_problems_are_exactly_the_required_sections_left_empty(draft: tuple) -> None:
    mechanism, office, texts, authoritative, exhibits, petitioners = draft
    problems = run(
        mechanism,
        office,
        texts=texts,
        authoritative=authoritative,
        exhibits=exhibits,
        petitioners=petitioners,
    )
    empty = [
        section.code
        for section in RULES.mechanism(mechanism).sections
        if section.required_at(office)
        and not texts.get(section.code, {}).get(authoritative, "").strip()
        and not (section.met_by_exhibits and exhibits)
    ]
    assert [p.params["section"] for p in problems if p.field == "section"] == empty
    names_required = "petitioners" in required(mechanism, office)
    assert ("no_petitioners" in codes(problems)) is (
        names_required and not any(name.strip() for name in petitioners)
    )


@FAST
@given(drafts(), st.data())
def test_writing_more_never_adds_a_problem(draft: tuple, data: st.DataObject) -> None:
    mechanism, office, texts, authoritative, exhibits, petitioners = draft
    before = run(mechanism, office, texts=texts, authoritative=authoritative,
                 exhibits=exhibits, petitioners=petitioners)  # fmt: skip
    section = data.draw(st.sampled_from([s.code for s in RULES.mechanism(mechanism).sections]))
    more = {**texts, section: {**texts.get(section, {}), authoritative: "Now written."}}
    after = run(mechanism, office, texts=more, authoritative=authoritative,
                exhibits=exhibits + 1, petitioners=[*petitioners, "ANAD"])  # fmt: skip
    assert all(problem in before for problem in after)
    assert all(p.params.get("section") != section for p in after if p.field == "section")

"""Is a petition ready to file? One problem per missing element its mechanism requires.

The requirements are the rulebook's: the venue and dates (`venue.check_filing`), the sections
each mechanism's guidelines ask for (`[[section]]`, required at all or some of its offices),
the language an office takes filings in (`[[filing_language]]`), the petitioners where their
names are required, and exhibits where they can stand for an empty "evidence" section. The
check reads the authoritative language only: translations follow it and never block a filing.

Like `venue`, it returns Problems (a stable code and its parameters), worded in the user's
language by `labels.problem_message`. No Django import.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from corredor.treaties.rulebook import LANGUAGES, Mechanism, Rulebook
from corredor.treaties.venue import Problem, check_filing

# The section whose requirement also asks for the petitioners' names.
PETITIONERS_SECTION = "petitioners"


def check(
    rules: Rulebook,
    mechanism_code: str,
    *,
    office: str,
    against: str,
    on: date,
    texts: Mapping[str, Mapping[str, str]],
    authoritative: str,
    petitioners: Sequence[str],
    exhibits: int,
) -> list[Problem]:
    """The problems that keep this petition from being filed on `on`; none: it is complete.

    `texts` maps a section code to its text per language; `petitioners` are their names;
    `exhibits` counts the exhibits attached.
    """
    if exhibits < 0:
        raise ValueError("exhibits cannot be negative")
    problems = check_filing(rules, mechanism_code, office, against, on)
    mechanism = rules.mechanisms.get(mechanism_code)
    if mechanism is None:
        return problems
    problems += _unknown_keys(mechanism, texts)
    if authoritative not in LANGUAGES:
        # Without a known authoritative language no section can be judged.
        return [*problems, Problem("unknown_language", "authoritative", {"code": authoritative})]
    if (rule := mechanism.languages_at(office)) and authoritative not in rule.languages:
        problems.append(
            Problem(
                "language_required",
                "authoritative",
                {
                    "mechanism": mechanism.code,
                    "office": office,
                    "languages": ",".join(rule.languages),
                },
            )
        )
    for section in mechanism.sections:
        if not section.required_at(office):
            continue
        if section.code == PETITIONERS_SECTION and not any(name.strip() for name in petitioners):
            problems.append(Problem("no_petitioners", "petitioners", {"office": office}))
        if texts.get(section.code, {}).get(authoritative, "").strip():
            continue
        if section.met_by_exhibits and exhibits > 0:
            continue
        problems.append(
            Problem(
                "section_empty_no_exhibits" if section.met_by_exhibits else "section_empty",
                "section",
                {"mechanism": mechanism.code, "section": section.code, "language": authoritative},
            )
        )
    return problems


def _unknown_keys(mechanism: Mechanism, texts: Mapping[str, Mapping[str, str]]) -> list[Problem]:
    """Texts filed under a section or a language the mechanism does not have."""
    known = {section.code for section in mechanism.sections}
    problems = [
        Problem("unknown_section", "section", {"mechanism": mechanism.code, "section": code})
        for code in texts
        if code not in known
    ]
    strange = sorted({language for by_language in texts.values() for language in by_language})
    problems += [
        Problem("unknown_language", "section", {"code": language})
        for language in strange
        if language not in LANGUAGES
    ]
    return problems

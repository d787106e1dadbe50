"""The completeness problems read as one whole sentence each, with the rulebook's words in the
active language."""

from __future__ import annotations

import pytest
from django.utils import translation

from corredor.treaties.labels import RIGHT_LABELS, SCOPE_LABELS, problem_message
from corredor.treaties.rulebook import RIGHTS, SCOPES
from corredor.treaties.venue import Problem

MESSAGES = [
    (
        Problem(
            "section_empty",
            "section",
            {"mechanism": "naalc", "section": "domestic_remedies", "language": "es"},
        ),
        "The section “Domestic remedies tried” is empty in the authoritative language (Spanish).",
    ),
    (
        Problem(
            "section_empty_no_exhibits",
            "section",
            {"mechanism": "usmca-rrm", "section": "evidence", "language": "en"},
        ),
        "The section “Evidence” is empty in the authoritative language (English) and no exhibit "
        "is attached.",
    ),
    (
        Problem("no_petitioners", "petitioners", {"office": "mx-stps"}),
        "Add at least one petitioner: the office you file with requires their names.",
    ),
    (
        Problem(
            "language_required",
            "authoritative",
            {"mechanism": "usmca-23.11", "office": "mx-stps", "languages": "es"},
        ),
        "Mexico's contact point takes submissions written in Spanish. Make Spanish the "
        "authoritative language.",
    ),
    (
        Problem("unknown_language", "authoritative", {"code": "de"}),
        "“de” is not one of Corredor's languages (English, Spanish, French).",
    ),
    (
        Problem("unknown_section", "section", {"mechanism": "usmca-rrm", "section": "preamble"}),
        "This mechanism has no section “preamble”.",
    ),
]


@pytest.mark.parametrize(("problem", "message"), MESSAGES, ids=[m[0].code for m in MESSAGES])
def test_each_completeness_problem_has_its_own_sentence(problem: Problem, message: str) -> None:
    with translation.override("en"):
        assert problem_message(problem) == message


def test_the_section_name_follows_the_active_language() -> None:
    problem = Problem(
        "section_empty",
        "section",
        {"mechanism": "usmca-rrm", "section": "facility", "language": "es"},
    )
    with translation.override("es"):
        assert "Instalación cubierta" in problem_message(problem)
    with translation.override("fr"):
        assert "Installation visée" in problem_message(problem)


def test_every_right_and_scope_has_a_label() -> None:
    assert set(RIGHT_LABELS) == set(RIGHTS)
    assert set(SCOPE_LABELS) == set(SCOPES)

"""The plain rules, with no database: statistics that never single anyone out, the year a
worker wrote, pseudonyms, receipt codes, what a file really is, and the taxonomy of abuses."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from corredor.testimonies import rules
from corredor.testimonies.rules import (
    RECEIPT_ALPHABET,
    Cell,
    abuse_label,
    abuses,
    new_pseudonym,
    new_receipt_code,
    normalize_receipt_code,
    sniff,
    statistics,
    year_of,
)

# statistics


def rows(count: int, abuses: list[str], program="H-2A", origin="MX", year=2023) -> list:
    return [(abuses, program, origin, year)] * count


def test_a_cell_of_five_shows_its_count_and_a_cell_of_four_is_suppressed() -> None:
    cells = statistics(rows(5, ["wage_theft"]) + rows(4, ["wage_theft"], origin="GT"))
    assert cells == [
        Cell("wage_theft", "H-2A", "GT", 2023, None),
        Cell("wage_theft", "H-2A", "MX", 2023, 5),
    ]


def test_each_abuse_of_a_testimony_counts_once_in_its_own_cell() -> None:
    cells = statistics(rows(6, ["debt", "wage_theft", "debt"]))
    assert {(c.abuse, c.count) for c in cells} == {("debt", 6), ("wage_theft", 6)}


def test_cells_follow_the_taxonomy_then_program_origin_and_year() -> None:
    cells = statistics(
        rows(5, ["other"])
        + rows(5, ["recruitment_fees"], year=2024)
        + rows(5, ["recruitment_fees"], year=2022)
        + rows(5, ["recruitment_fees"], program="H-2B", year=None)
    )
    assert [(c.abuse, c.program, c.year) for c in cells] == [
        ("recruitment_fees", "H-2A", 2022),
        ("recruitment_fees", "H-2A", 2024),
        ("recruitment_fees", "H-2B", None),
        ("other", "H-2A", 2023),
    ]


def test_no_totals_are_given() -> None:
    cells = statistics(rows(5, ["debt"]) + rows(2, ["debt"], origin="HN"))
    assert all(c.abuse == "debt" and c.origin in ("MX", "HN") for c in cells)
    assert len(cells) == 2


def test_no_testimony_gives_no_cell() -> None:
    assert statistics([]) == []
    assert statistics(rows(3, [])) == []


@pytest.mark.parametrize(("count", "shown"), [(1, None), (4, None), (5, 5), (6, 6), (120, 120)])
def test_suppression_threshold(count, shown) -> None:
    (cell,) = statistics(rows(count, ["retaliation"]))
    assert cell.count == shown


# year_of


@pytest.mark.parametrize(
    ("written", "year"),
    [
        ("summer 2023", 2023),
        ("verano de 2023", 2023),
        ("2019-2020", 2019),
        ("entre 2019 y 2021", 2019),
        ("l'été 2024", 2024),
        ("", 2026),
        ("hace dos años", 2026),
        ("2031", 2026),  # in the future: not believed
        ("1949", 2026),  # too early to be a recruitment we can act on
        ("120234", 2026),  # part of a longer number
        ("2027, or 2025", 2025),
        ("1995", 1995),
    ],
)
def test_the_year_a_worker_wrote(written, year) -> None:
    assert year_of(written, fallback=2026) == year


# Pseudonyms and receipt codes


def test_a_pseudonym_is_t_and_four_digits() -> None:
    for _ in range(200):
        pseudonym = new_pseudonym()
        assert pseudonym.startswith("T-")
        assert pseudonym[2:].isdigit() and len(pseudonym) == 6
        assert pseudonym[2] != "0"


def test_a_pseudonym_avoids_those_taken() -> None:
    taken = {f"T-{n}" for n in range(1000, 10000) if n % 10}  # nine in ten are taken
    for _ in range(200):
        pseudonym = new_pseudonym(taken)
        assert pseudonym not in taken
        assert re.fullmatch(r"T-\d{4,5}", pseudonym)


def test_when_four_digits_are_all_taken_a_pseudonym_gets_five() -> None:
    taken = {f"T-{n}" for n in range(1000, 10000)}
    pseudonym = new_pseudonym(taken)
    assert len(pseudonym) == 7 and pseudonym not in taken


def test_a_receipt_code_is_three_groups_of_four_unambiguous_symbols() -> None:
    codes = {new_receipt_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        groups = code.split("-")
        assert [len(group) for group in groups] == [4, 4, 4]
        assert set("".join(groups)) <= set(RECEIPT_ALPHABET)
    assert not set("01OIL") & set(RECEIPT_ALPHABET)


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("ABCD-EFGH-JKMN", "ABCDEFGHJKMN"),
        ("abcd-efgh-jkmn", "ABCDEFGHJKMN"),
        ("abcdefghjkmn", "ABCDEFGHJKMN"),
        (" abcd efgh jkmn\n", "ABCDEFGHJKMN"),
        ("ABCD\u2013EFGH\u2013JKMN", "ABCDEFGHJKMN"),  # en dashes from a phone's keyboard
    ],
)
def test_a_receipt_code_is_read_back_however_it_is_typed(typed, normal) -> None:
    assert normalize_receipt_code(typed) == normal


# sniff


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"\xff\xd8\xff\xe1\x00\x10Exif", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
        (b"%PDF-1.7\n%\xe2\xe3", "application/pdf"),
        (b"<!DOCTYPE html><html>", None),
        (b"<svg xmlns=", None),
        (b"MZ\x90\x00\x03\x00", None),
        (b"GIF89a\x01\x00", None),
        (b"PK\x03\x04", None),  # a Word document or a zip
        (b"\xff\xd8", None),  # too short to be a JPEG
        (b"", None),
        (b" %PDF-1.4", None),
    ],
)
def test_sniff_tells_the_real_type_from_the_first_bytes(head, kind) -> None:
    assert sniff(head) == kind


# The taxonomy


def test_the_taxonomy_has_the_thirteen_abuses_of_the_issue_in_three_languages() -> None:
    codes = [abuse.code for abuse in abuses()]
    assert codes == [
        "recruitment_fees",
        "deception",
        "contract_substitution",
        "wage_theft",
        "confiscated_documents",
        "retaliation",
        "immigration_threats",
        "sex_discrimination",
        "sexual_harassment",
        "unsafe_work",
        "unsafe_housing",
        "debt",
        "other",
    ]
    for abuse in abuses():
        assert set(abuse.labels) == {"en", "es", "fr"}
        assert all(label.strip() for label in abuse.labels.values())
        assert len(set(abuse.labels.values())) == 3, abuse.code


def test_an_abuse_is_named_in_the_active_language() -> None:
    with translation.override("es"):
        assert abuse_label("recruitment_fees").startswith("Cuotas de reclutamiento")
    with translation.override("fr"):
        assert abuse_label("recruitment_fees").startswith("Frais de recrutement")
    with translation.override("en"):
        assert abuse_label("recruitment_fees").startswith("Recruitment fees")
    assert abuse_label("no-such-code") == "no-such-code"


def test_limits_match_the_issue() -> None:
    assert (rules.MAX_FILES, rules.MAX_FILE_BYTES) == (10, 10 * 1024 * 1024)
    assert rules.SMALLEST_PUBLISHED_CELL == 5

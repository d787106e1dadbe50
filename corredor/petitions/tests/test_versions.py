"""Translation states and side-by-side comparisons: pure functions, no database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corredor.petitions import versions
from corredor.petitions.versions import Row, compare, digest, translation_state


def texts(en: str, es: str = "", source: str | None = None) -> dict:
    entry = {"en": {"text": en, "source": ""}}
    if es:
        entry["es"] = {"text": es, "source": digest(en) if source is None else source}
    return {"facts": entry}


@pytest.mark.parametrize(
    ("stored", "language", "expected"),
    [
        (texts("Twelve.", "Doce."), "en", versions.AUTHORITATIVE),
        (texts("Twelve.", "Doce."), "es", versions.CURRENT),
        (texts("Twelve.", "Doce.", source=digest("Eleven.")), "es", versions.NEEDS_UPDATE),
        (texts("Twelve."), "fr", versions.MISSING),
        (texts("Twelve.", "   \n"), "es", versions.MISSING),
        # Trailing spaces and Windows line endings do not make a translation stale.
        (
            texts("Twelve.\r\nIn March.  ", "Doce.", source=digest("Twelve.\nIn March.")),
            "es",
            versions.CURRENT,
        ),
    ],
)
def test_translation_states(stored: dict, language: str, expected: str) -> None:
    assert translation_state(stored, "facts", language, "en") == expected


def snap(**fields: object) -> dict:
    base = {
        "reference": "R",
        "authoritative_language": "en",
        "title": {"en": "T", "es": "", "fr": ""},
        "principles": ["1"],
        "petitioners": "Centro Alfa",
        "texts": {},
    }
    base.update(fields)
    return base


def test_identical_versions_have_no_difference() -> None:
    assert compare(snap(), snap(), ["facts"]) == []


def test_details_come_first_then_sections_in_the_mechanisms_order() -> None:
    old = snap(texts={"facts": {"en": {"text": "a"}}, "harm": {"en": {"text": "b"}}})
    new = snap(
        petitioners="Centro Alfa\nUnión Beta",
        title={"en": "T", "es": "Título", "fr": ""},
        texts={"facts": {"en": {"text": "a2"}}, "harm": {"en": {"text": "b2"}}},
    )
    found = [(d.field, d.section, d.language) for d in compare(old, new, ["harm", "facts"])]
    assert found == [
        ("title", "", "es"),
        ("petitioners", "", ""),
        ("section", "harm", "en"),
        ("section", "facts", "en"),
    ]


def test_lines_added_removed_and_changed_are_told_apart() -> None:
    old = snap(texts={"facts": {"en": {"text": "Same.\nOld line.\nGone."}}})
    new = snap(texts={"facts": {"en": {"text": "Same.\nNew line.\nGone.\nAdded."}}})
    [difference] = compare(old, new, ["facts"])
    kinds = [row.kind for row in difference.rows]
    assert kinds == ["same", "changed", "same", "added"]
    changed = difference.rows[1]
    assert changed == Row(
        "changed", (("Old", True), (" line.", False)), (("New", True), (" line.", False))
    )


def test_a_section_no_longer_in_the_mechanism_is_still_compared() -> None:
    old = snap(texts={"retired": {"en": {"text": "x"}}})
    [difference] = compare(old, snap(), ["facts"])
    assert (difference.section, difference.rows[0].kind) == ("retired", "removed")


@given(st.text(max_size=200), st.text(max_size=200))
def test_each_side_of_a_comparison_rebuilds_its_own_text(before: str, after: str) -> None:
    old = snap(texts={"facts": {"en": {"text": before}}})
    new = snap(texts={"facts": {"en": {"text": after}}})
    rows = [row for d in compare(old, new, ["facts"]) for row in d.rows]
    if versions.normalized(before) == versions.normalized(after):
        assert rows == []
        return
    left = ["".join(text for text, _ in row.left) for row in rows if row.left]
    right = ["".join(text for text, _ in row.right) for row in rows if row.right]
    assert "\n".join(left) == versions.normalized(before)
    assert "\n".join(right) == versions.normalized(after)

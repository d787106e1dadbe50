"""Versions of a draft: what a snapshot holds, whether a translation is still current, and
what changed between two versions, line by line and word by word, for a side-by-side view.

A snapshot is plain JSON: the draft's details and, per section and language, the text and
the digest of the authoritative text it was translated from. A translation is current while
that digest matches the authoritative text of today; otherwise it needs an update. Digests,
not revision counters, so that restoring an old version restores each translation's state
with it. No Django import.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

AUTHORITATIVE = "authoritative"
CURRENT = "current"
NEEDS_UPDATE = "needs_update"
MISSING = "missing"

# The details a snapshot carries besides the sections, in the order a comparison shows them.
DETAILS = ("reference", "authoritative_language", "title", "principles", "petitioners")


def normalized(text: str) -> str:
    """The text as compared and hashed: line endings unified, trailing spaces dropped."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def digest(text: str) -> str:
    return hashlib.sha256(normalized(text).encode()).hexdigest()


Texts = Mapping[str, Mapping[str, Mapping[str, str]]]  # section → language → {text, source}


def translation_state(texts: Texts, section: str, language: str, authoritative: str) -> str:
    """AUTHORITATIVE, CURRENT, NEEDS_UPDATE or MISSING (no text in that language)."""
    entry = texts.get(section, {}).get(language, {})
    if language == authoritative:
        return AUTHORITATIVE
    if not normalized(entry.get("text", "")):
        return MISSING
    source = texts.get(section, {}).get(authoritative, {}).get("text", "")
    return CURRENT if entry.get("source") == digest(source) else NEEDS_UPDATE


Segment = tuple[str, bool]  # a piece of text and whether it changed


@dataclass(frozen=True)
class Row:
    """One line of a side-by-side comparison; either side may be absent."""

    kind: Literal["same", "changed", "removed", "added"]
    left: tuple[Segment, ...]
    right: tuple[Segment, ...]


@dataclass(frozen=True)
class Difference:
    """What changed in one detail, or in one section in one language."""

    field: str  # a DETAILS name or "section"
    section: str = ""
    language: str = ""
    rows: tuple[Row, ...] = field(default_factory=tuple)


def compare(
    old: Mapping[str, Any], new: Mapping[str, Any], sections: Iterable[str]
) -> list[Difference]:
    """The differences from `old` to `new`, details first, then sections in `sections`'
    order (then any section the mechanism no longer has), each language in en, es, fr order.
    Unchanged parts are left out; within a changed part, unchanged lines stay for context."""
    differences: list[Difference] = []
    for name in DETAILS:
        before, after = old.get(name), new.get(name)
        if name == "title":
            for language in ("en", "es", "fr"):
                a = (before or {}).get(language, "")
                b = (after or {}).get(language, "")
                if normalized(a) != normalized(b):
                    differences.append(Difference(name, "", language, _rows(a, b)))
            continue
        a, b = _as_text(before), _as_text(after)
        if normalized(a) != normalized(b):
            differences.append(Difference(name, "", "", _rows(a, b)))
    old_texts, new_texts = old.get("texts", {}), new.get("texts", {})
    ordered = list(dict.fromkeys([*sections, *old_texts, *new_texts]))
    for section in ordered:
        for language in ("en", "es", "fr"):
            a = old_texts.get(section, {}).get(language, {}).get("text", "")
            b = new_texts.get(section, {}).get(language, {}).get("text", "")
            if normalized(a) != normalized(b):
                differences.append(Difference("section", section, language, _rows(a, b)))
    return differences


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "\n".join(str(item) for item in value)
    return str(value)


def _rows(before: str, after: str) -> tuple[Row, ...]:
    left, right = normalized(before).split("\n"), normalized(after).split("\n")
    left = [] if left == [""] else left
    right = [] if right == [""] else right
    rows: list[Row] = []
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [Row("same", ((line, False),), ((line, False),)) for line in left[i1:i2]]
        elif tag == "delete":
            rows += [Row("removed", ((line, True),), ()) for line in left[i1:i2]]
        elif tag == "insert":
            rows += [Row("added", (), ((line, True),)) for line in right[j1:j2]]
        else:
            olds, news = left[i1:i2], right[j1:j2]
            for index in range(max(len(olds), len(news))):
                a = olds[index] if index < len(olds) else None
                b = news[index] if index < len(news) else None
                if a is None:
                    rows.append(Row("added", (), ((b or "", True),)))
                elif b is None:
                    rows.append(Row("removed", ((a, True),), ()))
                else:
                    rows.append(Row("changed", *_words(a, b)))
    return tuple(rows)


WORD = re.compile(r"\s+|[^\s]+")


def _words(before: str, after: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """Both lines cut into runs of words, each run marked changed or not."""
    a, b = WORD.findall(before), WORD.findall(after)
    left: list[Segment] = []
    right: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if i2 > i1:
            left.append(("".join(a[i1:i2]), tag != "equal"))
        if j2 > j1:
            right.append(("".join(b[j1:j2]), tag != "equal"))
    return tuple(left), tuple(right)

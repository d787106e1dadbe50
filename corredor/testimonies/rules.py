"""Plain rules for testimonies, with no database: pseudonyms, receipt codes, the taxonomy of
abuses, what a file really is, and which statistics are safe to publish."""

from __future__ import annotations

import secrets
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

ABUSES_FILE = Path(__file__).resolve().parent / "data" / "abuses.toml"

# Receipt codes: no 0, O, 1, I or L to misread; 12 symbols of 31 (about 59 random bits), shown
# in three groups of four (XXXX-XXXX-XXXX) for a worker to copy onto paper or a phone.
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RECEIPT_LENGTH = 12

MAX_FILES = 10
MAX_FILE_BYTES = 10 * 1024 * 1024
SMALLEST_PUBLISHED_CELL = 5


def new_pseudonym(taken: Iterable[str] = (), digits: int = 4) -> str:
    """ "T-4821": short enough to say on the phone. Callers retry on a clash and widen
    `digits` when a range fills up."""
    taken = set(taken)
    low, high = 10 ** (digits - 1), 10**digits
    for _ in range(50):
        candidate = f"T-{secrets.randbelow(high - low) + low}"
        if candidate not in taken:
            return candidate
    return new_pseudonym(taken, digits + 1)


def new_receipt_code() -> str:
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, RECEIPT_LENGTH, 4))


def normalize_receipt_code(typed: str) -> str:
    """What a worker types back, in any case, with or without dashes or spaces."""
    return "".join(ch for ch in typed.upper() if ch in RECEIPT_ALPHABET)


@dataclass(frozen=True)
class Abuse:
    code: str
    labels: dict[str, str]

    @property
    def label(self) -> str:
        language = (get_language() or "en")[:2]
        return self.labels.get(language) or self.labels["en"]


@cache
def abuses() -> tuple[Abuse, ...]:
    with ABUSES_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    return tuple(
        Abuse(entry["code"], {lang: entry[lang] for lang in ("en", "es", "fr")})
        for entry in data["abuse"]
    )


def abuse_choices() -> list[tuple[str, str]]:
    return [(abuse.code, abuse.label) for abuse in abuses()]


def abuse_label(code: str) -> str:
    return next((abuse.label for abuse in abuses() if abuse.code == code), code)


def sniff(head: bytes) -> str | None:
    """The file's real type from its first bytes, whatever its name says."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return None


@dataclass(frozen=True)
class Cell:
    abuse: str
    program: str
    origin: str
    year: int | None
    count: int | None  # None: fewer than SMALLEST_PUBLISHED_CELL, not shown


def statistics(rows: Iterable[tuple[list[str], str, str, int | None]]) -> list[Cell]:
    """Counts of abuse by program, country of origin and year, from (abuses, program, origin,
    year) rows of testimonies whose workers allowed anonymous use. A cell under
    SMALLEST_PUBLISHED_CELL is suppressed (its count is None), and no totals are given, so
    that no small group can be worked out by subtraction."""
    counts: Counter[tuple[str, str, str, int | None]] = Counter()
    for codes, program, origin, year in rows:
        for code in set(codes):
            counts[(code, program, origin, year)] += 1
    order = {abuse.code: index for index, abuse in enumerate(abuses())}
    return [
        Cell(*key, count=count if count >= SMALLEST_PUBLISHED_CELL else None)
        for key, count in sorted(
            counts.items(),
            key=lambda item: (order.get(item[0][0], 99), item[0][1], item[0][2], item[0][3] or 0),
        )
    ]


def year_of(when: str, fallback: int) -> int:
    """The year a worker wrote ("summer 2023", "2019-2020": the first), else `fallback`."""
    import re

    for match in re.finditer(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)", when):
        year = int(match.group(1))
        if year <= fallback:
            return year
    return fallback

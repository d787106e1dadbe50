"""Translation catalogs: compile them without GNU gettext, and find what is missing.

Django reads compiled .mo files. They are built from the .po sources at install time
(`corredor compilecatalogs`) and never committed, so they cannot go stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib


@dataclass(frozen=True)
class CatalogProblem:
    path: Path
    line: int
    msgid: str
    kind: str  # "untranslated", "fuzzy" or "obsolete"


def catalog_paths(locale_dir: Path) -> list[Path]:
    return sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))


def compile_catalogs(locale_dir: Path) -> list[Path]:
    written = []
    for po_path in catalog_paths(locale_dir):
        mo_path = po_path.with_suffix(".mo")
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


def catalog_problems(po_path: Path) -> list[CatalogProblem]:
    catalog = polib.pofile(str(po_path))
    problems = [
        CatalogProblem(po_path, entry.linenum, entry.msgid, "untranslated")
        for entry in catalog.untranslated_entries()
    ]
    problems += [
        CatalogProblem(po_path, entry.linenum, entry.msgid, "fuzzy")
        for entry in catalog.fuzzy_entries()
    ]
    problems += [
        CatalogProblem(po_path, entry.linenum, entry.msgid, "obsolete")
        for entry in catalog.obsolete_entries()
    ]
    return problems

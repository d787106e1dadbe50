"""The Spanish and French catalogs are complete: CI fails on any untranslated or fuzzy entry."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings

from corredor.lib.catalogs import catalog_paths, catalog_problems, compile_catalogs

LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize("language", ["es", "fr"])
def test_each_language_has_a_catalog(language: str) -> None:
    assert (LOCALE / language / "LC_MESSAGES" / "django.po").exists()


@pytest.mark.parametrize("po_path", catalog_paths(LOCALE), ids=lambda p: p.parent.parent.name)
def test_no_entry_is_untranslated_fuzzy_or_obsolete(po_path: Path) -> None:
    problems = catalog_problems(po_path)
    listing = "\n".join(f"{p.path.name}:{p.line} {p.kind}: {p.msgid!r}" for p in problems)
    assert problems == [], listing


@pytest.mark.parametrize("po_path", catalog_paths(LOCALE), ids=lambda p: p.parent.parent.name)
def test_placeholders_survive_translation(po_path: Path) -> None:
    """A translation keeps every %(name)s and {name} of its source, or Django would fail."""
    import re

    pattern = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
    for entry in polib.pofile(str(po_path)).translated_entries():
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        targets = [entry.msgstr] if not entry.msgstr_plural else list(entry.msgstr_plural.values())
        expected = sorted(set(pattern.findall(" ".join(sources))))
        for target in targets:
            assert sorted(set(pattern.findall(target))) == expected, (entry.msgid, target)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize("po_path", catalog_paths(LOCALE), ids=lambda p: p.parent.parent.name)
def test_gnu_msgfmt_accepts_the_catalog(po_path: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "out.mo"), str(po_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_catalogs_compile_without_gnu_gettext(tmp_path: Path) -> None:
    target = tmp_path / "es" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(LOCALE / "es" / "LC_MESSAGES" / "django.po", target / "django.po")
    [mo_path] = compile_catalogs(tmp_path)
    assert polib.mofile(str(mo_path)).percent_translated() == 100

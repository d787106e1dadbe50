"""`corredor package REFERENCE --lang es [--bilingual en] [--docx] --out FILE`: the package
written whole or not at all, and every mistake answered with one clear sentence."""

from __future__ import annotations

import io
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from corredor.petitions import drafting
from corredor.petitions.management.commands.package import Command
from corredor.petitions.models import Draft
from corredor.petitions.tests.package_drafts import (
    REFERENCE,
    TITLE_EN,
    make_draft,
    page_texts,
    write,
)
from corredor.testimonies.tests.conftest import KEY_ONE


@pytest.fixture(autouse=True)
def _secrets(settings: Any) -> None:
    settings.TESTIMONY_KEYS = [KEY_ONE]


@pytest.fixture
def draft(alice: Any, alfa: Any) -> Draft:
    draft = make_draft(alice, alfa)
    write(draft, alice, "facts", "en", "Recruiters charged fees.")
    write(draft, alice, "facts", "es", "Los reclutadores cobraron cuotas.")
    return draft


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "packages"
    folder.mkdir()
    return folder / "package.pdf"


def package(*args: str) -> str:
    stdout = StringIO()
    call_command("package", *args, stdout=stdout)
    return stdout.getvalue()


def test_it_writes_a_bilingual_pdf_for_a_reference_in_any_capitalization(
    draft: Draft, out: Path
) -> None:
    said = package(REFERENCE.lower(), "--lang", "es", "--bilingual", "en", "--out", str(out))
    assert said == f"Wrote {out} (3 pages).\n"
    pages = page_texts(out.read_bytes())
    assert "1. Hechos / 1. Facts" in pages[1]
    assert (
        "Los reclutadores cobraron cuotas." in pages[2] and "Recruiters charged fees." in pages[2]
    )
    assert list(out.parent.iterdir()) == [out]  # no temporary file left beside it


def test_it_writes_the_docx_instead_when_asked(draft: Draft, out: Path) -> None:
    target = out.with_suffix(".docx")
    said = package(REFERENCE, "--lang", "en", "--docx", "--out", str(target))
    assert said == f"Wrote {target}.\n"
    paragraphs = [p.text for p in Document(io.BytesIO(target.read_bytes())).paragraphs]
    assert paragraphs[0] == TITLE_EN
    assert "1. Facts" in paragraphs and "Recruiters charged fees." in paragraphs


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["No such draft", "--lang", "en"],
            "There is no draft with the reference “No such draft”.",
        ),
        (
            [REFERENCE, "--lang", "de"],
            "“de” is not one of Corredor's languages (English, Spanish, French).",
        ),
        (
            [REFERENCE, "--lang", "es", "--bilingual", "ES"],
            "Choose a second language other than the first.",
        ),
        (
            [REFERENCE, "--lang", "es", "--bilingual", "en", "--docx"],
            "The DOCX is in one language: leave out --bilingual.",
        ),
    ],
)
def test_it_refuses_bad_input_with_one_sentence_and_writes_nothing(
    draft: Draft, out: Path, arguments: list[str], message: str
) -> None:
    with pytest.raises(CommandError) as refusal:
        package(*arguments, "--out", str(out))
    assert str(refusal.value) == message
    assert list(out.parent.iterdir()) == []


def test_it_refuses_a_folder_or_a_folder_that_does_not_exist(draft: Draft, out: Path) -> None:
    with pytest.raises(CommandError, match=r"is a folder: give a file name\.$"):
        package(REFERENCE, "--lang", "en", "--out", str(out.parent))
    missing = out.parent / "missing" / "package.pdf"
    with pytest.raises(CommandError) as refusal:
        package(REFERENCE, "--lang", "en", "--out", str(missing))
    assert str(refusal.value) == f"Cannot write {missing}: No such file or directory"
    assert list(out.parent.iterdir()) == []


def test_a_damaged_exhibit_leaves_no_file_behind(draft: Draft, alice: Any, out: Path) -> None:
    out.write_bytes(b"the previous package")
    drafting.add_document(
        draft,
        actor=alice,
        title="Broken scan",
        content=b"%PDF-1.4\nnothing readable",
        content_type="application/pdf",
        name="scan.pdf",
    )
    with pytest.raises(CommandError, match=r"^Exhibit 1 \(“Broken scan”\) is a damaged"):
        package(REFERENCE, "--lang", "en", "--out", str(out))
    assert out.read_bytes() == b"the previous package"  # untouched
    assert list(out.parent.iterdir()) == [out]


def test_from_the_command_line_a_refusal_exits_non_zero_without_a_traceback(
    draft: Draft, out: Path, capsys: Any
) -> None:
    with pytest.raises(SystemExit) as exit:
        Command().run_from_argv(
            ["corredor", "package", "nothing-like-it", "--lang", "en", "--out", str(out)]
        )
    assert exit.value.code == 1
    assert capsys.readouterr().err == (
        "CommandError: There is no draft with the reference “nothing-like-it”.\n"
    )

"""The filing package, read back as a filing office would read it: one PDF with its cover,
contents, numbered sections, signatories annex, exhibit index and exhibits in that order,
every page numbered; a DOCX of the body for lawyers; and never a worker's identity."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from pypdf import PdfReader, PdfWriter

from corredor.petitions import drafting
from corredor.petitions.choices import DraftKind
from corredor.petitions.draft_forms import DocumentExhibitForm
from corredor.petitions.models import Draft
from corredor.petitions.package import PackageError, build_docx, build_pdf
from corredor.petitions.tests.package_drafts import (
    FACTS_EN,
    FACTS_ES,
    HARM_FR,
    OBLIGATIONS_EN,
    REFERENCE,
    TITLE_EN,
    TITLE_ES,
    full_draft,
    make_draft,
    page_texts,
    text_pdf,
    write,
)
from corredor.testimonies.tests.conftest import (
    KEY_ONE,
    WORKER_EMAIL,
    WORKER_NAME,
    WORKER_PHONE,
    alfa_petition,
    pdf,
    photo,
)

# Every piece of the worker's identity that the excerpt carried.
IDENTITY = [WORKER_NAME, WORKER_PHONE, WORKER_EMAIL, *WORKER_NAME.split(), "1234"]


@pytest.fixture(autouse=True)
def _secrets(settings: Any) -> None:
    settings.TESTIMONY_KEYS = [KEY_ONE]


@pytest.fixture
def draft(alice: Any, alfa: Any) -> Draft:
    return full_draft(alice, alfa)


def first_page_with(pages: list[str], text: str, start: int = 0) -> int:
    """The number (from 1) of the first page at or after page `start + 1` showing `text`."""
    return next(number for number, page in enumerate(pages, 1) if number > start and text in page)


def bookmarks(outline: list[Any]) -> list[str]:
    return [
        title
        for item in outline
        for title in (bookmarks(item) if isinstance(item, list) else [item.title])
    ]


def flat(text: str) -> str:
    """Words separated by single spaces, wherever the lines broke."""
    return " ".join(text.split())


def in_order(text: str, *parts: str) -> bool:
    positions = [text.find(part) for part in parts]
    return -1 not in positions and positions == sorted(positions)


# The PDF


def test_the_package_holds_its_parts_in_order_with_the_page_numbers_of_the_contents(
    draft: Draft,
) -> None:
    pages = page_texts(build_pdf(draft, "en"))
    assert len(pages) == 13
    cover = pages[0]
    for line in (
        "PETITION",
        TITLE_EN,
        REFERENCE,
        "USMCA public submission (Article 23.11)",
        "Agreement (USMCA), Chapter 23 (Labor)",
        "US contact point: Office of Trade and Labor Affairs (Department of Labor)",
        "Country complained against\nMexico",
        "Labor rights",
        "Centro Alfa\nUnión de Jornaleros del Valle",
        "Authoritative language\nEnglish",
        "Nov. 24, 2026",
    ):
        assert flat(line) in flat(cover), line
    assert pages[1].startswith("Contents")
    body = first_page_with(pages, "1. Facts", start=2)
    annex = first_page_with(pages, "Annex 1: signatories of “End recruitment fees”", start=2)
    index = first_page_with(pages, "Exhibit index", start=2)
    assert (body, annex, index) == (3, 4, 5)
    for entry, page in (
        ("1. Facts", body),
        ("2. Laws and obligations not enforced", body),
        ("3. Harm", body),
        ("Annex 1: signatories of “End recruitment fees”", annex),
        ("Exhibit index", index),
    ):
        assert re.search(rf"{re.escape(entry)} \.+ +{page}\n", pages[1]), entry
    assert in_order(
        pages[2],
        "1. Facts\n" + FACTS_EN.replace("\n\n", "\n"),
        "2. Laws and obligations not enforced\n" + OBLIGATIONS_EN,
        "3. Harm\n(Text in French)\n" + HARM_FR,
    )
    text = "\n".join(pages)
    assert "Relief requested" not in text  # no text in any language: left out, not numbered
    assert "Wages < the minimum & <b>unpaid</b> overtime." in pages[2]  # text, never markup


def test_the_annex_lists_the_named_signers_only(draft: Draft) -> None:
    pages = page_texts(build_pdf(draft, "en"))
    annex = pages[3]
    assert "3 signatures, confirmed by email." in annex
    assert "Farmworker Justice (Austin)" in annex and "Ana Ruiz (Culiacán)" in annex
    assert "And 1 signer who asked not to be named." in annex
    text = "\n".join(pages)
    assert "Secret Person" not in text and "Unconfirmed Person" not in text
    assert "@" not in text  # no signer's email address


def test_the_exhibits_follow_their_index_behind_separators_every_page_numbered(
    draft: Draft,
) -> None:
    content = build_pdf(draft, "en")
    pages = page_texts(content)
    total = len(pages)
    for number, page in enumerate(pages, 1):
        assert f"Page {number} of {total}" in page, number
    contract = first_page_with(pages, "Exhibit 1 — Recruitment contract", start=5)
    picture = first_page_with(pages, "Exhibit 2 — Photo of the camp", start=5)
    account = first_page_with(pages, "Exhibit 3 — A worker's account", start=5)
    letter = first_page_with(pages, "Exhibit 4 — Letter of support", start=5)
    assert (contract, picture, account, letter) == (6, 9, 11, 13)
    index = pages[4]
    # Number, title, kind, pages of its own, the page where it starts.
    assert "1 Recruitment contract Document 2 6\n" in index
    assert "2 Photo of the camp Document 1 9\n" in index
    assert re.search(r"3 A worker's account T ?estimony excerpt 1 11\n", index)
    assert "4 Letter of support Signatories of a sign-on letter 1 13\n" in index
    # The contract's own pages, merged in order, each stamped with its number; the second,
    # an A4 page turned sideways, too.
    assert pages[6].startswith("Contract page one") and "Page 7 of 13" in pages[6]
    assert pages[7].startswith("Contract page two") and "Page 8 of 13" in pages[7]
    assert "Annex 1, from page 4." in flat(pages[12])
    turned = PdfReader(io.BytesIO(content)).pages[7].mediabox
    assert (round(turned.width), round(turned.height)) == (842, 595)


def test_a_testimony_appears_as_its_redacted_excerpt_under_its_pseudonym_only(
    draft: Draft,
) -> None:
    pseudonym = draft.exhibits.get(kind="testimony").evidence.testimony.pseudonym
    content = build_pdf(draft, "en")
    pages = page_texts(content)
    assert pages[11].startswith(f"Excerpt from testimony {pseudonym}\nMe llamo [NAME].")
    assert "Mi teléfono es [PHONE]." in pages[11]
    reader = PdfReader(io.BytesIO(content))
    everything = "\n".join([*pages, str(reader.metadata), *bookmarks(reader.outline)])
    for part in IDENTITY:
        assert part not in everything, part


def test_a_spanish_package_has_spanish_headings_and_falls_back_to_the_authoritative_text(
    draft: Draft,
) -> None:
    pages = page_texts(build_pdf(draft, "es"))
    cover = pages[0]
    for line in (
        "PETICIÓN",
        "Jornaleros a quienes cobraron cuotas de reclutamiento",
        "Mecanismo\nComunicación pública conforme al T-MEC (artículo 23.11)",
        "Oficina receptora",
        "País demandado\nMéxico",
        "Peticionarios",
        "24 de noviembre de 2026",
    ):
        assert flat(line) in flat(cover), line
    assert in_order(
        pages[2],
        "1. Hechos\n" + FACTS_ES,
        "2. Leyes y obligaciones incumplidas\n",
        "Inglés",  # the language of the text shown instead, named in Spanish
        OBLIGATIONS_EN,
        "3. Daño\n",
        HARM_FR,
    )
    assert "Organizaciones" in pages[3] and "Personas" in pages[3]


def test_a_bilingual_package_sets_each_section_in_both_languages_side_by_side(
    draft: Draft,
) -> None:
    pages = page_texts(build_pdf(draft, "es", bilingual="en"))
    assert TITLE_ES in flat(pages[0]) and TITLE_EN in flat(pages[0])
    assert "1. Hechos / 1. Facts" in pages[1]
    sections = pages[2]
    assert in_order(sections, "1. Hechos", "1. Facts", "2. Leyes y obligaciones")
    for words in ("Los reclutadores en Culiacán", "Recruiters in Culiacán", "Passports were"):
        assert words in sections, words


def test_a_supplement_says_what_it_supplements_and_borrows_the_authoritative_title(
    alice: Any, alfa: Any
) -> None:
    petition = alfa_petition(alfa, alice)
    supplement = make_draft(
        alice,
        alfa,
        reference="Alfa supplement 1",
        kind=DraftKind.SUPPLEMENT,
        petition=petition,
        title_es="",
    )
    write(supplement, alice, "facts", "en", "The recruiters kept charging fees.")
    pages = page_texts(build_pdf(supplement, "fr"))
    assert "Complément à RRM Alfa Testimonios".upper() in pages[0]
    assert TITLE_EN in flat(pages[0])  # no French title: the English one
    assert "1. Faits\n" in pages[2] and "The recruiters kept charging fees." in pages[2]
    assert "Exhibit index" not in "\n".join(pages)  # no exhibits, no index


# Exhibits that cannot be used


def encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf("Secret"))))
    writer.encrypt("a password")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "content_type", "problem"),
    [
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nnot a pdf at all", "application/pdf", "damaged"),
        (pdf(), "application/pdf", "damaged or empty PDF"),  # a PDF of no pages
        (encrypted_pdf(), "application/pdf", "protected by a password"),
        (photo("PNG")[:60], "image/png", "damaged picture"),
    ],
)
def test_an_unusable_exhibit_stops_the_build_with_a_message_naming_it(
    alice: Any, alfa: Any, content: bytes, content_type: str, problem: str
) -> None:
    draft = make_draft(alice, alfa)
    write(draft, alice, "facts", "en", "Facts.")
    drafting.add_document(
        draft,
        actor=alice,
        title="Broken scan",
        content=content,
        content_type=content_type,
        name="scan",
    )
    with pytest.raises(PackageError) as refusal:
        build_pdf(draft, "en")
    assert str(refusal.value).startswith("Exhibit 1 (“Broken scan”)")
    assert problem in str(refusal.value)


def test_it_refuses_unknown_languages_and_the_same_language_twice(draft: Draft) -> None:
    with pytest.raises(PackageError, match="“de” is not one of Corredor's languages"):
        build_pdf(draft, "de")
    with pytest.raises(PackageError, match="other than the first"):
        build_pdf(draft, "es", bilingual="es")


# The DOCX


def docx_of(content: bytes) -> list[tuple[str, str]]:
    """(style, text) of every paragraph."""
    return [(p.style.name, p.text) for p in Document(io.BytesIO(content)).paragraphs]


def test_the_docx_has_the_body_under_word_headings(draft: Draft) -> None:
    content = build_docx(draft, "en")
    paragraphs = docx_of(content)
    assert paragraphs[0] == ("Title", TITLE_EN)
    assert ("Normal", f"Reference: {REFERENCE}") in paragraphs
    assert [text for style, text in paragraphs if style == "Heading 1"] == [
        "Petitioners",
        "1. Facts",
        "2. Laws and obligations not enforced",
        "3. Harm",
    ]
    assert ("List Bullet", "Unión de Jornaleros del Valle") in paragraphs
    texts = [text for _style, text in paragraphs]
    # A blank line starts a paragraph; a single line break stays a line break.
    assert (
        "Recruiters in Culiacán charged each worker 8,000 pesos.\n"
        "Passports were kept by the employer." in texts
    )
    assert "Wages < the minimum & <b>unpaid</b> overtime." in texts
    assert texts[texts.index("3. Harm") + 1] == "(Text in French)"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = "".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith(".xml")
        )
    for part in IDENTITY:
        assert part not in xml, part


def test_the_docx_in_spanish_falls_back_to_the_reference_when_no_title_exists(
    alice: Any, alfa: Any
) -> None:
    draft = make_draft(alice, alfa, title_en="", title_es="")
    write(draft, alice, "facts", "es", "Hechos en\x0bespañol.")
    paragraphs = docx_of(build_docx(draft, "es"))
    assert paragraphs[0] == ("Title", REFERENCE)
    assert ("Heading 1", "1. Hechos") in paragraphs
    assert ("Normal", "Hechos en\nespañol.") in paragraphs  # a pasted vertical tab: a line break


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (encrypted_pdf(), "protected by a password"),
        (pdf(), "damaged or empty PDF"),  # a PDF of no pages
    ],
)
def test_the_upload_form_refuses_a_pdf_as_the_package_would(content: bytes, problem: str) -> None:
    """The form opens an uploaded PDF as the package does, and says what the package would."""
    upload = SimpleUploadedFile("contract.pdf", content, content_type="application/pdf")
    form = DocumentExhibitForm({"title": "Contract"}, {"file": upload}, number=2)
    assert not form.is_valid()
    [message] = form.errors["file"]
    assert message.startswith("Exhibit 2 (“Contract”)")
    assert problem in message

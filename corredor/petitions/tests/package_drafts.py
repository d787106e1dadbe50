"""Drafts for the package tests, made through the drafting actions: a petition to Mexico's
conduct before the US contact point, written in English with some Spanish and French, and its
four kinds of exhibits (a PDF, a picture, a testimony's excerpt, a sign-on letter)."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from corredor.accounts.models import Organization, User
from corredor.petitions import drafting
from corredor.petitions.models import Draft
from corredor.signons.tests.conftest import add_organization, add_signature, make_letter
from corredor.testimonies.tests.conftest import give, photo

REFERENCE = "Alfa USMCA 2026-3"
TITLE_EN = "Farmworkers charged recruitment fees in Sinaloa"
TITLE_ES = "Jornaleros a quienes cobraron cuotas de reclutamiento en Sinaloa"
FACTS_EN = (
    "Recruiters in Culiacán charged each worker 8,000 pesos.\n"
    "Passports were kept by the employer.\n\n"
    "Wages < the minimum & <b>unpaid</b> overtime."
)
FACTS_ES = "Los reclutadores en Culiacán cobraron 8,000 pesos a cada trabajador."
OBLIGATIONS_EN = "Mexico did not enforce Article 23.3 against the recruiters."
HARM_FR = "Les travailleurs ont perdu leurs salaires."
# What the worker says, with her name and phone: the package may only show it redacted.
EXCERPT = (
    "Me llamo María Guadalupe Pérez López. El reclutador me cobró 8,000 pesos. "
    "Mi teléfono es 55 1234 5678."
)
LETTER_TITLE = "End recruitment fees"


def text_pdf(*pages: str, size: tuple[float, float] = (612, 792), rotate: int = 0) -> bytes:
    """A small PDF with one line of text on each page, in Helvetica (no font embedded)."""
    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    font_reference = writer._add_object(font)
    for text in pages:
        page: PageObject = writer.add_blank_page(*size)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font_reference})}
        )
        stream = DecodedStreamObject()
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        stream.set_data(f"BT /F1 14 Tf 72 {size[1] / 2:.0f} Td ({escaped}) Tj ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
        if rotate:
            page.rotate(rotate)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_texts(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def make_draft(actor: User, organization: Organization, **fields: Any) -> Draft:
    values = {
        "reference": REFERENCE,
        "mechanism": "usmca-23.11",
        "office": "us-otla",
        "against_country": "MX",
        "principles": ["23.3"],
        "title_en": TITLE_EN,
        "title_es": TITLE_ES,
        "petitioners": "Centro Alfa\nUnión de Jornaleros del Valle",
        "authoritative_language": "en",
        **fields,
    }
    return drafting.create_draft(actor=actor, organization=organization, **values)


def write(draft: Draft, actor: User, section: str, language: str, text: str) -> None:
    drafting.save_section(draft, actor=actor, section=section, language=language, text=text)


def full_draft(actor: User, organization: Organization) -> Draft:
    """Facts in English and Spanish, obligations in English only, harm in French only, no
    relief at all; a two-page contract (the second page A4 and turned), a photo, a worker's
    excerpt and a sign-on letter with named, unnamed and unconfirmed signers."""
    draft = make_draft(actor, organization)
    write(draft, actor, "facts", "en", FACTS_EN)
    write(draft, actor, "facts", "es", FACTS_ES)
    write(draft, actor, "obligations", "en", OBLIGATIONS_EN)
    write(draft, actor, "harm", "fr", HARM_FR)
    contract = merge_pdfs(
        text_pdf("Contract page one"), text_pdf("Contract page two", size=(595, 842), rotate=90)
    )
    drafting.add_document(
        draft,
        actor=actor,
        title="Recruitment contract",
        content=contract,
        content_type="application/pdf",
        name="contract.pdf",
    )
    drafting.add_document(
        draft,
        actor=actor,
        title="Photo of the camp",
        content=photo("PNG"),
        content_type="image/png",
        name="camp.png",
    )
    testimony = give(organization, "anonymous_use").testimony
    drafting.add_testimony(
        draft,
        actor=actor,
        testimony=testimony,
        excerpt=EXCERPT,
        named=False,
        title="A worker's account",
    )
    letter = make_letter(organization, title_en=LETTER_TITLE)
    add_organization(letter, 1, organization_name="Farmworker Justice", country="US")
    add_signature(letter, 2, name="Ana Ruiz", country="MX", city="Culiacán")
    add_signature(letter, 3, name="Secret Person", show_publicly=False)
    add_signature(letter, 4, name="Unconfirmed Person", confirmed_at=None)
    drafting.add_letter(draft, actor=actor, letter=letter, title="Letter of support")
    draft.refresh_from_db()
    return draft


def merge_pdfs(*contents: bytes) -> bytes:
    writer = PdfWriter()
    for content in contents:
        writer.append(PdfReader(io.BytesIO(content)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

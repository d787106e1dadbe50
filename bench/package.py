"""Filing package benchmark: a 30-page petition with 10 exhibits, built as one PDF.

Run with `make bench-package` (or `.venv/bin/python bench/package.py`). In a throwaway SQLite
database and a temporary media folder, it writes a draft through the drafting actions: about
30 pages of section text in the authoritative language (English) and ten exhibits, generated
on the fly: six PDFs of three to five pages (four of text, one of them A4 and one landscape,
and two scans made of full-page pictures), a phone photo (JPEG) and a screenshot (PNG), a
testimony's excerpt and a sign-on letter with 100 confirmed signatures. Then it builds the
package three times: cold (the first build in the process: WeasyPrint loads its fonts), warm,
then under tracemalloc for the peak of Python's own allocations (tracemalloc slows it down
about six times: that build is not timed). It prints the pages, the times, the memory (also
the process's peak resident size, ru_maxrss) and the target: under 10 s for the cold build.
Exits 1 when it is missed. The whole run takes about 35 s.
"""

from __future__ import annotations

import io
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corredor.settings")

import django  # noqa: E402

django.setup()

from cryptography.fernet import Fernet  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

from corredor.petitions.models import Draft  # noqa: E402

TARGET_SECONDS = 10.0
BODY_PAGES = 30
CHARACTERS_PER_PAGE = 2850  # of running text at 10.5 pt on Letter, measured
SIGNATURES = 100
LETTER = (612.0, 792.0)  # points
A4 = (595.28, 841.89)
# The vocabulary of the generated text (a paragraph reads better than a column of words).
WORDS = (  # noqa: SIM905
    "worker workers recruiter recruiters fee fees contract wages hours overtime camp housing "
    "passport visa employer farm harvest season transport debt deduction inspector labor law "
    "ministry office complaint union association bargaining retaliation dismissal safety heat "
    "water pesticide injury clinic payment receipt record testimony Sinaloa Georgia Culiacán "
    "Valdosta program H-2A the of and to in for with was were had not by on at from each every"
).split()


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with tempfile.TemporaryDirectory() as media:
            settings.MEDIA_ROOT = media
            settings.TESTIMONY_KEYS = [Fernet.generate_key().decode()]
            started = time.perf_counter()
            draft = make_draft()
            print(f"draft and 10 exhibits written in {time.perf_counter() - started:.1f} s")
            measure(draft)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def sentences(rng: random.Random, characters: int) -> str:
    """Paragraphs of plausible length, about `characters` long."""
    paragraphs: list[str] = []
    length = 0
    while length < characters:
        sentence_count = rng.randint(3, 8)
        paragraph = " ".join(
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 22))).capitalize() + "."
            for _ in range(sentence_count)
        )
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def typeset_pdf(rng: random.Random, pages: int, size: tuple[float, float]) -> bytes:
    """Pages of text set in Helvetica, as office software makes them. Not with WeasyPrint: the
    first package build of the process must be the first time WeasyPrint runs."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )
    width, height = size
    for page_number in range(1, pages + 1):
        page = writer.add_blank_page(width, height)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        lines = [f"Document page {page_number}"]
        words = sentences(rng, 4000).split()
        while words:
            line = []
            while words and len(" ".join(line)) < (width - 144) / 5.2:
                line.append(words.pop())
            lines.append(" ".join(line))
        lines = lines[: int((height - 144) / 13)]
        text = " T* ".join(f"({line})Tj" for line in lines)
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 10 Tf 13 TL 72 {height - 72:.0f} Td {text} ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_pdf(rng: random.Random, pages: int) -> bytes:
    """Pages that are pictures, as a scanner makes them (150 dpi Letter, JPEG)."""
    images = []
    for page in range(pages):
        image = Image.new("RGB", (1275, 1650), (246, 244, 238))
        draw = ImageDraw.Draw(image)
        for line in range(40):
            y = 120 + line * 36
            draw.line((100, y, 100 + rng.randint(600, 1075), y), fill=(60, 60, 60), width=6)
        draw.text((100, 60), f"Scanned page {page + 1}", fill=(0, 0, 0))
        images.append(image)
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=150)
    return out.getvalue()


def picture(rng: random.Random, size: tuple[int, int], kind: str) -> bytes:
    image = Image.effect_noise(size, 40).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(30):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        draw.rectangle((x, y, x + 200, y + 120), fill=(rng.randrange(256), 120, 60))
    out = io.BytesIO()
    image.save(out, kind, **({"quality": 85} if kind == "JPEG" else {}))
    return out.getvalue()


def make_draft() -> Draft:
    from django.utils import timezone

    from corredor.accounts import actions as accounts
    from corredor.accounts.choices import Country, OrganizationKind
    from corredor.accounts.models import User
    from corredor.petitions import drafting
    from corredor.signons.models import Letter, Signature
    from corredor.testimonies.actions import take_testimony

    rng = random.Random(2026)  # noqa: S311 (repeatable test data, not security)
    alice = User.objects.create_user("alice@alfa.example", "a-long-bench-password-9")
    alfa = accounts.create_organization(
        alice, slug="centro-alfa", name="Centro Alfa", country=Country.MX,
        kind=OrganizationKind.WORKER_CENTER,
    )  # fmt: skip
    draft = drafting.create_draft(
        actor=alice,
        organization=alfa,
        reference="BENCH USMCA 2026-1",
        mechanism="usmca-23.11",
        office="us-otla",
        against_country="MX",
        principles=["23.3"],
        title_en="Farmworkers charged recruitment fees and denied overtime",
        petitioners="Centro Alfa\nUnión de Jornaleros del Valle\nFarmworker Justice",
    )
    sections = [section.code for section in draft.rules.sections]
    share = BODY_PAGES * CHARACTERS_PER_PAGE // len(sections)
    for code in sections:
        drafting.save_section(
            draft, actor=alice, section=code, language="en", text=sentences(rng, share)
        )
    documents = [
        ("Recruitment contract", typeset_pdf(rng, 4, LETTER)),
        ("Pay slips", typeset_pdf(rng, 3, A4)),
        ("Inspection report", typeset_pdf(rng, 5, (LETTER[1], LETTER[0]))),
        ("Housing complaint", typeset_pdf(rng, 3, LETTER)),
        ("Scanned passport receipts", scanned_pdf(rng, 3)),
        ("Scanned clinic records", scanned_pdf(rng, 4)),
    ]
    for title, content in documents:
        drafting.add_document(
            draft, actor=alice, title=title, content=content,
            content_type="application/pdf", name=f"{title}.pdf",
        )  # fmt: skip
    for title, content, kind in (
        ("Photo of the camp", picture(rng, (3000, 2000), "JPEG"), "image/jpeg"),
        ("Screenshot of the recruiter's message", picture(rng, (1200, 900), "PNG"), "image/png"),
    ):
        drafting.add_document(
            draft, actor=alice, title=title, content=content, content_type=kind, name=title
        )
    testimony = take_testimony(
        alfa,
        {
            "narrative": sentences(rng, 3000),
            "name": "Rosa Ejemplo",
            "preferred_language": "es",
            "year": 2025,
        },
        consents={"keep": True, "anonymous_use": True},
        language="es",
        channel="web",
    ).testimony
    drafting.add_testimony(
        draft, actor=alice, testimony=testimony, excerpt=sentences(rng, 1500),
        named=False, title="A worker's account",
    )  # fmt: skip
    today = timezone.localdate()
    letter = Letter.objects.create(
        slug="bench-letter", organization=alfa, title_en="End recruitment fees",
        body_en="We ask the three governments to end recruitment fees.",
        recipients="United States Trade Representative", opens_on=today, closes_on=today,
    )  # fmt: skip
    now = timezone.now()
    Signature.objects.bulk_create(
        Signature(
            letter=letter,
            kind="organization" if number % 4 == 0 else "individual",
            organization_name=f"Organization {number}" if number % 4 == 0 else "",
            name=f"Signer {number}",
            country=("US", "MX", "CA")[number % 3],
            city="Culiacán",
            email=f"signer{number}@example.org",
            language="en",
            token_digest=f"{number:064d}",
            token_sent_at=now,
            confirmed_at=now,
            show_publicly=number % 10 != 0,
        )
        for number in range(SIGNATURES)
    )
    drafting.add_letter(draft, actor=alice, letter=letter, title="Letter of support")
    return draft


def body_pages(content: bytes) -> tuple[int, int]:
    """Total pages, and the pages of the numbered sections (from the first section's bookmark
    to the first annex's)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    starts = {
        item.title: reader.get_destination_page_number(item)
        for item in reader.outline
        if not isinstance(item, list)  # nested: the annex's countries, a testimony's heading
    }
    first = next(page for title, page in starts.items() if title.startswith("1. "))
    annex = next(page for title, page in starts.items() if title.startswith("Annex 1"))
    return len(reader.pages), annex - first


def measure(draft: Draft) -> None:
    from corredor.petitions.package import build_docx, build_pdf

    started = time.perf_counter()
    content = build_pdf(draft, "en")
    cold = time.perf_counter() - started
    started = time.perf_counter()
    build_pdf(draft, "en")
    warm = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    tracemalloc.start()
    build_pdf(draft, "en")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    started = time.perf_counter()
    docx = build_docx(draft, "en")
    docx_seconds = time.perf_counter() - started
    total, body = body_pages(content)
    print(f"pages: {total} in all, {body} of numbered sections; {len(content) / 1e6:.1f} MB")
    print(f"build, cold: {cold:.2f} s   warm: {warm:.2f} s   (DOCX: {docx_seconds:.2f} s, "
          f"{len(docx) / 1e3:.0f} kB)")  # fmt: skip
    print(f"memory: Python peak {peak / 1e6:.0f} MB (tracemalloc), process peak {rss:.0f} MB "
          f"(ru_maxrss after the two timed builds)")  # fmt: skip
    verdict = "PASS" if cold < TARGET_SECONDS else "MISS"
    print(f"target: cold build under {TARGET_SECONDS:.0f} s: {verdict} "
          f"(ratio {cold / TARGET_SECONDS:.2f})")  # fmt: skip
    if verdict == "MISS":
        sys.exit(1)


if __name__ == "__main__":
    main()

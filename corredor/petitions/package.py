"""The filing package of a draft: one PDF to file, and a DOCX of its body for lawyers.

The PDF is laid out by WeasyPrint in one pass: cover, contents, the numbered sections, an
annex of signatories per sign-on letter, the exhibit index, then each exhibit behind its
separator page. A PDF exhibit's pages are not laid out: WeasyPrint lays out an empty page of
the same size in its place, numbered like the others, and pypdf then puts the exhibit's page
there with that number stamped on it. So every page is numbered in one sequence, and the
contents and the index get their page numbers from WeasyPrint's own `target-counter()`.
Nothing but the redacted excerpt and the pseudonym of a testimony is ever read here.
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass
from itertools import zip_longest
from typing import TYPE_CHECKING, Any

from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.errors import PyPdfError

from corredor.lib import crypto
from corredor.lib.crypto import InvalidToken
from corredor.lib.pdf import render_document, stylesheet
from corredor.petitions.choices import DraftKind, ExhibitKind, Language
from corredor.petitions.models import Draft, Exhibit
from corredor.signons.actions import signatories
from corredor.signons.rules import Signatories
from corredor.treaties.labels import COUNTRY_LABELS, language_name, local, office_name
from corredor.treaties.rulebook import Section as RuleSection

if TYPE_CHECKING:
    from pypdf import PageObject

# For the form that chooses the package's languages too.
SAME_LANGUAGE_TWICE = gettext_lazy("Choose a second language other than the first.")
IMAGE_TYPES = ("image/jpeg", "image/png")
# pypdf raises its own errors for the damage it recognizes and Python's for the damage it
# does not (a cross-reference pointing nowhere, a stream cut short).
DAMAGED_PDF = (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError, OSError)
DAMAGED_IMAGE = (OSError, ValueError, SyntaxError, Image.DecompressionBombError)
# Control characters other than tab and newline: not allowed in XML (so not in a DOCX), and
# invisible in a PDF. Form feeds and vertical tabs come from text pasted out of Word.
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c]")
PARAGRAPHS = re.compile(r"\n\s*\n")
PLACEHOLDER = re.compile(r"\{(page|pages)\}")


class PackageError(ValueError):
    """The package cannot be built; the message, in the active language, says why and names
    the exhibit at fault."""


# What goes into the templates -----------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A section in one language: its heading, its text, and a note when the text shown is
    in another language than the column's."""

    language: str
    heading: str
    text: str
    note: str = ""

    @property
    def paragraphs(self) -> list[str]:
        return [part.strip() for part in PARAGRAPHS.split(self.text) if part.strip()]


@dataclass(frozen=True)
class PackageSection:
    number: int
    columns: tuple[Column, ...]  # one, or two side by side

    @property
    def anchor(self) -> str:
        return f"section-{self.number}"

    @property
    def label(self) -> str:
        return " / ".join(f"{self.number}. {column.heading}" for column in self.columns)

    @property
    def rows(self) -> list[tuple[str, ...]]:
        """The paragraphs side by side, so that a translation stays level with its source."""
        return list(zip_longest(*(column.paragraphs for column in self.columns), fillvalue=""))


@dataclass(frozen=True)
class Annex:
    number: int
    heading: str
    signatories: Signatories

    @property
    def anchor(self) -> str:
        return f"annex-{self.number}"

    @property
    def end_anchor(self) -> str:
        return f"annex-{self.number}-end"


@dataclass(frozen=True)
class Merged:
    """A PDF exhibit's pages, and the size each one shows, in points."""

    pages: list[PageObject]
    sizes: list[tuple[float, float]]

    @property
    def stamps(self) -> list[str]:
        """The class of the empty page laid out for each page: one per page size."""
        return [stamp_class(width, height) for width, height in self.sizes]


def stamp_class(width: float, height: float) -> str:
    return f"stamp-{round(width * 100)}-{round(height * 100)}"


@dataclass
class PackageExhibit:
    number: int
    title: str
    kind: str
    pages: int | None = None  # known before layout; otherwise WeasyPrint counts them
    merged: Merged | None = None
    image: str = ""  # a data: URI
    excerpt: str = ""
    pseudonym: str = ""
    annex: Annex | None = None
    pointer: tuple[str, str] = ("", "")  # a letter's sentence around its annex's page number

    @property
    def anchor(self) -> str:
        return f"exhibit-{self.number}"

    @property
    def end_anchor(self) -> str:
        return self.annex.end_anchor if self.annex else f"exhibit-{self.number}-end"

    @property
    def kind_label(self) -> str:
        return str(ExhibitKind(self.kind).label)


# Building -------------------------------------------------------------------------------


def build_pdf(draft: Draft, language: str, *, bilingual: str | None = None) -> bytes:
    """The filing package in `language`, or with each section side by side in `language` and
    `bilingual`. Raises PackageError when an exhibit cannot be used."""
    check_languages(language, bilingual)
    with translation.override(language):
        columns = (language, bilingual) if bilingual else (language,)
        sections = _sections(draft, columns)
        exhibits, annexes = _exhibits(draft)
        html = render_to_string(
            "petitions/package/package.html",
            {
                **_cover(draft, language, bilingual),
                "sections": sections,
                "annexes": annexes,
                "exhibits": exhibits,
            },
        )
        document = render_document(html, [stylesheet("corredor/package.css"), _page_css(exhibits)])
        body = document.write_pdf()
        first_page = {
            anchor: index for index, page in enumerate(document.pages) for anchor in page.anchors
        }
        sizes = [(page.width, page.height) for page in document.pages]
        return _merge(body, exhibits, first_page, sizes, _title(draft, language))


def build_docx(draft: Draft, language: str) -> bytes:
    """The petition's body in `language` (with the same fallbacks as the PDF), for lawyers to
    edit: title, reference, petitioners, then each section under a Word heading."""
    from docx import Document  # imported here: only the DOCX needs it

    check_languages(language, None)
    with translation.override(language):
        document = Document()
        title = _title(draft, language)
        properties = document.core_properties
        properties.title = title
        properties.author = draft.organization.name
        properties.comments = ""
        properties.language = language
        properties.created = properties.modified = timezone.now()
        document.add_heading(title, level=0)
        document.add_paragraph(_kind_line(draft))
        document.add_paragraph(_("Reference: {reference}").format(reference=draft.reference))
        if draft.petitioner_names:
            document.add_heading(_("Petitioners"), level=1)
            for name in draft.petitioner_names:
                document.add_paragraph(_clean(name), style="List Bullet")
        for section in _sections(draft, (language,)):
            (column,) = section.columns
            document.add_heading(f"{section.number}. {column.heading}", level=1)
            if column.note:
                document.add_paragraph().add_run(column.note).italic = True
            for paragraph in column.paragraphs:
                lines = paragraph.split("\n")
                run = document.add_paragraph().add_run(lines[0])
                for line in lines[1:]:
                    run.add_break()
                    run.add_text(line)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def check_languages(language: str, bilingual: str | None) -> None:
    """Raise PackageError unless both are Corredor's languages, and different."""
    for code in (language, bilingual):
        if code is not None and code not in Language.values:
            raise PackageError(
                _("“{code}” is not one of Corredor's languages (English, Spanish, French).").format(
                    code=code
                )
            )
    if bilingual == language:
        raise PackageError(str(SAME_LANGUAGE_TWICE))


# The parts ------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return CONTROL.sub("", LINE_BREAKS.sub("\n", text))


def _title(draft: Draft, language: str) -> str:
    return _clean(
        getattr(draft, f"title_{language}")
        or getattr(draft, f"title_{draft.authoritative_language}")
        or draft.reference
    )


def _kind_line(draft: Draft) -> str:
    if draft.kind == DraftKind.SUPPLEMENT and draft.petition is not None:
        return _("Supplement to {reference}").format(reference=draft.petition.reference)
    return _("Petition")


def _cover(draft: Draft, language: str, bilingual: str | None) -> dict[str, Any]:
    rules = draft.rules
    second = _clean(getattr(draft, f"title_{bilingual}")) if bilingual else ""
    title = _title(draft, language)
    return {
        "language": language,
        "bilingual": bilingual,
        "reference": draft.reference,
        "title": title,
        "second_title": second if second != title else "",
        "kind": _kind_line(draft),
        "mechanism": local(rules.name),
        "agreement": local(rules.agreement.name),
        "office": office_name(draft.office),
        "against": str(COUNTRY_LABELS.get(draft.against_country, draft.against_country)),
        "principles": [
            local(rules.principles[code].name) if code in rules.principles else code
            for code in draft.principles
        ],
        "petitioners": [_clean(name) for name in draft.petitioner_names],
        "authoritative": language_name(draft.authoritative_language),
        "today": timezone.localdate(),
    }


def _sections(draft: Draft, languages: tuple[str, ...]) -> list[PackageSection]:
    """The rulebook's sections in its order, numbered from 1, leaving out those with no text
    in any language."""
    texts: dict[str, dict[str, str]] = {}
    for row in draft.texts.all():
        texts.setdefault(row.section, {})[row.language] = row.text
    sections: list[PackageSection] = []
    for rule in draft.rules.sections:
        columns = [
            _column(rule, texts.get(rule.code, {}), code, draft.authoritative_language)
            for code in languages
        ]
        present = [column for column in columns if column is not None]
        if len(present) == len(columns):
            sections.append(PackageSection(len(sections) + 1, tuple(present)))
    return sections


def _column(
    rule: RuleSection, texts: dict[str, str], language: str, authoritative: str
) -> Column | None:
    """The text in `language`; failing that, in the authoritative language; failing that, in
    whichever language has one. None when no language has any."""
    shown = next(
        (
            code
            for code in (language, authoritative, *Language.values)
            if texts.get(code, "").strip()
        ),
        None,
    )
    if shown is None:
        return None
    note = ""
    with translation.override(language):
        if shown == authoritative and shown != language:
            note = _("(Text in {language}, the authoritative language)").format(
                language=language_name(shown)
            )
        elif shown != language:
            note = _("(Text in {language})").format(language=language_name(shown))
    return Column(language, rule.name[language], _clean(texts[shown]).strip(), note)


def _exhibits(draft: Draft) -> tuple[list[PackageExhibit], list[Annex]]:
    exhibits: list[PackageExhibit] = []
    annexes: list[Annex] = []
    rows = (
        draft.exhibits.select_related("evidence", "letter")
        # The pseudonym only: the testimony itself is not even loaded (and decrypted).
        .annotate(pseudonym=F("evidence__testimony__pseudonym"))
        .order_by("position", "pk")
    )
    for number, row in enumerate(rows, start=1):
        exhibit = PackageExhibit(number, _clean(row.title), row.kind)
        if row.kind == ExhibitKind.DOCUMENT:
            _read_document(row, exhibit)
        elif row.kind == ExhibitKind.TESTIMONY and row.evidence is not None:
            # The excerpt as stored: redacted unless the worker consented to be named.
            exhibit.excerpt = _clean(row.evidence.excerpt)
            exhibit.pseudonym = row.pseudonym
        elif row.kind == ExhibitKind.LETTER and row.letter is not None:
            annex_number = len(annexes) + 1
            annex = Annex(
                annex_number,
                _("Annex {number}: signatories of “{title}”").format(
                    number=annex_number, title=_clean(row.letter.title)
                ),
                signatories(row.letter),
            )
            annexes.append(annex)
            exhibit.annex = annex
            exhibit.pointer = _around(
                _(
                    "The confirmed signatories of this letter who agreed to be named are "
                    "listed in Annex {number}, from page {page}."
                ).format(number=annex_number, page="{page}"),
                "{page}",
            )
        exhibits.append(exhibit)
    return exhibits, annexes


def _around(text: str, placeholder: str) -> tuple[str, str]:
    """A translated sentence split where a page number, set by WeasyPrint, goes."""
    before, _found, after = text.partition(placeholder)
    return before, after


def _problem(message: str, exhibit: PackageExhibit, **more: Any) -> PackageError:
    return PackageError(message.format(number=exhibit.number, title=exhibit.title, **more))


def _read_document(row: Exhibit, exhibit: PackageExhibit) -> None:
    try:
        content = crypto.read_file(row.file)
    except (OSError, InvalidToken) as error:
        raise _problem(
            _("Exhibit {number} (“{title}”) cannot be read from storage. Upload it again."),
            exhibit,
        ) from error
    if row.content_type in IMAGE_TYPES:
        try:
            with Image.open(io.BytesIO(content)) as probe:
                probe.verify()
        except DAMAGED_IMAGE as error:
            raise _problem(
                _(
                    "Exhibit {number} (“{title}”) is a damaged picture: it cannot be placed in "
                    "the package. Upload a readable copy."
                ),
                exhibit,
            ) from error
        encoded = base64.b64encode(content).decode("ascii")
        exhibit.image = f"data:{row.content_type};base64,{encoded}"
        exhibit.pages = 1
    elif row.content_type == "application/pdf":
        exhibit.merged = open_pdf(content, exhibit)
        exhibit.pages = len(exhibit.merged.pages)
    else:
        raise _problem(
            _("Exhibit {number} (“{title}”) is neither a PDF nor a JPEG or PNG picture."),
            exhibit,
        )


def open_pdf(content: bytes, exhibit: PackageExhibit) -> Merged:
    """The pages of a PDF exhibit and their sizes. Raises PackageError, naming the exhibit,
    when the PDF is damaged, empty or protected by a password: the upload form checks with
    it too, so that what it accepts, the package takes."""
    damaged = _(
        "Exhibit {number} (“{title}”) is a damaged or empty PDF: it cannot be merged into the "
        "package. Upload a readable copy."
    )
    try:
        reader = PdfReader(io.BytesIO(content))
        locked = reader.is_encrypted and not reader.decrypt("")
        pages = [] if locked else list(reader.pages)
        sizes = [_shown_size(page) for page in pages]
    except DAMAGED_PDF as error:
        raise _problem(damaged, exhibit) from error
    if locked:
        raise _problem(
            _(
                "Exhibit {number} (“{title}”) is protected by a password: upload a copy "
                "without one."
            ),
            exhibit,
        )
    if not pages or any(width < 1 or height < 1 for width, height in sizes):
        raise _problem(damaged, exhibit)
    return Merged(pages, sizes)


def _shown_size(page: PageObject) -> tuple[float, float]:
    """The size of the page as a reader sees it (turned, when the PDF says so), rounded: one
    page class per size, and the size in the CSS is exactly this one."""
    box = page.cropbox
    width, height = abs(float(box.width)), abs(float(box.height))
    if page.rotation % 180 == 90:
        width, height = height, width
    return round(width, 2), round(height, 2)


# Layout and assembly --------------------------------------------------------------------


def _css_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return f'"{escaped}"'


def _page_css(exhibits: list[PackageExhibit]) -> str:
    """What package.css cannot say: "Page X of Y" in the active language, and one page size
    per size of the PDF exhibits' pages. No user text goes into it."""
    parts = PLACEHOLDER.split(_("Page {page} of {pages}"))
    # re.split puts the captured names at the odd positions: counters; the rest is text.
    content = " ".join(
        f"counter({part})" if index % 2 else _css_string(part)
        for index, part in enumerate(parts)
        if index % 2 or part
    )
    rules = [f"@page {{ @bottom-center {{ content: {content}; }} }}"]
    sizes = {
        (width, height)
        for exhibit in exhibits
        if exhibit.merged is not None
        for width, height in exhibit.merged.sizes
    }
    for width, height in sorted(sizes):
        name = stamp_class(width, height)
        # The number keeps its size relative to a Letter page; the margin fits small pages.
        scale = max(1.0, min(width, height) / 612)
        margin = min(30 * scale, height / 4)
        rules.append(
            f"@page {name} {{ size: {width}pt {height}pt; margin: 0 0 {margin:.2f}pt; "
            f"@bottom-center {{ font-size: {9 * scale:.2f}pt; }} }}\n"
            f".{name} {{ page: {name}; }}"
        )
    return "\n".join(rules)


def _merge(
    body: bytes,
    exhibits: list[PackageExhibit],
    first_page: dict[str, int],
    laid_out: list[tuple[float, float]],
    title: str,
) -> bytes:
    """The laid-out body with each PDF exhibit's pages in place of the empty, numbered pages
    kept for them, each stamped with that number."""
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(body)))  # keeps the links, outline and destinations
    for exhibit in exhibits:
        if exhibit.merged is None:
            continue
        start = first_page[exhibit.anchor] + 1  # the page after the separator
        for offset, (page, size) in enumerate(
            zip(exhibit.merged.pages, exhibit.merged.sizes, strict=True)
        ):
            index = start + offset
            _check_stamp(laid_out, index, size)
            stamp = writer.pages[index]
            try:
                placed = writer.insert_page(page, index)
                if placed.rotation % 360:
                    placed.transfer_rotation_to_content()  # so that the number stands upright
                box = placed.cropbox
                corner = (min(box.left, box.right), min(box.bottom, box.top))
                placed.merge_transformed_page(stamp, Transformation().translate(*corner))
            except DAMAGED_PDF as error:
                raise _problem(
                    _(
                        "Exhibit {number} (“{title}”) is a damaged PDF: its page {page} cannot "
                        "be read. Upload a readable copy."
                    ),
                    exhibit,
                    page=offset + 1,
                ) from error
            # The empty page goes; what is left of it, a few bytes, stays unreferenced.
            del writer.pages[index + 1]
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _check_stamp(
    laid_out: list[tuple[float, float]], index: int, size: tuple[float, float]
) -> None:
    """The page laid out for an exhibit's page has its size: otherwise the layout moved
    (a separator broke over two pages) and numbers would land on the wrong pages."""
    points = 0.75  # WeasyPrint measures in CSS pixels
    width, height = laid_out[index] if index < len(laid_out) else (0.0, 0.0)
    if abs(width * points - size[0]) > 0.1 or abs(height * points - size[1]) > 0.1:
        raise RuntimeError(f"package layout: page {index + 1} is not an exhibit's page")

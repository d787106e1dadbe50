"""Find and remove personal identifiers from testimonies written in English, Spanish or French.

A pure module: no Django, no database. `find` proposes spans; staff may add or drop spans
before `redact` (or `apply`) replaces each one with a placeholder such as "[PHONE]".

Every rule runs on a *folded* copy of the text: accents and other combining marks removed,
typographic apostrophes, dashes and no-break spaces made plain. The folded copy keeps
the case of each letter, and a map from its positions back to the original's, so spans
always point into the text that was given.

The rules lean towards removing a few words too many: a testimony that names its author
can cost a worker a job or a visa, while the dates, amounts, hours, visa programs and
counts that make it evidence are left alone. Each rule documents what it takes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

# Ties between overlapping spans of the same length go to the earlier (more specific) kind.
KINDS = (
    "curp",
    "rfc",
    "passport",
    "ssn",
    "itin",
    "sin",
    "email",
    "phone",
    "birth_date",
    "address",
    "name",
)


@dataclass(frozen=True)
class Span:
    """Characters `start` to `end` (exclusive) of a text hold an identifier of this kind."""

    start: int
    end: int
    kind: str

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"A span must have 0 <= start < end, not {self.start}..{self.end}.")
        if self.kind not in KINDS:
            raise ValueError(f"Unknown kind of identifier: {self.kind!r}.")


def default_placeholder(span: Span) -> str:
    return "[" + span.kind.upper() + "]"


def find(text: str, names: Iterable[str] = ()) -> list[Span]:
    """Every identifier in `text`, sorted, overlapping finds merged into one span."""
    folded, origin = _fold(text)
    found: list[Span] = []
    for start, end, kind in _detect(folded, _name_parts(names)):
        # `origin[end]` is where the next kept character starts, so a match also takes the
        # combining marks that followed its last letter.
        found.append(Span(origin[start], origin[end], kind))
    return _merge(found)


def redact(
    text: str,
    names: Iterable[str] = (),
    spans: list[Span] | None = None,
    placeholder: Callable[[Span], str] | None = None,
) -> str:
    """`text` with each identifier replaced by a placeholder; `spans` overrides `find`."""
    if spans is None:
        spans = find(text, names)
    return apply(text, spans, placeholder)


def apply(
    text: str, spans: Iterable[Span], placeholder: Callable[[Span], str] | None = None
) -> str:
    """Replace each span of `text`; spans given by hand may be unsorted or overlap."""
    spans = list(spans)
    for span in spans:
        if span.end > len(text):
            raise ValueError(f"The span {span} ends after the text ({len(text)} characters).")
    show = placeholder or default_placeholder
    pieces: list[str] = []
    done = 0
    for span in _merge(spans):
        pieces += [text[done : span.start], show(span)]
        done = span.end
    pieces.append(text[done:])
    return "".join(pieces)


# --- Folding -------------------------------------------------------------------------------

_PLAIN = {
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2007": " ",
}


def _fold(text: str) -> tuple[str, list[int]]:
    """The text without accents, and for each of its characters the original position."""
    kept: list[str] = []
    origin: list[int] = []
    for position, character in enumerate(text):
        if unicodedata.combining(character):
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFD", character) if not unicodedata.combining(c)
        )
        if len(base) != 1:
            base = character
        kept.append(_PLAIN.get(base, base))
        origin.append(position)
    origin.append(len(text))
    return "".join(kept), origin


# --- Merging -------------------------------------------------------------------------------


def _merge(spans: Iterable[Span]) -> list[Span]:
    """Overlapping spans become one; it takes the kind of the longest (see KINDS for ties)."""
    merged: list[Span] = []
    group: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if group and span.start >= max(s.end for s in group):
            merged.append(_join(group))
            group = []
        group.append(span)
    if group:
        merged.append(_join(group))
    return merged


def _join(group: list[Span]) -> Span:
    winner = max(group, key=lambda s: (s.end - s.start, -KINDS.index(s.kind)))
    return Span(group[0].start, max(s.end for s in group), winner.kind)


# --- Detection -----------------------------------------------------------------------------

Found = tuple[int, int, str]  # start, end, kind, in the folded text


def _detect(folded: str, parts: dict[str, str]) -> Iterator[Found]:
    yield from _emails(folded)
    yield from _phones(folded)
    yield from _addresses(folded)
    yield from _documents(folded)
    yield from _national_numbers(folded)
    yield from _birth_dates(folded)
    if parts:
        yield from _names(folded, parts)


# Digits that belong to something longer (an amount, a date, a range) never start or end an
# identifier: "$1,500.00", "2018-2019" and "15/03/2019" stay whole. A placeholder's brackets
# count as the digits they replaced, so that a second pass decides as the first did.
_NUMBER_START = r"(?<![\w$€£+\]])(?<![\d\]][.,/-])"
_NUMBER_END = r"(?!\w)(?![.,/-]?\d)(?![.,/-]\[)"


# Emails: the usual local@domain.tld, and the "name [at] domain [dot] com" disguise.
_EMAIL = re.compile(
    r"(?<![\w.+\]-])\w[\w.+-]*@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])"
    r"|(?<![\w.+\]-])\w[\w.+-]*\s*[\[(](?i:at|arroba)[\])]\s*[\w-]+"
    r"(?:\s*(?:\.|[\[(](?i:dot|punto|point)[\])])\s*[\w-]+)+"
)


def _emails(folded: str) -> Iterator[Found]:
    for match in _EMAIL.finditer(folded):
        yield match.start(), match.end(), "email"


# Phones: ten-digit numbers in the groupings used in the US, Canada and Mexico, each with the
# prefixes people write (+1, 1-, +52, +52 1, 044, 045, 01, 00/011 and a country code); any
# number written after "+" with 8 digits or more (Guatemala, Honduras, Jamaica, the
# Philippines...); and 7 to 15 digits right after a word such as phone, WhatsApp, celular,
# cellulaire. A bare run of ten digits is a phone too. Dates, years and amounts never are.
_S = r"[ .-]?"
_AREA3 = r"(?:\(\d{3}\)\ ?|\d{3}" + _S + ")"
_AREA2 = r"(?:\(\d{2}\)\ ?|\d{2}" + _S + ")"
_PHONE_PREFIX = (
    r"(?:(?:\+\ ?|00\ ?|011\ ?)(?:1|52)" + _S + r"(?:1" + _S + r")?"
    r"|1" + _S + r"|52" + _S + r"(?:1" + _S + r")?|0(?:44|45|1)" + _S + r")?"
)
_PHONE = re.compile(
    rf"{_NUMBER_START}{_PHONE_PREFIX}(?:"
    rf"{_AREA3}\d{{3}}{_S}\d{{4}}"  # 555-123-4567, (667) 123 4567
    rf"|{_AREA3}\d{{3}}{_S}\d{{2}}{_S}\d{{2}}"  # 667 123 45 67
    rf"|{_AREA2}\d{{4}}{_S}\d{{4}}"  # 55 1234 5678
    rf"|{_AREA2}\d{{4}}{_S}\d{{2}}{_S}\d{{2}}"  # 55 1234 56 78
    r"|\d{2}([ .-])\d{2}\1\d{2}\1\d{2}\1\d{2}"  # 33 12 34 56 78
    rf"){_NUMBER_END}"
)
_INTERNATIONAL = re.compile(
    r"(?<![\w+\]])\+\ ?\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,6}" + _NUMBER_END,
)
_PHONE_WORD = re.compile(
    r"(?<!\w)(?i:phone|telephone|tel|tel[eé]fono|telefono|cell(?:phone)?|cel|celular|"
    r"m[oó]vil|movil|mobile|whats\ ?app|wsp|whats|cellulaire|portable|texto|text|sms|"
    r"ll[aá]mame|llamame|m[aá]rcame|marcame|appelez|call"
    r"|(?:my|mi|mon|su|his|her|their)\s+(?:phone\s+)?(?:number|numero|num))(?!\w)"
    r"(?:[\s:.,#-]+(?i:is|es|est|my|mi|mon|ma|el|le|la|at|al|au|a|de|del|du|me|en|on|"
    r"number|numero|no|num|nro|n|nº|n°|#|:)(?!\w)){0,4}"
    r"[\s:.,#°º-]*"
    r"(?P<number>\+?\(?\d[\d ().-]{5,22}\d)" + _NUMBER_END
)
_DATE_SHAPE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\d{4}\s*-\s*\d{4}|\d{1,2}\s*-\s*\d{1,2}")


def _phones(folded: str) -> Iterator[Found]:
    for match in _PHONE.finditer(folded):
        yield match.start(), match.end(), "phone"
    for match in _INTERNATIONAL.finditer(folded):
        if _digit_count(match[0]) >= 8:
            yield match.start(), match.end(), "phone"
    for match in _PHONE_WORD.finditer(folded):
        number = match["number"]
        if _PHONE.match(folded, match.start("number")):
            # Taken above, and without the count that may follow it ("... 4567 40 workers").
            continue
        if 7 <= _digit_count(number) <= 15 and not _DATE_SHAPE.fullmatch(number):
            yield match.start("number"), match.end("number"), "phone"


def _digit_count(text: str) -> int:
    return sum(c.isdigit() for c in text)


# Addresses: a house number and a street in the way each country writes them, with the unit
# and what follows on the same line (colonia, C.P., state and ZIP, Canadian postal code);
# post-office boxes; and Canadian postal codes alone. Street names must be capitalized, which
# keeps "we worked 12 hours" out. A ZIP code alone is left: five digits are as often a count
# or an amount, and a ZIP names a town, not a person.
_CAP = r"[A-Z][\w'-]*"
_ES_PARTICLE = r"(?:de|del|la|las|los|el|y)"
_FR_PARTICLE = r"(?:de|du|des|la|le|les|d'|l')"
_EN_SUFFIX = (
    r"(?i:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|way|court|ct|place|pl|"
    r"terrace|ter|circle|cir|highway|hwy|parkway|pkwy|trail|trl|loop|crescent|cres|square|sq)"
)
_EN_DIRECTION = r"(?:(?:N|S|E|W|NE|NW|SE|SW)\.?|North|South|East|West)"
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|"
    "NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR"
)
_STATE_ZIP = r"(?:" + _US_STATES + r")\.?\s+\d{5}(?:-\d{4})?(?!\w)"
_CA_POSTAL = r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ -]?\d[ABCEGHJ-NPRSTV-Z]\d(?!\w)"
_UNIT = (
    r"(?:,?\s*(?i:apt|apartment|unit|suite|ste|room|rm|lot|trailer|space|bldg|app|appartement|"
    r"logement|bureau|unite|int|interior|depto|departamento|dpto|ext|exterior|lote|lt|"
    r"manzana|mz|mza|edificio|edif|piso|casa)\.?\s*(?:#|No\.?)?\s*(?:\d[\w-]*|[A-Z](?!\w))"
    r"|,?\s*#\s*\d[\w-]*)"
)
_EN_ADDRESS = re.compile(
    # Rural addresses first: a house number on a numbered road.
    r"(?<![\w$.,/\]-])\d{1,6}\s+(?:Old\s+)?(?i:highway|hwy|route|rte|county\s+road|state\s+road|"
    r"road|rd|cr|sr|farm\s+road|fm)\s+\d{1,4}[A-Z]?(?!\w)"
    rf"|(?<![\w$.,/\]-])\d{{1,6}}[A-Za-z]?(?:-\d{{1,5}})?\s+(?:{_EN_DIRECTION}\s+)?"
    rf"(?:(?:{_CAP}|\d+(?i:st|nd|rd|th)|St\.|Mt\.|Ft\.)\s+){{1,4}}?{_EN_SUFFIX}(?!\w)\.?"
    rf"(?:\s+{_EN_DIRECTION}(?!\w))?{_UNIT}*"
    rf"(?:,\s*{_CAP}(?:\s+{_CAP}){{0,3}},?\s+{_STATE_ZIP})?"
)
_ES_WAY = (
    r"(?i:calle|c\.|avenida|av\.?|avda\.?|calzada|calz\.?|callejon|privada|priv\.?|boulevard|"
    r"bulevar|blvd\.?|carretera|carr\.?|camino|andador|cerrada|paseo|prolongacion|prol\.?|"
    r"circuito|retorno|periferico)"
)
_ES_WORD = r"(?:" + _CAP + r"|\d{1,3}|" + _ES_PARTICLE + r"|(?:Nte|Ote|Pte)\.)"
_ES_NUMBER = (
    r"(?:(?:#|(?i:no|num|numero|nro|n[º°])\.?)\s*)?\d{1,5}[A-Za-z]?(?:-[A-Z\d]+)?(?!\w)"
    r"|(?i:s/n|sin\s+numero)"
)
_COLONIA = (
    r"(?:,?\s*(?i:col|colonia|fracc|fraccionamiento|barrio|ejido|residencial|infonavit|"
    rf"unidad\s+habitacional)\.?\s+(?:{_CAP}|\d{{1,3}})"
    rf"(?:\s+(?:{_ES_PARTICLE}\s+)*(?:{_CAP}|\d{{1,3}})){{0,3}})"
)
_MX_POSTAL = r"(?:,?\s*(?i:c\.?\s?p\.?|codigo\s+postal)\s*\d{5}(?!\w))"
_ES_ADDRESS = re.compile(
    rf"(?<!\w){_ES_WAY}\s+(?:{_ES_WORD}\s+){{1,5}}?(?:{_ES_NUMBER}){_UNIT}*{_COLONIA}?{_MX_POSTAL}?"
    # A street without its keyword is still an address when a colonia follows the number.
    rf"|(?<!\w){_CAP}(?:\s+(?:{_ES_PARTICLE}\s+)*{_CAP}){{0,3}}\s+(?:#\s*)?\d{{1,5}}[A-Za-z]?"
    rf"{_UNIT}*{_COLONIA}{_MX_POSTAL}?"
)
_FR_WAY = (
    r"(?i:rue|avenue|av\.?|boulevard|boul\.?|bd|chemin|ch\.|route|rte|rang|place|allee|impasse|"
    r"montee|cote|promenade|croissant|terrasse|carre|square|quai|cours|ruelle|sentier|voie)"
)
_FR_STREET = rf"(?:{_FR_PARTICLE}\s*)*{_CAP}(?:\s+(?:{_FR_PARTICLE}\s*)*{_CAP}){{0,3}}"
_FR_CITY = rf"{_CAP}(?:[ -]{_CAP}){{0,2}}(?:\s*\((?:Quebec|Qc|QC|Ontario|ON)\))?"
_FR_ADDRESS = re.compile(
    rf"(?<![\w$.,/\]-])\d{{1,5}}[A-Za-z]?(?:-\d{{1,5}})?,?\s+{_FR_WAY}\s+{_FR_STREET}"
    rf"(?:\s+(?:Ouest|Est|Nord|Sud|O\.|E\.))?{_UNIT}*"
    # The town only when a postal code follows it.
    rf"(?:,\s*{_FR_CITY}(?=,?\s*{_CA_POSTAL}))?(?:,?\s*{_CA_POSTAL})?"
)
_BOX = re.compile(
    r"(?<!\w)(?i:p\.?\s?o\.?\s*box|post\s+office\s+box|apartado(?:\s+postal)?|apdo\.?(?:\s+postal)?"
    r"|a\.p\.|case\s+postale|c\.p\.|cp)\s*(?:#|(?i:no)\.?)?\s*\d{1,6}(?!\w)"
)
# Mexican settlements without street numbers: "manzana 4, lote 12" (block and lot).
_BLOCK_LOT = re.compile(
    r"(?<!\w)(?i:manzana|mz|mza)\.?\s*\d{1,4}[A-Z]?,?\s*(?i:lote|lt)\.?\s*\d{1,4}[A-Z]?(?!\w)"
)
_LONE_POSTAL = re.compile(r"(?<!\w)(?:" + _CA_POSTAL + "|" + _STATE_ZIP + ")")
_TRAILING = re.compile(r"(?:[\s,;:]|(?<!\w)(?i:de|del|la|las|los|el|y|du|des|le|les)(?!\w))+$")


def _addresses(folded: str) -> Iterator[Found]:
    for pattern in (_EN_ADDRESS, _ES_ADDRESS, _FR_ADDRESS, _BOX, _BLOCK_LOT, _LONE_POSTAL):
        for match in pattern.finditer(folded):
            text = _TRAILING.sub("", match[0])
            if text:
                yield match.start(), match.start() + len(text), "address"


# Documents. Passports: 6 to 9 letters and digits (at least one digit), or one or two
# letters and two spaced groups of digits ("AB 123 4567"), after passport, pasaporte or
# passeport and a few filler words ("number", "no.", "es", ":"), and the
# "one capital letter and eight digits" shape of Mexican and recent US passports anywhere.
# USCIS alien numbers (A-123-456-789) are immigration documents and share the "passport"
# kind. CURP, the Mexican population register key (RENAPO, Instructivo normativo para la
# asignación de la CURP): 4 letters, birth date YYMMDD, H/M (or X), a state code,
# 3 consonants, a letter or digit and a check digit; the check digit is not verified, so a
# mistyped CURP is still removed, and after the word CURP any 16-20 letters and digits are
# taken. RFC, the Mexican tax number (SAT): 3 letters (companies) or 4 (people), YYMMDD and a
# 3-character homoclave, written whole or in three parts; after the word RFC, any 12 or 13
# letters and digits.
_FILLER = (
    r"(?:[\s:#.,°º-]+(?i:number|numero|num|nro|no|n|nº|n°|is|es|est|was|era|etait|mi|my|mon|"
    r"el|le|du|de|del|the|of|card|tarjeta|carte)(?!\w)){0,5}[\s:#.,°º-]+"
)
_PASSPORT = re.compile(
    r"(?<!\w)(?i:passports?|pasaportes?|passeports?)(?!\w)"
    + _FILLER
    + r"(?P<id>[A-Za-z]{1,2}[ -]?\d{3,4}[ -]\d{3,4}|(?=[A-Za-z]*\d)[A-Za-z0-9]{6,9})(?![\w-])"
    r"|(?<![\w-])(?P<bare>[A-Z]\d{8})(?![\w-])"
    r"|(?<![\w-])(?P<alien>A(?:-|\ |\#)?(?:\d{3}-\d{3}-\d{3}|\d{2,3}\ \d{3}\ \d{3}|\d{8,9}))"
    + _NUMBER_END
)
_MX_STATES = (
    "AS|BC|BS|CC|CL|CM|CS|CH|DF|DG|GT|GR|HG|JC|MC|MN|MS|NT|NL|OC|PL|QT|QR|SP|SL|SR|TC|TS|TL|"
    "VZ|YN|ZS|NE"
)
_YYMMDD = r"\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_CURP = re.compile(
    r"(?i)(?<![a-z0-9])[a-z][aeioux][a-z]{2}"
    + _YYMMDD
    + r"[hmx](?:"
    + _MX_STATES
    + r")[b-df-hj-np-tv-z]{3}[a-z0-9]\d(?![a-z0-9])"
)
_CURP_WORD = re.compile(r"(?<!\w)(?i:curp)(?!\w)" + _FILLER + r"(?P<id>[A-Za-z0-9]{16,20})(?!\w)")
_RFC = re.compile(
    r"(?i)(?<![a-z0-9&])[a-z&]{3,4}(?P<sep>[ -]?)" + _YYMMDD + r"(?P=sep)[a-z0-9]{3}(?![a-z0-9])"
)
_RFC_WORD = re.compile(r"(?<!\w)(?i:rfc)(?!\w)" + _FILLER + r"(?P<id>[A-Za-z0-9&]{12,13})(?!\w)")


def _documents(folded: str) -> Iterator[Found]:
    for match in _PASSPORT.finditer(folded):
        group = "id" if match["id"] else "bare" if match["bare"] else "alien"
        yield match.start(group), match.end(group), "passport"
    for match in _CURP.finditer(folded):
        yield match.start(), match.end(), "curp"
    for match in _CURP_WORD.finditer(folded):
        if any(c.isdigit() for c in match["id"]):
            yield match.start("id"), match.end("id"), "curp"
    for match in _RFC.finditer(folded):
        yield match.start(), match.end(), "rfc"
    for match in _RFC_WORD.finditer(folded):
        if any(c.isdigit() for c in match["id"]):
            yield match.start("id"), match.end("id"), "rfc"


# National numbers. US Social Security numbers are 3-2-4 digits; those starting with 9 are
# IRS Individual Taxpayer Identification Numbers (ITIN, always 9XX) and are reported as such.
# Canadian Social Insurance Numbers are 3-3-3 digits with a Luhn check digit (ESDC); those of
# temporary foreign workers start with 9. Written with dashes, 3-3-3 is always taken; with
# spaces or as a bare run of nine digits, when the Luhn digit checks or a keyword (SIN, NAS,
# numéro d'assurance sociale) comes before it. A bare run of nine digits that fails the Luhn
# check is still taken, as an SSN or ITIN: nine digits in a row are an identifier far more
# often than anything else in a testimony. After SSN/NSS/IMSS/seguro social, the 11 digits of
# a Mexican IMSS number count as "ssn".
_SSN = re.compile(_NUMBER_START + r"\d{3}([ .-])\d{2}\1\d{4}" + _NUMBER_END)
_NINE = re.compile(_NUMBER_START + r"\d{3}(?P<sep>[ -]?)\d{3}(?P=sep)\d{3}" + _NUMBER_END)
_SSN_WORD = re.compile(
    r"(?<!\w)(?:(?i:ssn|s\.s\.n\.?|social\s+security|seguro\s+social|nss|imss)"
    r"|(?P<tax>(?i:itin|individual\s+taxpayer\s+identification|tax\s+id(?:entification)?)))"
    r"(?!\w)"
    + _FILLER
    + r"(?P<id>\d{3}[ .-]?\d{2}[ .-]?\d{4}|\d{2}[ -]?\d{2}[ -]?\d{2}[ -]?\d{4}[ -]?\d)"
    + _NUMBER_END
)
_SIN_WORD = re.compile(
    r"(?<!\w)(?:SIN|NAS|S\.I\.N\.|N\.A\.S\.|(?i:social\s+insurance|assurance\s+sociale))(?!\w)"
    + _FILLER
    + r"(?P<id>\d{3}[ .-]?\d{3}[ .-]?\d{3})"
    + _NUMBER_END
)
_CURRENCY_AFTER = re.compile(r"\s*(?:\$|€|(?i:dollars?|pesos?|dolares|\$?\s*cad|usd|mxn)(?!\w))")


def _national_numbers(folded: str) -> Iterator[Found]:
    for match in _SSN.finditer(folded):
        yield match.start(), match.end(), "itin" if match[0].startswith("9") else "ssn"
    for match in _NINE.finditer(folded):
        digits = re.sub(r"\D", "", match[0])
        separator = match["sep"]
        if separator == "-" or (separator == "" and _luhn(digits)):
            yield match.start(), match.end(), "sin"
        elif separator == "":
            yield match.start(), match.end(), "itin" if digits.startswith("9") else "ssn"
        elif _luhn(digits) and not _CURRENCY_AFTER.match(folded, match.end()):
            # Spaced groups are also how French writes large amounts ("150 000 000 $").
            yield match.start(), match.end(), "sin"
    for match in _SSN_WORD.finditer(folded):
        kind = "itin" if match["tax"] or match["id"].startswith("9") else "ssn"
        yield match.start("id"), match.end("id"), kind
    for match in _SIN_WORD.finditer(folded):
        yield match.start("id"), match.end("id"), "sin"


def _luhn(digits: str) -> bool:
    total = 0
    for position, character in enumerate(reversed(digits)):
        value = int(character)
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


# Birth dates: a date (day, month and year in numbers; or with the month's name in English,
# Spanish or French, the year optional) within five words after born, birth, DOB, nací, nacido/a,
# fecha de nacimiento, cumpleaños, né(e), date de naissance, DDN. The words between may not
# cross the end of a sentence or a conjunction ("born in Oaxaca and came on March 3, 2018"
# keeps the date of arrival). Only the date is removed; every other date is evidence and
# stays, and so does a year of birth alone.
_MONTHS = (
    r"(?i:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|enero|febrero|marzo|abril|mayo|"
    r"junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|ene|abr|ago|dic|"
    r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|"
    r"janv|fevr?|avr|juil)"
)
_DAY = r"(?:(?:0?[1-9]|[12]\d|3[01])(?i:st|nd|rd|th|er|ro|o|º)?|(?i:primero|premier))"
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}"
    r"|" + _DAY + r"\s+(?:(?i:de|of)\s+)?" + _MONTHS + r"\.?,?\s+(?:(?i:del?)\s+)?\d{4}"
    r"|" + _MONTHS + r"\.?\s+" + _DAY + r",?\s+\d{4}"
    r"|" + _MONTHS + r"\.?\s+(?:(?i:del?)\s+)?\d{4}"
    # After a birth word, a day and month without the year still point at one person.
    r"|" + _DAY + r"\s+(?:(?i:de|of)\s+)?" + _MONTHS + r"\.?"
    r"|" + _MONTHS + r"\.?\s+" + _DAY + r")(?![\w/-])"
)
_BIRTH_WORD = (
    r"(?i:born|birth|birthday|birthdate|d\.?o\.?b\.?|naci|nacio|nacimos|nacieron|nacid[oa]s?|"
    r"nacimiento|cumpleanos|"
    r"(?:fecha\s+de\s+|f\.\s*(?:de\s*)?)nac\.?|naissance|ddn|nee?s?)"
)
_STOP = (
    r"(?i:and|y|e|et|but|pero|mais|then|luego|puis|when|cuando|quand|after|despues|apres|"
    r"before|antes|avant|until|hasta|jusqu|since|desde|depuis|while|mientras|pendant)"
)
# Of the placeholders, only [NAME] stood for words: the others replaced digits or dots, which
# the gap never crosses, so a second pass must not cross them either.
_GAP_WORD = r"(?:(?<=\[)NAME(?=\])|(?<!\[)(?!" + _STOP + r"(?!\w))[^\W\d]+)"
_BIRTH_DATE = re.compile(
    r"(?<!\w)(?P<word>" + _BIRTH_WORD + r")(?!\w)\.?"
    r"(?P<gap>(?:[^\w.!?]+" + _GAP_WORD + r"){0,5}?)[^\w.!?]+"
    r"(?P<date>" + _DATE + r")"
)


def _birth_dates(folded: str) -> Iterator[Found]:
    for match in _BIRTH_DATE.finditer(folded):
        # "ne" is French negation as well as "né" without its accent: trust it only as
        # "ne le <date>".
        if match["word"].lower() in ("ne", "nes") and match["gap"].strip().lower() != "le":
            continue
        yield match.start("date"), match.end("date"), "birth_date"


# Names. Each given name is cut into parts. Particles (de, del, de la, y, van, du...) are
# never redacted alone. A part of three letters or more that is not a common word is redacted
# wherever it stands as a whole word, in any case, with or without accents. A part that is
# also a common word (Luz, Rosa, Flores, Pierre, Rose, King...) is redacted alone only when
# capitalized, so "no había luz" keeps its meaning. Parts of one or two letters only go with
# another part. Parts next to each other, joined by spaces, a hyphen, a comma or particles,
# form one span, so "Pérez López, María" and "María de la Luz Hernández" become one [NAME].
# Nicknames and initials are not derived: give them as names to have them removed.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PARTICLES = _words(
    "de del la las los y e i da das do dos du des di der den van von ten ter le les el al "
    "d l bin ben san santa saint sainte st ste mac"
)
_COMMON_WORDS = _words(
    # Spanish
    "luz paz cruz rosa rosas flor flores sol mar rey reyes santos blanco blanca leon prado "
    "campo campos rios rio vega monte montes pena sierra lago mata nieves rocio gracia "
    "consuelo dolores socorro amparo soledad pilar esperanza caridad mercedes angeles "
    "rosario asuncion victoria alegria fuentes castillo torres palacios guerra moreno rubio "
    "delgado bravo calvo franco leal salvador trinidad mesa cortes vera cano domingo "
    "concepcion angel huerta arroyo barrios cuevas ramos parra nieto alba aurora estrella "
    "perla paloma luna iglesias prieto casas mora ventura fortuna bueno buena amor gallo toro "
    "lobo cordero pastor mercado plaza robles salas villa valle valles soto marin olivo "
    "serrano cabello caballero lima paris reina oro plata milagros gloria "
    # English
    "rose king young white black brown green hill wood woods stone rivers rich hope faith "
    "joy grace will mark bill frank may june april august summer ray miles price long short "
    "little love bell ball best bishop baker cook walker wells hunter fisher farmer mason "
    "field fields lane street hall church north south west east cash page rice "
    # French
    "pierre blanc blanche bois fontaine marchand boucher boulanger meunier charpentier cote "
    "lac riviere aime desire noel roi lamour bonheur belle beau champagne jolie fleur "
    "fleury olivier laurier roy petit grand lebrun pascal"
)
_NAME_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_NAME_GAP = re.compile(
    r"(?:\s*[-,]\s*|\s+)(?:(?:" + "|".join(sorted(_PARTICLES)) + r")(?:\s+|\s*-\s*))*",
    re.IGNORECASE,
)


def _name_parts(names: Iterable[str]) -> dict[str, str]:
    """Each part of the given names, folded and lowercased, with its class."""
    if isinstance(names, str):
        names = [names]
    parts: dict[str, str] = {}
    for name in names:
        for token in _NAME_TOKEN.findall(_fold(name)[0]):
            part = token.lower()
            if part in _PARTICLES:
                continue
            if len(part) <= 2:
                parts[part] = "short"
            elif part in _COMMON_WORDS:
                parts[part] = "common"
            else:
                parts[part] = "strong"
    return parts


def _names(folded: str, parts: dict[str, str]) -> Iterator[Found]:
    pattern = re.compile(
        r"(?<!\w)(?:"
        + "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True))
        + r")(?!\w)",
        re.IGNORECASE,
    )
    run: list[re.Match[str]] = []
    for match in pattern.finditer(folded):
        if _is_placeholder(folded, match):
            continue
        if run and not _NAME_GAP.fullmatch(folded, run[-1].end(), match.start()):
            yield from _name_run(run, parts)
            run = []
        run.append(match)
    yield from _name_run(run, parts)


_PLACEHOLDER_WORDS = frozenset(kind.upper() for kind in KINDS)


def _is_placeholder(folded: str, match: re.Match[str]) -> bool:
    """A default placeholder from an earlier pass, such as the word in "[NAME]"."""
    return (
        match[0] in _PLACEHOLDER_WORDS
        and folded[match.start() - 1 : match.start()] == "["
        and folded[match.end() : match.end() + 1] == "]"
    )


def _name_run(run: list[re.Match[str]], parts: dict[str, str]) -> Iterator[Found]:
    if not run:
        return
    # A case-insensitive match can lowercase to something else than its part (a dotless
    # i, U+0131, matches "i"): whatever matched is a name part, strong unless known.
    classes = [parts.get(m[0].lower(), "strong") for m in run]
    capitalized = [m[0][0].isupper() for m in run]
    if (
        "strong" in classes
        or any(c == "common" and up for c, up in zip(classes, capitalized, strict=True))
        or (len(run) > 1 and any(capitalized))
    ):
        yield run[0].start(), run[-1].end(), "name"

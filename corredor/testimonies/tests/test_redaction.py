"""Redaction of testimonies: what is removed, what must stay as evidence, and the properties
that hold for any text.

Decision recorded here: a US ZIP code standing alone stays (five digits are as often a count
or an amount); with a state code before it ("FL 34142") it is part of an address and goes.
A Canadian postal code is distinctive enough to go even alone.
"""

from __future__ import annotations

import itertools
import re
import string
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corredor.testimonies.redaction import KINDS, Span, apply, find, redact

FAST = settings(max_examples=200, deadline=None, derandomize=True, database=None)


def found(text: str, names: list[str] | None = None) -> list[tuple[str, str]]:
    """What `find` picked out, as (text, kind) pairs, for readable assertions."""
    return [(text[s.start : s.end], s.kind) for s in find(text, names or [])]


# --- Three testimonies ---------------------------------------------------------------------

SINALOA = (
    "Me llamo María Guadalupe Pérez López y soy de Culiacán, Sinaloa. Nací el 12 de marzo "
    "de 1988. En enero de 2019 un reclutador me cobró $15,000 pesos por la visa H-2A. "
    "Mi CURP es PEGL880312MSLRPP04 y mi RFC PEGL880312QX7. Vivo en Calle Hidalgo 123, "
    "Col. Centro, C.P. 80000. Mi celular es 667 123 4567 y mi WhatsApp +52 1 667 765 4321. "
    "Trabajábamos de 6:00 a 18:00, 40 trabajadores, del 3 de abril al 15 de octubre de 2019. "
    "Perez Lopez, Maria firmó el contrato el 2 de abril de 2019."
)


def test_a_sinaloa_worker_s_testimony_loses_her_identifiers_and_keeps_the_facts() -> None:
    result = redact(SINALOA, ["María Guadalupe Pérez López"])
    assert result == (
        "Me llamo [NAME] y soy de Culiacán, Sinaloa. Nací el [BIRTH_DATE]. En enero de 2019 "
        "un reclutador me cobró $15,000 pesos por la visa H-2A. Mi CURP es [CURP] y mi RFC "
        "[RFC]. Vivo en [ADDRESS]. Mi celular es [PHONE] y mi WhatsApp [PHONE]. "
        "Trabajábamos de 6:00 a 18:00, 40 trabajadores, del 3 de abril al 15 de octubre de "
        "2019. [NAME] firmó el contrato el 2 de abril de 2019."
    )


FLORIDA = (
    "My name is Juan Carlos Ramírez. I came on an H-2A visa in 2021 to pick tomatoes near "
    "Immokalee. My SSN is 123-45-6789 but before I used my ITIN 912-78-4321. Call me at "
    "(239) 555-0142 or write to jc.ramirez84@gmail.com. I lived at 512 Orange Street Apt 4, "
    "Immokalee, FL 34142 with 11 other workers. On March 3, 2021 the supervisor kept $350 "
    "of our pay. We worked 7 days a week, 60 hours. DOB: 07/22/1984."
)


def test_an_english_testimony_loses_ssn_itin_phone_email_and_street() -> None:
    result = redact(FLORIDA, ["Juan Carlos Ramírez"])
    assert result == (
        "My name is [NAME]. I came on an H-2A visa in 2021 to pick tomatoes near Immokalee. "
        "My SSN is [SSN] but before I used my ITIN [ITIN]. Call me at [PHONE] or write to "
        "[EMAIL]. I lived at [ADDRESS] with 11 other workers. On March 3, 2021 the supervisor "
        "kept $350 of our pay. We worked 7 days a week, 60 hours. DOB: [BIRTH_DATE]."
    )


QUEBEC = (
    "Je m'appelle José Hernández, travailleur agricole temporaire au Québec depuis 2017. "
    "Mon NAS est le 046 454 286. J'habite au 123, rue Sainte-Catherine Ouest, app. 5, "
    "Montréal (Québec) H2X 1Y4. Mon cellulaire : 514-555-0199. Je suis né le 5 mai 1990. "
    "Le 14 juillet 2022, l'employeur a gardé mon passeport numéro G12345678 pendant 3 mois. "
    "Nous étions 25 sur la ferme, payés 15,25 $ de l'heure, 1 500 $ par mois au plus."
)


def test_a_quebec_testimony_loses_nas_address_phone_and_passport() -> None:
    result = redact(QUEBEC, ["José Hernández"])
    assert result == (
        "Je m'appelle [NAME], travailleur agricole temporaire au Québec depuis 2017. "
        "Mon NAS est le [SIN]. J'habite au [ADDRESS]. Mon cellulaire : [PHONE]. Je suis né le "
        "[BIRTH_DATE]. Le 14 juillet 2022, l'employeur a gardé mon passeport numéro "
        "[PASSPORT] pendant 3 mois. Nous étions 25 sur la ferme, payés 15,25 $ de l'heure, "
        "1 500 $ par mois au plus."
    )


# --- Phones --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    [
        "(555) 123-4567",
        "555-123-4567",
        "555.123.4567",
        "555 123 4567",
        "5551234567",
        "+1 555 123 4567",
        "+1 (555) 123-4567",
        "1-555-123-4567",
        "55 1234 5678",
        "55-1234-5678",
        "33 12 34 56 78",
        "667 123 45 67",
        "+52 1 55 1234 5678",
        "+52 55 1234 5678",
        "044 55 1234 5678",
        "+502 5512 3456",  # Guatemala: eight digits after its country code
        "+63 917 123 4567",  # the Philippines
    ],
)
def test_it_finds_us_canadian_mexican_and_international_phones(phone: str) -> None:
    assert found(f"Mi número: {phone}. Gracias") == [(phone, "phone")]


@pytest.mark.parametrize(
    "text, number",
    [
        ("WhatsApp 5512 3456", "5512 3456"),
        ("Tel. 555-1234", "555-1234"),
        ("my number is 555 1234", "555 1234"),
        ("celular: 6671234", "6671234"),
    ],
)
def test_a_short_number_is_a_phone_right_after_a_phone_word(text: str, number: str) -> None:
    assert found(text) == [(number, "phone")]


def test_a_count_after_a_phone_stays() -> None:
    assert (
        redact("mi teléfono 555 123 4567 40 trabajadores") == "mi teléfono [PHONE] 40 trabajadores"
    )


# --- What stays: the evidence --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "In 2018 we paid $1,500.00 each for the H-2A visa and $350 more in 2019.",
        "Visas H-2A, H-2B, TN and J-1 under the USMCA.",
        "We worked from 6:00 to 18:00, 7 days a week, 60 hours, for $7.25 an hour.",
        "Éramos 40 trabajadores; nos pagaban 1,200 pesos por semana, 2,500.00 MXN al mes.",
        "Nous étions 25, payés 15,25 $ de l'heure, 1 500 $ par mois et 150 000 000 $ en tout.",
        "On 03/04/2019, on 2019-04-03, on 15.03.2019 and on March 3, 2018 they fired us.",
        "El 3 de abril de 2019 llegamos; el 15 de octubre de 2019 nos fuimos.",
        "Le 14 juillet 2022, puis le 3 avril 2023.",
        "From 2017 to 2019, or 2017-2018, or 2018 - 2019.",
        "He called me 15 times on 03-04-2019.",
        "I was born in Oaxaca and came on March 3, 2018.",
        "Je ne travaillais pas le 3 avril 2019.",
        "Nací en 1985 en Sinaloa.",
        "We lived near ZIP 34142 for 2 seasons.",
        "Three of us took Route 9 and Highway 41 to the fields.",
        "We worked 12 hours a day in the Main Street packing house.",
    ],
)
def test_dates_amounts_hours_years_counts_and_visa_programs_stay(text: str) -> None:
    assert redact(text) == text


# --- Emails --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "email",
    ["maria.perez@gmail.com", "juan_lopez+work@correo.com.mx", "maria [at] gmail [dot] com"],
)
def test_it_finds_email_addresses_including_the_at_dot_disguise(email: str) -> None:
    assert found(f"escríbeme a {email} por favor") == [(email, "email")]


# --- Addresses -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "1234 Main St",
        "56 Elm Street Apt 4",
        "1234 N. Main St. Apt. 5B",
        "789 Old Mill Road",
        "12345 Highway 41",
        "512 Orange Street, Immokalee, FL 34142",
        "PO Box 12",
        "P.O. Box 345",
    ],
)
def test_it_finds_english_addresses(address: str) -> None:
    assert found(f"I lived at {address} until May.") == [(address, "address")]


@pytest.mark.parametrize(
    "address",
    [
        "Calle Hidalgo 123",
        "Av. Juárez #45 Col. Centro",
        "Avenida Reforma 222, int. 3",
        "Calle 5 de Mayo 12, C.P. 80000",
        "calle Morelos número 8",
        "Hidalgo 123, Col. Las Quintas",
        "Apartado Postal 45",
        "manzana 4, lote 12",
    ],
)
def test_it_finds_spanish_addresses(address: str) -> None:
    assert found(f"Vivo en {address} desde hace años.") == [(address, "address")]


@pytest.mark.parametrize(
    "address",
    [
        "123, rue Sainte-Catherine",
        "45 boulevard Saint-Laurent",
        "12 avenue des Pins",
        "1234, rang Saint-Joseph",
        "8 chemin de la Côte-des-Neiges, app. 5",
    ],
)
def test_it_finds_french_addresses(address: str) -> None:
    assert found(f"J'habite au {address} depuis mai.") == [(address, "address")]


def test_a_canadian_postal_code_goes_even_alone() -> None:
    assert found("près de H2X 1Y4 à Montréal") == [("H2X 1Y4", "address")]


# --- Documents -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, number",
    [
        ("My passport number is 123456789.", "123456789"),
        ("Pasaporte: N0123456.", "N0123456"),
        ("Mon passeport no 12AB34567 a été pris.", "12AB34567"),
        ("el pasaporte G12345678 se lo quedó", "G12345678"),
        ("They kept G12345678 in the office.", "G12345678"),
        ("My A-number is A-123-456-789.", "A-123-456-789"),
        ("passport: AB 123 4567; valid", "AB 123 4567"),
    ],
)
def test_it_finds_passport_and_immigration_document_numbers(text: str, number: str) -> None:
    assert found(text) == [(number, "passport")]


def test_the_word_passport_alone_takes_no_following_word_or_year() -> None:
    text = "My passport was taken in 2018 and my pasaporte vencido in 2019."
    assert redact(text) == text


def test_a_curp_of_the_right_shape_is_found_anywhere() -> None:
    assert found("datos: PEGL880312MSLRPP04.") == [("PEGL880312MSLRPP04", "curp")]


@pytest.mark.parametrize(
    "curp",
    [
        "PEGL881312MSLRPP04",  # month 13
        "PEGL880332MSLRPP04",  # day 32
        "PEGL880312MZZRPP04",  # ZZ is no state
        "PEGL880312QSLRPP04",  # Q is no sex marker
        "PAGL880312MSLAPP04",  # a vowel where a consonant goes
    ],
)
def test_a_curp_lookalike_of_the_wrong_shape_is_not_taken_alone(curp: str) -> None:
    assert found(f"código {curp} del lote") == []


def test_after_the_word_curp_a_mistyped_curp_still_goes() -> None:
    assert found("mi curp: PEGL880312MSLXXX0A") == [("PEGL880312MSLXXX0A", "curp")]


@pytest.mark.parametrize("rfc", ["PEGL880312QX7", "ABC990101AB1", "pegl-880312-qx7"])
def test_it_finds_rfc_of_people_and_companies(rfc: str) -> None:
    assert found(f"factura con {rfc} pagada") == [(rfc, "rfc")]


# --- National numbers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, number, kind",
    [
        ("number 123-45-6789 on file", "123-45-6789", "ssn"),
        ("number 123 45 6789 on file", "123 45 6789", "ssn"),
        ("SSN 123456789", "123456789", "ssn"),
        ("Social Security number: 123-45-6789", "123-45-6789", "ssn"),
        ("my ITIN 912-78-4321", "912-78-4321", "itin"),
        ("tax id 912 93 4321", "912 93 4321", "itin"),
        ("ITIN 912784321", "912784321", "itin"),
        ("NSS 12345678901", "12345678901", "ssn"),  # Mexico's IMSS number
    ],
)
def test_it_finds_social_security_and_taxpayer_numbers(text: str, number: str, kind: str) -> None:
    assert found(text) == [(number, kind)]


@pytest.mark.parametrize(
    "text, number",
    [
        ("NAS 046 454 286", "046 454 286"),
        ("SIN: 123 456 780", "123 456 780"),  # fails the Luhn check, but it follows SIN
        ("numéro d'assurance sociale 046454286", "046454286"),
        ("number 923-456-789 on the stub", "923-456-789"),  # dashes: always taken
        ("number 046 454 286 on the stub", "046 454 286"),  # spaces: taken when Luhn checks
        ("number 046454286 on the stub", "046454286"),
    ],
)
def test_it_finds_canadian_social_insurance_numbers(text: str, number: str) -> None:
    assert found(text) == [(number, "sin")]


def test_spaced_nine_digits_that_fail_the_luhn_check_are_left_without_a_keyword() -> None:
    assert redact("lote 123 456 780 del almacén") == "lote 123 456 780 del almacén"


# --- Birth dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, date",
    [
        ("I was born on April 3, 1990 in Jalisco.", "April 3, 1990"),
        ("DOB: 03/04/1990", "03/04/1990"),
        ("born: 3/4/90", "3/4/90"),
        ("Date of birth 1990-04-03", "1990-04-03"),
        ("Nací el 3 de abril de 1990 en Culiacán.", "3 de abril de 1990"),
        ("nacida en Guasave, Sinaloa, el 3 de abril de 1990", "3 de abril de 1990"),
        ("Fecha de nacimiento: 03/04/1990", "03/04/1990"),
        ("Je suis né le 3 avril 1990.", "3 avril 1990"),
        ("Elle est née le 1er mai 1985.", "1er mai 1985"),
        ("Date de naissance : 1990-04-03", "1990-04-03"),
        ("My son was born in April 2015.", "April 2015"),
        ("born 3rd of April 1990 in Jalisco", "3rd of April 1990"),
        ("nació el primero de mayo de 1985", "primero de mayo de 1985"),
        ("Fecha de nac.: 03-04-1990", "03-04-1990"),
        ("her birthday: April 3", "April 3"),
    ],
)
def test_it_finds_a_date_of_birth_after_a_birth_word(text: str, date: str) -> None:
    assert found(text) == [(date, "birth_date")]


def test_only_the_birth_date_goes_and_the_arrival_date_stays() -> None:
    text = "Nací el 3 de abril de 1990, y llegué el 5 de mayo de 2018."
    assert redact(text) == "Nací el [BIRTH_DATE], y llegué el 5 de mayo de 2018."


# --- Names ---------------------------------------------------------------------------------


def test_a_name_given_with_accents_is_found_written_without_them() -> None:
    text = "Maria Guadalupe Perez Lopez firmó; MARIA PEREZ también."
    assert redact(text, ["María Guadalupe Pérez López"]) == "[NAME] firmó; [NAME] también."


def test_a_name_given_without_accents_is_found_written_with_them() -> None:
    assert redact("María Pérez dijo que sí.", ["Maria Perez"]) == "[NAME] dijo que sí."


def test_a_name_is_found_in_any_order_and_in_part() -> None:
    names = ["María Guadalupe Pérez López"]
    assert redact("Pérez López, María, y luego Guadalupe.", names) == "[NAME], y luego [NAME]."
    assert redact("Firmó María Pérez.", names) == "Firmó [NAME]."
    assert redact("Lo dijo López.", names) == "Lo dijo [NAME]."


def test_a_compound_name_with_particles_is_one_span_and_particles_stay_elsewhere() -> None:
    names = ["María de la Luz Hernández y Gómez"]
    text = "María de la Luz Hernández y Gómez vino de la sierra y del valle."
    assert found(text, names) == [("María de la Luz Hernández y Gómez", "name")]
    assert redact("Hernández Gómez y yo.", names) == "[NAME] y yo."


def test_a_name_part_that_is_a_common_word_goes_only_when_capitalized() -> None:
    names = ["María de la Luz Hernández"]
    text = "No había luz en la vivienda. Luz me lo dijo."
    assert redact(text, names) == "No había luz en la vivienda. [NAME] me lo dijo."


def test_a_name_is_never_taken_out_of_a_longer_word() -> None:
    names = ["Ana de la Cruz"]
    assert redact("La Cruzada y Cruzeiro; la cruz; Cruz llegó.", names) == (
        "La Cruzada y Cruzeiro; la cruz; [NAME] llegó."
    )


def test_french_hyphenated_and_elided_names() -> None:
    names = ["Jean-Pierre Tremblay", "Marie D'Amours"]
    text = (
        "Jean-Pierre Tremblay et Marie D\u2019Amours. La pierre est lourde. jean pierre tremblay."
    )
    assert redact(text, names) == "[NAME] et [NAME]. La pierre est lourde. [NAME]."


def test_names_in_decomposed_unicode_map_back_onto_the_original_text() -> None:
    text = unicodedata.normalize("NFD", "Firmó Pérez López ayer.")
    assert redact(text, ["Pérez López"]) == unicodedata.normalize("NFD", "Firmó [NAME] ayer.")


def test_a_nickname_is_not_derived_but_can_be_given() -> None:
    text = "Lupita trabajó con María."
    assert redact(text, ["María Guadalupe"]) == "Lupita trabajó con [NAME]."
    assert redact(text, ["María Guadalupe", "Lupita"]) == "[NAME] trabajó con [NAME]."


def test_a_name_that_is_a_placeholder_word_is_not_redacted_twice() -> None:
    once = redact("Name and [Rosa] said [NAME].", ["Name", "Rosa"])
    assert once == "[NAME] and [[NAME]] said [NAME]."
    assert redact(once, ["Name", "Rosa"]) == once


def test_a_letter_that_only_matches_case_insensitively_does_not_break_the_search() -> None:
    assert redact("D\u0131az came", ["Díaz"]) == "[NAME] came"  # a Turkish dotless i


def test_a_single_string_of_names_is_read_as_one_name() -> None:
    assert redact("María Pérez", "María Pérez") == "[NAME]"  # type: ignore[arg-type]


# --- The API staff use: spans they adjust, placeholders, merging -------------------------


def test_staff_can_drop_a_span_and_add_one_before_redacting() -> None:
    text = "Call 555-123-4567 about the Sunrise Farms barracks."
    spans = [s for s in find(text) if s.kind != "phone"]
    spans.append(Span(text.index("Sunrise"), text.index(" barracks"), "address"))
    assert redact(text, spans=spans) == "Call 555-123-4567 about the [ADDRESS] barracks."


def test_a_placeholder_can_be_chosen() -> None:
    text = "Write to a@b.org or call 555-123-4567."
    assert redact(text, placeholder=lambda s: "█" * (s.end - s.start)) == (
        "Write to " + "█" * 7 + " or call " + "█" * 12 + "."
    )


def test_overlapping_spans_merge_and_the_longer_kind_wins() -> None:
    text = "abcdefghij"
    spans = [Span(0, 3, "name"), Span(2, 9, "address"), Span(8, 10, "phone")]
    assert apply(text, spans) == "[ADDRESS]"


def test_spans_that_only_touch_stay_apart() -> None:
    assert apply("abcdef", [Span(3, 6, "phone"), Span(0, 3, "name")]) == "[NAME][PHONE]"


def test_a_span_beyond_the_text_is_refused() -> None:
    with pytest.raises(ValueError, match="ends after the text"):
        apply("short", [Span(2, 9, "name")])


@pytest.mark.parametrize("start, end, kind", [(3, 3, "name"), (-1, 2, "name"), (0, 2, "nickname")])
def test_a_malformed_span_is_refused(start: int, end: int, kind: str) -> None:
    with pytest.raises(ValueError):
        Span(start, end, kind)


def test_no_spans_leave_the_text_as_it_is() -> None:
    assert redact(SINALOA, spans=[]) == SINALOA


# --- Properties ----------------------------------------------------------------------------

# Words with no digits and no trigger words, in the three languages.
VOCABULARY = (
    *("trabajo", "campo", "patrón", "contrato", "semana", "cosecha"),
    *("the", "farm", "boss", "paid", "housing"),
    *("ferme", "patron", "salaire", "logement", "récolte", "fraises"),
)
WORDS = st.sampled_from(VOCABULARY)
DIGIT = st.sampled_from(string.digits)
LETTER = st.sampled_from(string.ascii_uppercase)


def digits(n: int) -> st.SearchStrategy[str]:
    return st.lists(DIGIT, min_size=n, max_size=n).map("".join)


@st.composite
def phones(draw: st.DrawFn) -> str:
    layout = draw(
        st.sampled_from(
            ["({}) {}-{}", "{}-{}-{}", "{}.{}.{}", "{} {} {}", "+1 {} {} {}", "1-{}-{}-{}"]
        )
    )
    if draw(st.booleans()):
        return layout.format(draw(digits(3)), draw(digits(3)), draw(digits(4)))
    mexican = draw(st.sampled_from(["{} {} {}", "{}-{}-{}", "+52 1 {} {} {}", "044 {} {} {}"]))
    return mexican.format(draw(digits(2)), draw(digits(4)), draw(digits(4)))


@st.composite
def curps(draw: st.DrawFn) -> str:
    vowel = draw(st.sampled_from("AEIOUX"))
    consonants = st.sampled_from("BCDFGHJKLMNPQRSTVWXYZ")
    return (
        draw(LETTER)
        + vowel
        + draw(LETTER)
        + draw(LETTER)
        + draw(digits(2))
        + draw(st.sampled_from(["01", "06", "12"]))
        + draw(st.sampled_from(["01", "15", "28", "31"]))
        + draw(st.sampled_from("HM"))
        + draw(st.sampled_from(["SL", "OC", "MC", "DF", "NE", "BC"]))
        + "".join(draw(st.lists(consonants, min_size=3, max_size=3)))
        + draw(st.sampled_from(string.ascii_uppercase + string.digits))
        + draw(DIGIT)
    )


EMAILS = st.builds(
    "{}@{}.{}".format,
    st.from_regex(r"[a-z0-9][a-z0-9._+-]{0,15}[a-z0-9]", fullmatch=True),
    st.from_regex(r"[a-z0-9]{1,12}(\.[a-z0-9]{2,8})?", fullmatch=True),
    st.sampled_from(["com", "org", "mx", "ca", "net", "com.mx"]),
)
SSNS = st.builds("{}-{}-{}".format, digits(3), digits(2), digits(4))
IDENTIFIERS = st.one_of(phones(), curps(), EMAILS, SSNS)


@FAST
@given(
    before=st.lists(WORDS, max_size=6), identifier=IDENTIFIERS, after=st.lists(WORDS, max_size=6)
)
def test_a_phone_email_curp_or_ssn_among_words_never_survives(
    before: list[str], identifier: str, after: list[str]
) -> None:
    text = " ".join([*before, identifier, *after])
    result = redact(text)
    assert identifier not in result
    assert not re.search(r"\d", result)
    assert re.search(r"\[(?:PHONE|EMAIL|CURP|RFC|SSN|ITIN|SIN|PASSPORT)\]", result)


NAMES = st.sampled_from(
    ["María Guadalupe Pérez López", "José Hernández", "Jean-Pierre Tremblay", "Nguyễn Thị Hoa"]
)


def without_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@FAST
@given(
    name=NAMES,
    spelling=st.sampled_from([str, str.upper, str.lower, without_accents]),
    before=st.lists(WORDS, max_size=5),
    after=st.lists(WORDS, max_size=5),
)
def test_a_given_name_never_survives_in_any_case_or_accenting(
    name: str, spelling: object, before: list[str], after: list[str]
) -> None:
    assert callable(spelling)
    written = spelling(name)
    result = redact(" ".join([*before, written, *after]), [name])
    assert result == " ".join([*before, "[NAME]", *after])


TESTIMONY_PIECES = st.one_of(
    WORDS,
    IDENTIFIERS,
    NAMES,
    st.sampled_from(
        [
            ",",
            ".",
            "H-2A",
            "$1,500.00",
            "2018",
            "6:00",
            "40",
            "el 3 de abril de 2019",
            "née le",
            "Calle Hidalgo 123",
            "12 rue des Pins",
            "passport",
            "CURP",
            "SIN",
            "y",
            "de la",
            "Luz",
        ]
    ),
)


@FAST
@given(pieces=st.lists(TESTIMONY_PIECES, max_size=20), names=st.lists(NAMES, max_size=2))
def test_redacting_twice_gives_what_redacting_once_gave(
    pieces: list[str], names: list[str]
) -> None:
    once = redact(" ".join(pieces), names)
    assert redact(once, names) == once


@FAST
@given(text=st.text(max_size=200), names=st.lists(st.text(max_size=30), max_size=3))
def test_redacting_any_text_twice_gives_what_redacting_once_gave(
    text: str, names: list[str]
) -> None:
    once = redact(text, names)
    assert redact(once, names) == once


@FAST
@given(
    words=st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyzáéíóúñçèàü", min_size=1, max_size=12),
        max_size=30,
    )
)
def test_plain_lowercase_words_are_left_unchanged(words: list[str]) -> None:
    text = " ".join(words)
    assert redact(text) == text


@FAST
@given(
    text=st.one_of(st.text(max_size=300), st.lists(TESTIMONY_PIECES, max_size=25).map(" ".join)),
    names=st.lists(st.one_of(NAMES, st.text(max_size=20)), max_size=3),
)
def test_spans_are_within_the_text_sorted_apart_and_of_a_known_kind(
    text: str, names: list[str]
) -> None:
    spans = find(text, names)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert span.kind in KINDS
    for earlier, later in itertools.pairwise(spans):
        assert earlier.end <= later.start

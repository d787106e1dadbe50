"""Signing a letter on its page: double opt-in, one signature per address, the public list."""

from __future__ import annotations

from datetime import timedelta

from django.core import mail
from django.test import Client

from corredor.lib.models import RateAttempt
from corredor.petitions.choices import Visibility
from corredor.signons.choices import WhoMaySign
from corredor.signons.models import Signature
from corredor.signons.tests.conftest import (
    INDIVIDUAL_SIGNER,
    ORGANIZATION_SIGNER,
    TODAY,
    add_organization,
    add_signature,
    link_in,
    make_letter,
    run_tasks,
)


def test_an_organization_signs_in_spanish_confirms_and_is_listed(letter) -> None:
    client = Client()
    response = client.post("/es/letters/fair-recruitment/", ORGANIZATION_SIGNER)
    assert response.status_code == 302
    assert response["Location"] == "/es/letters/fair-recruitment/thanks/"
    signature = Signature.objects.get()
    assert signature.email == "maria@jornaleros.example.org"
    assert signature.confirmed_at is None and signature.language == "es"
    assert mail.outbox == []  # queued, not yet sent
    run_tasks()
    (message,) = mail.outbox
    assert message.to == ["maria@jornaleros.example.org"]
    assert message.subject == "Confirme su firma: Fin a las cuotas de reclutamiento"
    page = client.get("/es/letters/fair-recruitment/")
    assert "Unión de Jornaleros del Valle" not in page.content.decode()
    confirmed = client.get(link_in(message, "confirm"))
    assert confirmed.status_code == 200
    page = client.get("/es/letters/fair-recruitment/").content.decode()
    assert "Unión de Jornaleros del Valle" in page
    assert "maria@" not in page


def _sign(client: Client, data: dict, language: str = "en"):
    return client.post(f"/{language}/letters/fair-recruitment/", data)


def test_the_letter_page_reads_in_three_languages(letter) -> None:
    client = Client()
    for language, title, button in [
        ("en", "End recruitment fees", "Sign this letter"),
        ("es", "Fin a las cuotas de reclutamiento", "Firmar esta carta"),
        ("fr", "Fin des frais de recrutement", "Signer cette lettre"),
    ]:
        page = client.get(f"/{language}/letters/fair-recruitment/").content.decode()
        assert title in page and button in page
        assert "Secretaría de Economía" in page


def test_the_same_address_signing_twice_is_one_signature_and_a_friendly_page(letter) -> None:
    client = Client()
    _sign(client, ORGANIZATION_SIGNER)
    run_tasks()
    client.get(link_in(mail.outbox[0], "confirm"))
    again = _sign(client, {**ORGANIZATION_SIGNER, "email": " MARIA@jornaleros.example.org"})
    assert again.status_code == 302  # the same thank-you page: nobody learns who signed
    assert client.get(again["Location"]).status_code == 200
    assert Signature.objects.count() == 1
    run_tasks()
    assert "already" in mail.outbox[1].subject  # told, not given a second signature
    assert Signature.objects.get().confirmed_at is not None


def test_this_was_not_me_asks_first_then_deletes(letter) -> None:
    client = Client()
    _sign(client, INDIVIDUAL_SIGNER)
    run_tasks()
    not_me = link_in(mail.outbox[0], "not-me")
    page = client.get(not_me)  # a mail scanner opening the link deletes nothing
    assert page.status_code == 200 and Signature.objects.count() == 1
    token = not_me.split("token=")[1]
    done = client.post(not_me, {"token": token})
    assert "The signature is removed" in done.content.decode()
    assert not Signature.objects.exists()
    assert client.get(link_in(mail.outbox[0], "confirm")).status_code == 404


def test_an_expired_link_confirms_nothing(letter, time_machine) -> None:
    client = Client()
    _sign(client, INDIVIDUAL_SIGNER)
    run_tasks()
    time_machine.shift(timedelta(days=7, seconds=1))
    response = client.get(link_in(mail.outbox[0], "confirm"))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert Signature.objects.get().confirmed_at is None


def test_a_link_for_another_letter_does_not_confirm(letter, alfa) -> None:
    make_letter(alfa, slug="other-letter")
    client = Client()
    _sign(client, INDIVIDUAL_SIGNER)
    run_tasks()
    path = link_in(mail.outbox[0], "confirm").replace("fair-recruitment", "other-letter")
    assert client.get(path).status_code == 404


def test_errors_are_translated_and_what_was_typed_is_kept(letter) -> None:
    data = {**ORGANIZATION_SIGNER, "organization_name": "", "email": "maria-at-example"}
    response = _sign(Client(), data, "es")
    assert response.status_code == 422
    page = response.content.decode()
    assert "Indique el nombre de la organización." in page
    assert "Introduzca una dirección de correo electrónico válida." in page
    assert 'value="maria-at-example"' in page and 'value="Culiacán"' in page
    assert not Signature.objects.exists()


def test_an_individual_gives_only_name_country_city_and_email(letter) -> None:
    response = _sign(Client(), {**INDIVIDUAL_SIGNER, "organization_name": "Ignored Org"})
    assert response.status_code == 302
    signature = Signature.objects.get()
    assert signature.organization_name == "" and signature.kind == "individual"


def test_a_letter_for_organizations_only_refuses_individuals(alfa) -> None:
    make_letter(alfa, who_may_sign=WhoMaySign.ORGANIZATIONS)
    response = _sign(Client(), INDIVIDUAL_SIGNER)
    assert response.status_code == 422
    assert not Signature.objects.exists()


def test_the_honeypot_looks_like_success_and_stores_nothing(letter) -> None:
    response = _sign(Client(), {**INDIVIDUAL_SIGNER, "nickname": "bot"})
    assert response.status_code == 302
    run_tasks()
    assert not Signature.objects.exists() and mail.outbox == []


def test_the_rate_limit_shows_a_message_and_keeps_the_form(letter, settings) -> None:
    settings.SIGNON_RATE_LIMIT = 2
    client = Client()
    for number in range(2):
        assert (
            _sign(client, {**INDIVIDUAL_SIGNER, "email": f"p{number}@example.ca"}).status_code
            == 302
        )
    refused = _sign(client, {**INDIVIDUAL_SIGNER, "email": "p3@example.ca"}, "es")
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(settings.SIGNON_RATE_WINDOW_MINUTES * 60)
    page = refused.content.decode()
    assert "Han llegado muchas firmas desde su red" in page
    assert 'value="p3@example.ca"' in page
    assert Signature.objects.count() == 2
    other_network = Client(REMOTE_ADDR="203.0.113.9")
    assert _sign(other_network, {**INDIVIDUAL_SIGNER, "email": "p4@example.ca"}).status_code == 302


def test_no_address_is_stored_for_the_rate_limit(letter) -> None:
    _sign(Client(REMOTE_ADDR="198.51.100.23"), INDIVIDUAL_SIGNER)
    (attempt,) = RateAttempt.objects.all()
    assert "198.51.100.23" not in attempt.key and len(attempt.key) == 64


def test_closed_and_future_letters_take_no_signature(alfa) -> None:
    make_letter(
        alfa,
        slug="closed",
        opens_on=TODAY - timedelta(days=40),
        closes_on=TODAY - timedelta(days=1),
    )
    make_letter(
        alfa, slug="future", opens_on=TODAY + timedelta(days=1), closes_on=TODAY + timedelta(days=9)
    )
    client = Client()
    for slug, notice in [
        ("closed", "This letter is closed"),
        ("future", "not open for signatures yet"),
    ]:
        page = client.get(f"/en/letters/{slug}/").content.decode()
        assert notice in page and 'name="email"' not in page
        assert client.post(f"/en/letters/{slug}/", INDIVIDUAL_SIGNER).status_code == 409
    assert not Signature.objects.exists()


def test_an_internal_letter_is_not_public(alfa) -> None:
    make_letter(alfa, visibility=Visibility.INTERNAL)
    assert Client().get("/en/letters/fair-recruitment/").status_code == 404
    assert Client().post("/en/letters/fair-recruitment/", INDIVIDUAL_SIGNER).status_code == 404


def test_the_public_list_groups_by_country_and_names_only_who_agreed(letter) -> None:
    add_organization(
        letter,
        1,
        organization_name="Farmworker Justice",
        organization_kind="ngo",
        name="A",
        title="Director",
        city="Washington",
        email="a@fj.example",
    )
    add_signature(
        letter, 2, name="Secret Person", city="Yakima", email="s@example.com", show_publicly=False
    )
    add_signature(letter, 3, name="Ana Ruiz", country="MX", city="Oaxaca", email="ana@example.mx")
    add_signature(
        letter,
        4,
        name="Unconfirmed Person",
        country="CA",
        city="Toronto",
        email="u@example.ca",
        confirmed_at=None,
    )
    add_signature(
        letter,
        5,
        name="Hidden Spammer",
        country="CA",
        city="Nowhere",
        email="h@example.ca",
        hidden=True,
    )
    page = Client().get("/en/letters/fair-recruitment/").content.decode()
    assert "Farmworker Justice" in page and "Ana Ruiz" in page
    for absent in ("Secret Person", "Unconfirmed Person", "Hidden Spammer", "a@fj.example"):
        assert absent not in page
    assert "<strong data-live-total>3</strong> signatures so far" in page
    assert "And 1 signer who asked not to be named." in page
    assert page.index("United States") < page.index("Mexico")  # the trinational order
    assert '<th scope="row">Canada</th>' not in page  # no counted signature from Canada

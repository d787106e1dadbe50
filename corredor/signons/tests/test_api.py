"""The letters API for partner sites: public letters only, counts of what counts, and signing
with the same validation, double opt-in, rate limit and honeypot as the letter's page."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from corredor.conftest import signed_in_client
from corredor.lib.models import RateAttempt
from corredor.petitions.choices import Visibility
from corredor.signons.models import Signature
from corredor.signons.tests.conftest import (
    INDIVIDUAL_SIGNER,
    ORGANIZATION_SIGNER,
    TODAY,
    add_signature,
    link_in,
    make_letter,
    run_tasks,
)

SIGN_URL = "/api/v1/letters/fair-recruitment/signatures"

# The page form's data, as a partner site sends it in JSON.
API_ORGANIZATION = {**ORGANIZATION_SIGNER, "show_publicly": True}
API_INDIVIDUAL = {**INDIVIDUAL_SIGNER, "show_publicly": True}


def post_signature(payload: dict[str, Any], client: Client | None = None, **extra: Any) -> Any:
    return (client or Client()).post(
        SIGN_URL, json.dumps(payload), content_type="application/json", **extra
    )


# GET /api/v1/letters -----------------------------------------------------------------------


def test_the_list_has_public_letters_only_open_ones_first(alfa) -> None:
    make_letter(
        alfa,
        slug="closed-long-ago",
        opens_on=TODAY - timedelta(days=90),
        closes_on=TODAY - timedelta(days=60),
    )
    make_letter(alfa, slug="closes-late", closes_on=TODAY + timedelta(days=60))
    make_letter(
        alfa,
        slug="closed-yesterday",
        opens_on=TODAY - timedelta(days=30),
        closes_on=TODAY - timedelta(days=1),
    )
    make_letter(alfa, slug="closes-soon", closes_on=TODAY + timedelta(days=2))
    make_letter(alfa, slug="draft", visibility=Visibility.INTERNAL)
    make_letter(
        alfa,
        slug="opens-tomorrow",
        opens_on=TODAY + timedelta(days=1),
        closes_on=TODAY + timedelta(days=20),
    )
    response = Client().get("/api/v1/letters")
    assert response.status_code == 200
    body = response.json()
    slugs = [item["slug"] for item in body["items"]]
    assert slugs[:2] == ["closes-soon", "closes-late"]  # open, closing soonest first
    assert set(slugs[2:]) == {"closed-long-ago", "closed-yesterday", "opens-tomorrow"}
    assert "draft" not in slugs
    assert body["count"] == 5
    is_open = {item["slug"]: item["is_open"] for item in body["items"]}
    assert is_open == {
        "closes-soon": True,
        "closes-late": True,
        "closed-long-ago": False,
        "closed-yesterday": False,
        "opens-tomorrow": False,
    }


def test_an_internal_letter_is_never_listed_even_for_its_own_organization(alfa, alice) -> None:
    make_letter(alfa, slug="draft", visibility=Visibility.INTERNAL)
    for client in (Client(), signed_in_client(alice)):
        assert client.get("/api/v1/letters").json()["items"] == []


def test_a_listed_letter_says_what_a_partner_site_needs(letter) -> None:
    (item,) = Client().get("/api/v1/letters").json()["items"]
    assert item["organization"] == "Centro Alfa"
    assert item["title"] == {
        "en": "End recruitment fees",
        "es": "Fin a las cuotas de reclutamiento",
        "fr": "Fin des frais de recrutement",
    }
    assert item["recipients"] == [
        "United States Trade Representative",
        "Secretaría de Economía",
    ]
    assert item["who_may_sign"] == "both"
    assert item["opens_on"] == (TODAY - timedelta(days=10)).isoformat()
    assert item["closes_on"] == (TODAY + timedelta(days=30)).isoformat()
    assert item["url"] == "http://testserver/en/letters/fair-recruitment/"


def test_the_list_counts_only_confirmed_signatures_that_are_not_hidden(letter, alfa) -> None:
    other = make_letter(alfa, slug="other-letter")
    add_signature(letter, 1)
    add_signature(letter, 2, show_publicly=False)  # unnamed still counts
    add_signature(letter, 3, confirmed_at=None)
    add_signature(letter, 4, hidden=True)
    add_signature(other, 5)
    counts = {
        item["slug"]: item["signatures"] for item in Client().get("/api/v1/letters").json()["items"]
    }
    assert counts == {"fair-recruitment": 2, "other-letter": 1}


def test_the_list_paginates(alfa) -> None:
    for number in range(3):
        make_letter(alfa, slug=f"letter-{number}", closes_on=TODAY + timedelta(days=number + 1))
    body = Client().get("/api/v1/letters?limit=2&offset=1").json()
    assert body["count"] == 3
    assert [item["slug"] for item in body["items"]] == ["letter-1", "letter-2"]


def test_the_list_serializes_only_the_page_asked_for(alfa, monkeypatch) -> None:
    from corredor.signons import api

    serialized: list[str] = []

    def spy(request, letter, today, signatures):
        serialized.append(letter.slug)
        return letter_out(request, letter, today, signatures)

    letter_out = api._letter_out
    monkeypatch.setattr(api, "_letter_out", spy)
    for number in range(5):
        make_letter(alfa, slug=f"letter-{number}", closes_on=TODAY + timedelta(days=number + 1))
    body = Client().get("/api/v1/letters?limit=2&offset=1").json()
    assert body["count"] == 5
    assert serialized == ["letter-1", "letter-2"]


# GET /api/v1/letters/{slug} ----------------------------------------------------------------


def test_one_letter_has_its_text_in_three_languages(letter) -> None:
    response = Client().get("/api/v1/letters/fair-recruitment")
    assert response.status_code == 200
    body = response.json()
    assert body["text"] == {
        "en": "We ask the three governments to end recruitment fees.",
        "es": "Pedimos a los tres gobiernos acabar con las cuotas de reclutamiento.",
        "fr": "Nous demandons aux trois gouvernements d'en finir avec les frais.",
    }
    assert body["title"]["es"] == "Fin a las cuotas de reclutamiento"
    assert body["asks_title"] is False
    assert body["is_open"] is True
    assert body["by_country"] == []
    assert (body["signatures"], body["named"], body["unnamed"]) == (0, 0, 0)


def test_one_letter_counts_its_signatures_by_country(letter) -> None:
    add_signature(letter, 1, kind="organization", organization_name="Farmworker Justice")
    add_signature(letter, 2, show_publicly=False)
    add_signature(letter, 3, country="MX")
    add_signature(letter, 4, country="MX", kind="organization", organization_name="Jornaleros")
    add_signature(letter, 5, country="CA", confirmed_at=None)  # not confirmed: not counted
    add_signature(letter, 6, country="CA", hidden=True)  # hidden: not counted
    add_signature(letter, 7, country="other", show_publicly=False)
    body = Client().get("/api/v1/letters/fair-recruitment").json()
    assert body["by_country"] == [
        {"country": "US", "organizations": 1, "individuals": 1, "total": 2},
        {"country": "MX", "organizations": 1, "individuals": 1, "total": 2},
        {"country": "other", "organizations": 0, "individuals": 1, "total": 1},
    ]
    assert (body["signatures"], body["named"], body["unnamed"]) == (5, 3, 2)
    assert "signer1@example.org" not in json.dumps(body)  # no address, and no name either
    assert "Signer 1" not in json.dumps(body)


@pytest.mark.parametrize("slug", ["draft", "no-such-letter"])
def test_an_internal_or_unknown_letter_is_not_found(alfa, alice, slug) -> None:
    make_letter(alfa, slug="draft", visibility=Visibility.INTERNAL)
    assert Client().get(f"/api/v1/letters/{slug}").status_code == 404
    assert signed_in_client(alice).get(f"/api/v1/letters/{slug}").status_code == 404


# POST /api/v1/letters/{slug}/signatures ----------------------------------------------------


def test_signing_stores_an_unconfirmed_signature_and_emails_a_link_that_confirms(letter) -> None:
    response = post_signature({**API_ORGANIZATION, "language": "es"})
    assert response.status_code == 202, response.content
    assert response.json()["status"] == "pending_confirmation"
    assert response.json()["detail"]
    signature = Signature.objects.get()
    assert signature.confirmed_at is None
    assert signature.email == "maria@jornaleros.example.org"
    assert signature.kind == "organization"
    assert signature.organization_name == "Unión de Jornaleros del Valle"
    assert signature.organization_website == "https://jornaleros.example.org"
    assert signature.show_publicly is True
    assert signature.language == "es"
    assert mail.outbox == []  # queued in the same transaction, sent by the worker

    run_tasks()
    (message,) = mail.outbox
    assert message.to == ["maria@jornaleros.example.org"]
    with translation.override("es"):
        assert "Fin a las cuotas de reclutamiento" in message.subject
    confirm = link_in(message, "confirm")
    assert confirm.startswith("/es/letters/fair-recruitment/confirm/")
    assert Client().get(confirm).status_code == 200
    assert Signature.objects.get().confirmed_at == timezone.now()
    body = Client().get("/api/v1/letters/fair-recruitment").json()
    assert body["signatures"] == 1 and body["named"] == 1


def test_the_email_language_follows_the_accept_language_header_when_none_is_given(letter) -> None:
    response = post_signature(API_INDIVIDUAL, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 202
    assert Signature.objects.get().language == "fr"


def test_an_unknown_language_falls_back_to_the_default(letter, settings) -> None:
    assert post_signature({**API_INDIVIDUAL, "language": "xx"}).status_code == 202
    assert Signature.objects.get().language == settings.LANGUAGE_CODE


def test_field_errors_come_back_per_field_and_nothing_is_stored(letter) -> None:
    response = post_signature(
        {**API_ORGANIZATION, "organization_name": "", "email": "maria-at-example", "country": "XX"}
    )
    assert response.status_code == 422
    body = response.json()
    assert body["detail"]
    assert set(body["errors"]) == {"organization_name", "email", "country"}
    assert body["errors"]["organization_name"] == ["Give the name of the organization."]
    assert body["errors"]["email"] == ["Enter a valid email address."]
    assert all(messages for messages in body["errors"].values())
    run_tasks()
    assert not Signature.objects.exists() and mail.outbox == []


def test_an_organization_must_give_its_kind_and_the_signers_role(letter) -> None:
    response = post_signature({**API_ORGANIZATION, "organization_kind": "", "title": ""})
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"organization_kind", "title"}
    assert not Signature.objects.exists()


def test_a_missing_required_field_is_named(letter) -> None:
    payload = {key: value for key, value in API_INDIVIDUAL.items() if key != "city"}
    response = post_signature(payload)
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["city"]
    assert not Signature.objects.exists()


def test_a_kind_the_letter_does_not_take_is_refused(alfa) -> None:
    make_letter(alfa, who_may_sign="organizations")
    response = post_signature(API_INDIVIDUAL)
    assert response.status_code == 422
    assert "kind" in response.json()["errors"]
    assert not Signature.objects.exists()


def test_errors_are_in_the_language_asked_for(letter) -> None:
    response = post_signature(
        {**API_ORGANIZATION, "organization_name": "", "email": "nope", "language": "es"}
    )
    assert response.status_code == 422
    body = response.json()
    with translation.override("es"):
        # Whatever the Spanish catalog holds today: the API must give that, not the English.
        assert body["detail"] == gettext("Some fields need attention.")
        assert body["errors"]["organization_name"] == [
            gettext("Give the name of the organization.")
        ]
        assert body["errors"]["email"] == [gettext("Enter a valid email address.")]
    # Django ships this one in Spanish, so it can be checked in full.
    assert body["errors"]["email"] == ["Introduzca una dirección de correo electrónico válida."]
    assert not Signature.objects.exists()


def test_the_request_language_is_left_as_it_was(letter) -> None:
    """Errors in Spanish for one caller must not leak into the next request's language."""
    post_signature({**API_INDIVIDUAL, "email": "nope", "language": "es"})
    response = post_signature({**API_INDIVIDUAL, "email": "nope"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["errors"]["email"] == ["Enter a valid email address."]


def test_a_value_of_the_wrong_type_is_named_like_any_other_field_error(letter) -> None:
    # Found by the fuzzer: Django Ninja's own 422 (a list of errors) was not the documented
    # one, so a partner site had two shapes of refusal to read.
    response = post_signature({**API_INDIVIDUAL, "kind": 5, "show_publicly": "maybe"})
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Some fields need attention."
    assert set(body["errors"]) == {"kind", "show_publicly"}
    assert all(body["errors"].values())
    assert not Signature.objects.exists()


def test_a_body_that_is_not_json_answers_400_with_a_detail(letter) -> None:
    response = Client().post(SIGN_URL, "kind=individual", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "The request's body is not valid JSON."}
    in_french = Client().post(
        SIGN_URL,
        "kind=individual",
        content_type="application/json",
        headers={"Accept-Language": "fr"},
    )
    assert in_french.json() == {"detail": "Le corps de la requête n'est pas du JSON valide."}


@pytest.mark.parametrize("slug", ["%00", "fair-recruitment%00", "fair%20recruitment"])
def test_a_slug_that_cannot_name_a_letter_is_not_found(letter, slug) -> None:
    # Found by the fuzzer: a NUL reached PostgreSQL, which refuses it (500 there).
    assert Client().get(f"/api/v1/letters/{slug}").json() == {"detail": "Not found."}
    response = Client().post(
        f"/api/v1/letters/{slug}/signatures",
        json.dumps(API_INDIVIDUAL),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not Signature.objects.exists()


def test_the_signature_body_documents_what_the_form_requires(letter) -> None:
    schemas = Client().get("/api/v1/openapi.json").json()["components"]["schemas"]
    body = schemas["SignatureIn"]
    assert body["required"] == ["kind", "name", "country", "city", "email"]
    assert body["properties"]["kind"]["enum"] == ["organization", "individual"]
    assert body["properties"]["country"]["enum"] == ["US", "MX", "CA", "other"]
    assert body["properties"]["email"]["format"] == "email"
    assert body["properties"]["city"]["maxLength"] == 120


@pytest.mark.parametrize(
    ("opens", "closes"),
    [
        (TODAY - timedelta(days=40), TODAY - timedelta(days=1)),  # closed yesterday
        (TODAY + timedelta(days=1), TODAY + timedelta(days=9)),  # opens tomorrow
    ],
)
def test_a_letter_not_open_answers_409_and_stores_nothing(alfa, opens, closes) -> None:
    make_letter(alfa, opens_on=opens, closes_on=closes)
    response = post_signature(API_INDIVIDUAL)
    assert response.status_code == 409
    assert response.json()["detail"]
    run_tasks()
    assert not Signature.objects.exists() and mail.outbox == []
    assert not RateAttempt.objects.exists()


def test_a_letter_open_on_its_first_and_last_day_takes_signatures(alfa) -> None:
    make_letter(alfa, slug="fair-recruitment", opens_on=TODAY, closes_on=TODAY)
    assert post_signature(API_INDIVIDUAL).status_code == 202


def test_signing_an_internal_or_unknown_letter_is_not_found(alfa) -> None:
    make_letter(alfa, visibility=Visibility.INTERNAL)
    assert post_signature(API_INDIVIDUAL).status_code == 404
    response = Client().post(
        "/api/v1/letters/no-such-letter/signatures",
        json.dumps(API_INDIVIDUAL),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not Signature.objects.exists()


def test_the_rate_limit_answers_429_with_retry_after_and_stores_nothing(letter, settings) -> None:
    settings.SIGNON_RATE_LIMIT = 2
    settings.SIGNON_RATE_WINDOW_MINUTES = 10
    client = Client()
    for number in range(2):
        payload = {**API_INDIVIDUAL, "email": f"p{number}@example.ca"}
        assert post_signature(payload, client).status_code == 202
    refused = post_signature({**API_INDIVIDUAL, "email": "p3@example.ca"}, client)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "600"
    assert "10 minutes" in refused.json()["detail"]
    assert Signature.objects.count() == 2
    assert not Signature.objects.filter(email="p3@example.ca").exists()
    run_tasks()
    assert sorted(m.to[0] for m in mail.outbox) == ["p0@example.ca", "p1@example.ca"]
    other_network = Client(REMOTE_ADDR="203.0.113.9")
    assert (
        post_signature({**API_INDIVIDUAL, "email": "p4@example.ca"}, other_network).status_code
        == 202
    )


def test_retry_after_is_the_whole_window_in_seconds_even_a_long_one(letter, settings) -> None:
    settings.SIGNON_RATE_LIMIT = 1
    settings.SIGNON_RATE_WINDOW_MINUTES = 24 * 60
    assert post_signature(API_INDIVIDUAL).status_code == 202
    refused = post_signature({**API_INDIVIDUAL, "email": "p2@example.ca"})
    assert refused.status_code == 429
    assert refused["Retry-After"] == "86400"


def test_the_rate_limit_frees_up_after_its_window(letter, settings, time_machine) -> None:
    settings.SIGNON_RATE_LIMIT = 1
    settings.SIGNON_RATE_WINDOW_MINUTES = 10
    assert post_signature(API_INDIVIDUAL).status_code == 202
    assert post_signature({**API_INDIVIDUAL, "email": "p2@example.ca"}).status_code == 429
    time_machine.shift(timedelta(minutes=10, seconds=1))
    assert post_signature({**API_INDIVIDUAL, "email": "p2@example.ca"}).status_code == 202
    assert Signature.objects.count() == 2


def test_the_rate_limit_message_is_in_the_language_asked_for(letter, settings) -> None:
    settings.SIGNON_RATE_LIMIT = 0
    settings.SIGNON_RATE_WINDOW_MINUTES = 10
    refused = post_signature({**API_INDIVIDUAL, "language": "es"})
    assert refused.status_code == 429
    assert refused.json()["detail"] == (
        "Han llegado muchas firmas desde su red en los últimos minutos. Espere 10 minutos e "
        "inténtelo de nuevo."
    )


@pytest.mark.parametrize(("minutes", "wait"), [(1, "wait 1 minute and"), (25, "wait 25 minutes")])
def test_the_rate_limit_message_states_the_window(letter, settings, minutes, wait) -> None:
    settings.SIGNON_RATE_LIMIT = 0
    settings.SIGNON_RATE_WINDOW_MINUTES = minutes
    refused = post_signature({**API_INDIVIDUAL, "language": "en"})
    assert refused.status_code == 429
    assert wait in refused.json()["detail"]
    assert refused["Retry-After"] == str(minutes * 60)


def test_invalid_requests_do_not_use_up_the_rate_limit(letter, settings) -> None:
    settings.SIGNON_RATE_LIMIT = 1
    for _ in range(3):
        assert post_signature({**API_INDIVIDUAL, "email": "nope"}).status_code == 422
    assert post_signature(API_INDIVIDUAL).status_code == 202


def test_the_honeypot_looks_like_success_and_stores_nothing(letter) -> None:
    response = post_signature({**API_INDIVIDUAL, "nickname": "bot"})
    assert response.status_code == 202
    assert response.json()["status"] == "pending_confirmation"
    run_tasks()
    assert not Signature.objects.exists() and mail.outbox == []


def test_the_same_address_twice_is_one_signature_and_the_same_answer(letter) -> None:
    first = post_signature(API_INDIVIDUAL)
    second = post_signature({**API_INDIVIDUAL, "email": "  JEAN@Example.CA ", "city": "Québec"})
    assert first.status_code == second.status_code == 202
    assert first.json() == second.json()  # nobody learns who has signed
    signature = Signature.objects.get()
    assert signature.email == "jean@example.ca"
    assert signature.city == "Québec"  # an unconfirmed signature takes the new details
    run_tasks()
    # Only the newest link is sent; the older one is superseded before it goes out.
    (message,) = mail.outbox
    assert Client().get(link_in(message, "confirm")).status_code == 200
    assert Signature.objects.get().confirmed_at is not None


def test_signing_again_after_confirming_keeps_the_signature_as_it_is(letter) -> None:
    post_signature(API_INDIVIDUAL)
    run_tasks()
    Client().get(link_in(mail.outbox[0], "confirm"))
    again = post_signature({**API_INDIVIDUAL, "email": "Jean@example.ca", "city": "Elsewhere"})
    assert again.status_code == 202
    assert again.json()["status"] == "pending_confirmation"
    signature = Signature.objects.get()
    assert signature.city == "Montréal" and signature.confirmed_at is not None


def count_queries(url: str) -> int:
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_costs_the_same_queries_for_two_letters_or_twenty(alfa) -> None:
    for number in range(2):
        add_signature(make_letter(alfa, slug=f"letter-{number}"), number)
    few = count_queries("/api/v1/letters")
    for number in range(2, 20):
        add_signature(make_letter(alfa, slug=f"letter-{number}"), number)
    assert count_queries("/api/v1/letters") == few


def test_one_letter_costs_the_same_queries_whatever_its_signatures(letter) -> None:
    add_signature(letter, 1)
    few = count_queries("/api/v1/letters/fair-recruitment")
    for number in range(2, 40):
        add_signature(letter, number, country=["US", "MX", "CA"][number % 3])
    assert count_queries("/api/v1/letters/fair-recruitment") == few

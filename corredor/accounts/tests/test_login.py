from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from corredor.accounts.choices import Role
from corredor.accounts.forms import EmailAuthenticationForm
from corredor.accounts.models import LoginFailure
from corredor.conftest import PASSWORD, add_authenticator, join

LOGIN = "/en/account/sign-in/"


def sign_in(client, email: str, password: str = PASSWORD, **extra):
    return client.post(LOGIN, {"username": email, "password": password, **extra})


def test_a_member_signs_in_with_email_and_password(client, bob, alfa) -> None:
    join(alfa, bob, Role.MEMBER)
    response = sign_in(client, "Bob@Alfa.example")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:home")


def test_signing_in_rotates_the_session_key(client, bob) -> None:
    client.get(LOGIN)
    client.session.save()
    before = client.session.session_key
    sign_in(client, bob.email)
    assert client.session.session_key != before
    assert client.session["_auth_user_id"] == str(bob.pk)


@pytest.mark.parametrize("language", ["es", "fr"])
def test_a_wrong_password_gets_a_translated_message(client, bob, language) -> None:
    response = client.post(
        f"/{language}/account/sign-in/", {"username": bob.email, "password": "wrong-password"}
    )
    message = EmailAuthenticationForm.error_messages["invalid_login"]
    with translation.override(language):
        translated = str(message)
    with translation.override("en"):
        assert translated != str(message)
    assert escape(translated) in response.content.decode()


def test_five_failures_lock_the_account_even_against_the_right_password(client, bob) -> None:
    for _ in range(5):
        sign_in(client, bob.email, "wrong-password")
    response = sign_in(client, bob.email)
    assert response.status_code == 200
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_unknown_address_is_refused_with_the_same_words(client, bob) -> None:
    for _ in range(5):
        sign_in(client, bob.email, "wrong-password")
        sign_in(client, "nobody@nowhere.example", "wrong-password")
    known = sign_in(client, bob.email, "wrong-password").context["form"].non_field_errors()
    unknown = sign_in(client, "nobody@nowhere.example", "x").context["form"].non_field_errors()
    assert known == unknown


def test_four_failures_do_not_lock(client, bob) -> None:
    for _ in range(4):
        sign_in(client, bob.email, "wrong-password")
    assert sign_in(client, bob.email).status_code == 302


def test_the_lock_lifts_after_thirty_minutes(client, bob) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            sign_in(client, bob.email, "wrong-password")
        assert sign_in(client, bob.email).status_code == 200
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert sign_in(client, bob.email).status_code == 200
    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        assert sign_in(client, bob.email).status_code == 302


def test_a_successful_sign_in_forgets_earlier_failures(client, bob) -> None:
    for _ in range(3):
        sign_in(client, bob.email, "wrong-password")
    sign_in(client, bob.email)
    assert LoginFailure.objects.count() == 0


def test_failures_are_not_stored_with_the_address_in_clear(client, db) -> None:
    sign_in(client, "someone@alfa.example", "wrong-password")
    failure = LoginFailure.objects.get()
    assert "someone" not in failure.key


@pytest.mark.parametrize("role", [Role.ADMIN, Role.STAFF])
def test_admins_and_staff_go_to_set_up_a_second_factor(client, alfa, bob, role) -> None:
    join(alfa, bob, role)
    response = sign_in(client, bob.email)
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))


def test_staff_with_an_authenticator_are_asked_for_a_code(client, alfa, bob) -> None:
    join(alfa, bob, Role.STAFF)
    add_authenticator(bob)
    response = sign_in(client, bob.email)
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))


def test_the_next_address_must_stay_on_this_site(client, bob) -> None:
    response = sign_in(client, bob.email, next="https://evil.example/")
    assert response["Location"] == reverse("accounts:home")


def test_signing_out_ends_the_session(client, bob) -> None:
    sign_in(client, bob.email)
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


def test_passwords_are_hashed_with_argon2(bob) -> None:
    assert bob.password.startswith("argon2$argon2id$")

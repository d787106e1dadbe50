from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from corredor.accounts.choices import Role
from corredor.accounts.models import AuditEntry
from corredor.conftest import PASSWORD, add_authenticator, join, signed_in_client


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def signed_in_without_second_factor(user) -> Client:
    client = Client()
    assert client.login(username=user.email, password=PASSWORD)
    return client


@pytest.mark.parametrize("role", [Role.ADMIN, Role.STAFF])
def test_admins_and_staff_cannot_open_anything_before_their_second_factor(alfa, bob, role) -> None:
    join(alfa, bob, role)
    client = signed_in_without_second_factor(bob)
    for url in [
        reverse("accounts:home"),
        reverse("accounts:organization", args=[alfa.slug]),
        reverse("accounts:api_tokens"),
        reverse("accounts:password_change"),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:two_factor_setup"))


@pytest.mark.parametrize("role", [Role.MEMBER, Role.VIEWER])
def test_members_and_viewers_need_no_second_factor(alfa, bob, role) -> None:
    join(alfa, bob, role)
    client = signed_in_without_second_factor(bob)
    assert client.get(reverse("accounts:organization", args=[alfa.slug])).status_code == 200


def test_setting_up_an_authenticator_shows_a_qr_code_and_verifies_one_code(alfa, bob) -> None:
    join(alfa, bob, Role.STAFF)
    client = signed_in_without_second_factor(bob)
    target = reverse("accounts:organization", args=[alfa.slug])
    page = client.get(reverse("accounts:two_factor_setup"), {"next": target})
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=bob, confirmed=False)

    response = client.post(
        reverse("accounts:two_factor_setup"), {"token": current_code(device), "next": target}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:recovery_codes"))
    codes_page = client.get(response["Location"])
    assert len(codes_page.context["codes"]) == 10
    assert codes_page.context["next"] == target
    assert client.get(reverse("accounts:recovery_codes")).status_code == 302  # shown once
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get(target).status_code == 200
    assert AuditEntry.objects.filter(action="two_factor.enable", actor=bob).exists()


def test_a_wrong_code_does_not_turn_on_the_authenticator(alfa, bob) -> None:
    join(alfa, bob, Role.STAFF)
    client = signed_in_without_second_factor(bob)
    client.get(reverse("accounts:two_factor_setup"))
    device = TOTPDevice.objects.get(user=bob)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("accounts:two_factor_setup"), {"token": wrong})
    assert response.status_code == 200
    assert response.context["form"].errors["token"]
    device.refresh_from_db()
    assert device.confirmed is False


def test_a_code_that_is_not_six_digits_gets_a_clear_error(alfa, bob) -> None:
    join(alfa, bob, Role.STAFF)
    client = signed_in_without_second_factor(bob)
    response = client.post(reverse("accounts:two_factor_setup"), {"token": "12ab"})
    assert "six digits" in response.content.decode()


def test_signing_in_with_an_authenticator_asks_for_the_current_code(alfa, bob) -> None:
    join(alfa, bob, Role.ADMIN)
    device = add_authenticator(bob)
    client = signed_in_without_second_factor(bob)
    verify = reverse("accounts:two_factor_verify")
    assert client.post(verify, {"token": "000000"}).status_code == 200
    device.refresh_from_db()
    device.throttle_reset()
    response = client.post(verify, {"token": current_code(device)})
    assert response.status_code == 302
    assert client.get(reverse("accounts:organization", args=[alfa.slug])).status_code == 200


def test_the_site_administration_requires_a_second_factor(db) -> None:
    from corredor.accounts.models import User

    operator = User.objects.create_superuser("operator@corredor.example", PASSWORD)
    assert signed_in_without_second_factor(operator).get("/en/admin/").status_code == 302
    assert signed_in_client(operator).get("/en/admin/").status_code == 200


def test_site_operators_are_sent_to_set_up_a_second_factor_at_sign_in(client, db) -> None:
    from corredor.accounts.models import User

    User.objects.create_superuser("operator@corredor.example", PASSWORD)
    response = client.post(
        "/en/account/sign-in/", {"username": "operator@corredor.example", "password": PASSWORD}
    )
    assert response["Location"].startswith(reverse("accounts:two_factor_setup"))


def test_a_recovery_code_replaces_a_lost_phone_once(alfa, bob) -> None:
    from corredor.accounts.actions import make_recovery_codes

    join(alfa, bob, Role.STAFF)
    add_authenticator(bob)
    codes = make_recovery_codes(bob)
    verify = reverse("accounts:two_factor_verify")
    first = signed_in_without_second_factor(bob)
    assert first.post(verify, {"token": codes[0].upper()}).status_code == 302
    assert first.get(reverse("accounts:organization", args=[alfa.slug])).status_code == 200
    second = signed_in_without_second_factor(bob)
    response = second.post(verify, {"token": codes[0]})
    assert response.status_code == 200
    assert response.context["form"].errors["token"]


def test_making_new_recovery_codes_invalidates_the_old_ones(alfa, bob) -> None:
    from corredor.accounts.actions import make_recovery_codes

    join(alfa, bob, Role.ADMIN)
    add_authenticator(bob)
    old = make_recovery_codes(bob)
    client = signed_in_client(bob)
    response = client.post(reverse("accounts:recovery_codes"))
    new = client.get(response["Location"]).context["codes"]
    assert set(new).isdisjoint(old)
    fresh = signed_in_without_second_factor(bob)
    assert fresh.post(reverse("accounts:two_factor_verify"), {"token": old[1]}).status_code == 200
    # After a wrong code django-otp makes the next try wait a little: wait, then try again.
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        assert (
            fresh.post(reverse("accounts:two_factor_verify"), {"token": new[1]}).status_code == 302
        )
    assert AuditEntry.objects.filter(action="two_factor.recovery_codes", actor=bob).count() == 2

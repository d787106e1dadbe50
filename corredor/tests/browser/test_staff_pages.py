"""Staff pages for letters and testimonies on a phone-sized screen, in Spanish: axe-core finds
no WCAG 2.1 A or AA violation (moderation, the testimony with its identity shown, the
redaction review, statistics, the access log)."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from corredor.conftest import PASSWORD, make_organization, make_user
from corredor.signons.tests.conftest import add_organization, make_letter
from corredor.testimonies.tests.conftest import give
from corredor.tests.browser.test_site import assert_accessible, assert_no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Any, email: str, device: TOTPDevice) -> None:
    page.goto("/es/account/sign-in/")
    page.locator('input[name="username"]').fill(email)
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator('form button[type="submit"]').last.click()
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
    page.locator('input[name="otp_token"], input[name="token"], input[name="code"]').first.fill(
        code
    )
    page.locator('form button[type="submit"]').last.click()


def test_staff_pages_for_letters_and_testimonies(page: Any, settings: Any) -> None:
    settings.TESTIMONY_KEYS = [Fernet.generate_key().decode()]
    ana = make_user("ana@alfa.example", "Ana Admin", "es")
    alfa = make_organization(ana, "centro-alfa", "Centro Alfa")
    device = TOTPDevice.objects.create(user=ana, name="phone", confirmed=True)
    today = timezone.localdate()
    letter = make_letter(alfa, opens_on=today, closes_on=today)
    add_organization(
        letter,
        1,
        organization_name="Unión Ejemplo",
        organization_website="https://union.example.org",
        name="Rosa Ejemplo",
        country="MX",
        city="Puebla",
        email="rosa@union.example.org",
        language="es",
    )
    testimony = give(alfa, "anonymous_use").testimony

    sign_in(page, "ana@alfa.example", device)
    for path in (
        f"/es/letters/{letter.slug}/signatures/",
        f"/es/letters/{letter.slug}/deliver/",
        f"/es/letters/{letter.slug}/edit/",
        "/es/testimonies/centro-alfa/",
        f"/es/testimonies/t/{testimony.pseudonym}/?reveal=1",
        f"/es/testimonies/t/{testimony.pseudonym}/redaction/",
        "/es/testimonies/centro-alfa/new/",
        "/es/testimonies/centro-alfa/statistics/",
        "/es/testimonies/centro-alfa/access-log/",
    ):
        response = page.goto(path)
        assert response.status == 200, path
        assert_accessible(page)
        assert_no_horizontal_scroll(page)
    page.goto(f"/es/letters/{letter.slug}/signatures/")
    assert page.get_by_text("el dominio coincide", exact=True).is_visible()

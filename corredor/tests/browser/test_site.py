"""A person's first visit, in a real browser: languages, sign-in with a second factor, and
no WCAG 2.1 A or AA violation on the way (axe-core, shipped by axe-playwright-python)."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from corredor.accounts.choices import Role
from corredor.conftest import PASSWORD, join, make_organization, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def home_heading(language: str) -> str:
    with translation.override(language):
        return translation.gettext("Labor rights across the trade corridor")


def assert_accessible(page: Any) -> None:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    assert violations == [], page.url + "\n" + results.generate_report()


def assert_no_horizontal_scroll(page: Any) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at 360px"


def test_the_home_page_in_three_languages_and_the_switcher(page: Any) -> None:
    page.goto("/")  # the browser asks for es-MX
    assert page.url.endswith("/es/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", level=1).inner_text() == home_heading("es")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    page.get_by_role("button", name="Français").click()
    assert page.url.endswith("/fr/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", level=1).inner_text() == home_heading("fr")
    assert_accessible(page)

    page.get_by_role("button", name="English").click()
    assert page.url.endswith("/en/")
    assert page.get_by_role("heading", level=1).inner_text() == home_heading("en")
    assert_accessible(page)

    page.get_by_role("link", name="About").click()
    page.get_by_role("button", name="Español").click()
    assert page.url.endswith("/es/about/")  # the switcher keeps you on the same page
    assert_accessible(page)

    page.goto("/")  # the last choice is remembered over the browser's preference
    assert page.url.endswith("/es/")


def test_the_skip_link_is_the_first_stop_and_focus_is_visible(page: Any) -> None:
    page.goto("/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_staff_sign_in_with_a_password_and_a_code(page: Any) -> None:
    founder = make_user("alice@alfa.example", "Alice Álvarez", "es")
    alfa = make_organization(founder, "centro-alfa", "Centro Alfa")
    sam = make_user("sam@alfa.example", "Sam Staff")
    join(alfa, sam, Role.STAFF)
    device = TOTPDevice.objects.create(user=sam, name="phone", confirmed=True)

    page.goto("/en/account/sign-in/")
    assert_accessible(page)
    page.get_by_label("Email address").fill("sam@alfa.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    assert "/en/account/two-step/" in page.url
    assert_accessible(page)
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
    page.get_by_label("Six-digit code").fill(code)
    page.get_by_role("button", name="Continue").click()

    assert page.url.endswith("/en/account/")
    assert page.get_by_role("heading", name="Your account").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Centro Alfa").click()
    assert page.get_by_role("heading", name="Centro Alfa").is_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_a_new_admin_sets_up_the_authenticator_in_the_browser(page: Any) -> None:
    make_organization(make_user("ana@alfa.example", "Ana"), "centro-alfa", "Centro Alfa")
    page.goto("/es/account/sign-in/")
    page.locator("#id_username").fill("ana@alfa.example")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stack button[type=submit]").click()
    assert "/es/account/two-step/set-up/" in page.url
    assert page.locator(".qr svg").is_visible()
    assert_accessible(page)
    device = TOTPDevice.objects.get(user__email="ana@alfa.example")
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
    page.locator("#id_token").fill(code)
    page.locator("form.stack button[type=submit]").click()
    assert "/es/account/two-step/recovery-codes/" in page.url
    assert page.locator(".codes li").count() == 10
    assert_accessible(page)
    page.locator("main a.button").click()
    assert page.url.endswith("/es/account/")
    assert_accessible(page)


def test_the_accessibility_check_can_fail(page: Any) -> None:
    """Guard against a check that passes vacuously: axe must flag a known violation."""
    page.set_content('<html lang="en"><body><main><img src="x.png"></main></body></html>')
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)

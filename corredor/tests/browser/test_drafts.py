"""Drafting in a browser, in Spanish on a phone-sized screen: start a draft, write a section,
compare two versions, and every drafting page passes axe-core (WCAG 2.1 A and AA)."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography.fernet import Fernet
from django_otp.plugins.otp_totp.models import TOTPDevice

from corredor.conftest import make_organization, make_user
from corredor.petitions.models import Draft
from corredor.tests.browser.test_site import assert_accessible, assert_no_horizontal_scroll
from corredor.tests.browser.test_staff_pages import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_lawyer_drafts_a_petition_on_a_phone(page: Any, settings: Any) -> None:
    settings.TESTIMONY_KEYS = [Fernet.generate_key().decode()]
    ana = make_user("ana@alfa.example", "Ana Admin", "es")
    make_organization(ana, "centro-alfa", "Centro Alfa")
    device = TOTPDevice.objects.create(user=ana, name="phone", confirmed=True)
    sign_in(page, "ana@alfa.example", device)

    page.goto("/es/drafts/new/?mechanism=usmca-rrm&office=us-ilc&against=MX")
    assert_accessible(page)
    page.locator('input[name="reference"]').fill("MRR Planta Ejemplo")
    page.locator('input[name="title_es"]').fill("Despidos en Planta Ejemplo")
    page.locator('form.stack button[type="submit"]').click()
    page.wait_for_url("**/es/drafts/*/")
    draft = Draft.objects.get()
    assert page.get_by_role("heading", level=1).inner_text().startswith("MRR Planta Ejemplo")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    for text in ("Doce personas despedidas.", "Trece personas despedidas."):
        page.goto(f"/es/drafts/{draft.uuid}/sections/facts/es/")
        page.locator('textarea[name="text"]').fill(text)
        page.locator('form.stack button[type="submit"]').first.click()
        page.wait_for_url("**/sections/facts/es/")
    assert_accessible(page)

    page.goto(f"/es/drafts/{draft.uuid}/versions/")
    assert_accessible(page)
    page.get_by_role("button", name="Comparar").click()
    page.wait_for_url("**/versions/compare/**")
    assert page.locator("del", has_text="Doce").count() == 1
    assert page.locator("ins", has_text="Trece").count() == 1
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    for path in ("exhibits/new/document/", "exhibits/new/testimony/", "file/", "details/"):
        response = page.goto(f"/es/drafts/{draft.uuid}/{path}")
        assert response.status == 200, path
        assert_accessible(page)
        assert_no_horizontal_scroll(page)

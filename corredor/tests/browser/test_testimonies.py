"""A worker gives an account on a phone, in Spanish, step by step; axe-core finds no WCAG 2.1
A or AA violation on any step, with or without errors."""

from __future__ import annotations

from typing import Any

import pytest

from corredor.conftest import make_organization, make_user
from corredor.testimonies.models import Testimony
from corredor.tests.browser.test_site import assert_accessible, assert_no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_worker_gives_an_account_on_a_phone_in_spanish(page: Any) -> None:
    make_organization(make_user("ana@alfa.example"), "centro-alfa", "Centro Alfa")
    page.goto("/es/testify/centro-alfa/")
    assert page.get_by_role("heading", level=1).inner_text() == "Cuéntenos qué pasó"
    assert page.locator('[aria-current="step"]').inner_text() == "Qué pasó"
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    page.get_by_role("button", name="Siguiente").click()  # nothing written yet
    assert page.locator(".errorlist").first.is_visible()
    assert_accessible(page)

    page.get_by_label("Cuéntenos qué pasó").fill(
        "El reclutador nos cobró 500 dólares a cada uno y el patrón guardó los pasaportes."
    )
    page.get_by_label("¿Cuándo pasó?").fill("2023")
    page.get_by_role("button", name="Siguiente").click()

    assert page.locator('[aria-current="step"]').inner_text() == "Su trabajo"
    page.get_by_label("H-2A (trabajo agrícola)").check()
    page.get_by_label("País de donde viene").select_option("MX")
    page.get_by_label("Tipo de trabajo").select_option("agriculture")
    assert_accessible(page)
    page.get_by_role("button", name="Siguiente").click()

    page.get_by_label("Me quitaron el pasaporte o mis papeles").check()
    assert_accessible(page)
    page.get_by_role("button", name="Siguiente").click()

    assert_accessible(page)  # how to reach you: all optional
    page.get_by_role("button", name="Siguiente").click()

    page.get_by_label("Guarden mi relato y úsenlo para ayudarme.").check()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    page.get_by_role("button", name="Enviar mi relato").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Gracias. Su relato está guardado."
    code = page.locator(".receipt-code code").inner_text()
    assert len(code) == 14 and code.count("-") == 2
    assert_accessible(page)
    testimony = Testimony.objects.get()
    assert testimony.program == "H-2A" and testimony.abuses == ["confiscated_documents"]

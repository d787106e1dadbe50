"""An organization signs a letter in Spanish on a phone-sized screen, confirms from the email
and appears in the public list; axe-core finds no WCAG 2.1 A or AA violation on the way."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from corredor.conftest import make_organization, make_user
from corredor.signons.models import Signature
from corredor.signons.tests.conftest import link_in, make_letter, run_tasks
from corredor.tests.browser.test_site import assert_accessible, assert_no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_organization_signs_in_spanish_on_a_phone(page: Any) -> None:
    alfa = make_organization(make_user("ana@alfa.example"), "centro-alfa", "Centro Alfa")
    today = timezone.localdate()
    make_letter(alfa, opens_on=today - timedelta(days=1), closes_on=today + timedelta(days=30))
    mail.outbox.clear()

    page.goto("/es/letters/fair-recruitment/")
    assert page.get_by_role("heading", level=1).inner_text() == "Fin a las cuotas de reclutamiento"
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

    page.get_by_role("button", name="Firmar", exact=True).click()  # nothing filled in
    assert page.get_by_text("Algunos campos necesitan corrección").is_visible()
    assert_accessible(page)  # the errors too are announced and labelled

    page.get_by_label("Una organización").check()
    page.get_by_label("Nombre de la organización").fill("Unión de Jornaleros del Valle")
    page.get_by_label("Tipo de organización").select_option("union")
    page.get_by_label("Sitio web de la organización").fill("jornaleros.example.org")
    page.get_by_label("Su nombre").fill("María Pérez")
    page.get_by_label("Su cargo o función").fill("Secretaria general")
    page.get_by_label("País").select_option("MX")
    page.get_by_label("Ciudad o pueblo").fill("Culiacán")
    page.get_by_label("Correo electrónico").fill("maria@jornaleros.example.org")
    page.get_by_label("Mi nombre (o el de mi organización) puede aparecer").check()
    page.get_by_role("button", name="Firmar", exact=True).click()

    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "¡Gracias! Falta un paso: revise su correo"
    assert_accessible(page)
    assert Signature.objects.get().confirmed_at is None

    run_tasks()  # what `corredor worker` does beside the web server
    (message,) = mail.outbox
    assert message.subject.startswith("Confirme su firma")
    page.goto(link_in(message, "confirm"))
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Su firma está confirmada. ¡Gracias!"
    )
    assert_accessible(page)

    page.get_by_role("link", name="Ver la carta y quiénes han firmado").click()
    signers = page.get_by_role("region", name="Quiénes han firmado")
    assert signers.get_by_text("Unión de Jornaleros del Valle").is_visible()
    assert page.locator("[data-live-total]").inner_text() == "1"
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

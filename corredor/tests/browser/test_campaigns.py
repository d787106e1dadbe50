"""The public timeline of actions in all three languages, in a real browser on a phone-sized
screen, with axe-core finding no WCAG 2.1 A or AA violation."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.utils import translation

from corredor.campaigns.tests.conftest import add_action, make_campaign
from corredor.conftest import make_organization, make_user
from corredor.tests.browser.test_site import assert_accessible, assert_no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_public_timeline_in_three_languages(page: Any) -> None:
    alfa = make_organization(make_user("ana@alfa.example"), "centro-alfa", "Centro Alfa")
    campaign = make_campaign(alfa)
    add_action(campaign, on=date(2017, 6, 12), title_es="Comentarios a la oficina comercial")
    add_action(campaign, on=date(2018, 8, 17), kind="letter_delivered", title_en="Letter delivered")
    for language in ("es", "en", "fr"):
        page.goto(f"/{language}/actions/")
        assert page.locator("html").get_attribute("lang") == language
        with translation.override(language):
            heading = translation.gettext("Recent actions")
        assert page.get_by_role("heading", level=1).inner_text() == heading
        assert page.locator(".actions li").count() == 2
        assert_accessible(page)
        assert_no_horizontal_scroll(page)
    page.goto(f"/es/campaigns/{campaign.slug}/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Proteger")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

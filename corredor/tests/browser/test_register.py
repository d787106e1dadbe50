"""The public register, a petition's page and the accountability page, in a real browser on a
phone-sized screen, checked with axe-core for WCAG 2.1 A and AA."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from corredor.petitions.importer import import_cases
from corredor.tests.browser.test_site import assert_accessible, assert_no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DATA = Path(settings.BASE_DIR) / "corredor" / "petitions" / "data"


@pytest.fixture
def cases() -> None:
    result = import_cases(DATA / "cases.csv", DATA / "case_events.csv", DATA / "case_texts.toml")
    assert result.errors == []


def test_the_register_filters_without_javascript_and_stays_accessible(
    page: Any, cases: None
) -> None:
    page.goto("/es/petitions/")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    page.locator("summary").click()
    page.locator("#id_office").select_option("mx-nao")
    page.locator("form[role=search] button[type=submit]").click()
    assert "office=mx-nao" in page.url
    titles = page.locator(".register-title").all_inner_texts()
    assert len(titles) == 5
    assert_accessible(page)


def test_a_petition_page_shows_its_timeline(page: Any, cases: None) -> None:
    page.goto("/fr/petitions/rrm-tecnologia-modificada/")
    assert page.locator(".timeline-late").count() >= 1
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_the_accountability_page_has_a_chart_and_its_table(page: Any, cases: None) -> None:
    page.goto("/en/accountability/")
    assert page.locator("svg.bar-chart").is_visible()
    assert page.locator("table caption").is_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

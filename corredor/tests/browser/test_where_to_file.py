"""The "Where to file?" helper in a real browser on a phone-sized screen, without JavaScript
of its own: answer the questions, read the offices, and pass axe-core (WCAG 2.1 A and AA)."""

from __future__ import annotations

from typing import Any

import pytest

from corredor.tests.browser.test_site import assert_accessible, assert_no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_answers_the_questions_and_reads_where_to_file(page: Any) -> None:
    page.goto("/es/where-to-file/")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    page.locator("#id_country_1").check()  # Mexico
    page.locator("#id_scope_0").check()  # one workplace
    page.locator("#id_rights_0").check()  # freedom of association
    page.locator("form.stack button[type=submit]").click()
    assert "country=MX" in page.url
    assert page.locator(".route").count() >= 4
    assert page.locator(".route:not(.route-excluded)").count() == 4
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_a_bad_date_is_shown_next_to_its_field(page: Any) -> None:
    page.goto("/en/where-to-file/?country=US&scope=system&on=1993-06-01")
    assert page.locator("#id_on_error").is_visible()
    assert page.locator(".route").count() == 0
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

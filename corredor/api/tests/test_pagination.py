"""Every list of the API pages with a bounded limit and offset, for anonymous callers too."""

from __future__ import annotations

import pytest
from django.test import Client

from corredor.api.pagination import LARGEST, MAX_LIMIT

LISTS = ["/api/v1/petitions", "/api/v1/letters"]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", LISTS)
def test_a_page_may_hold_up_to_the_largest_limit(url: str) -> None:
    assert Client().get(f"{url}?limit={MAX_LIMIT}").status_code == 200


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("limit", [MAX_LIMIT + 1, LARGEST])
def test_a_larger_limit_is_refused_with_an_error_on_limit(url: str, limit: int) -> None:
    response = Client().get(f"{url}?limit={limit}")
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "limit": [f"Ensure this value is less than or equal to {MAX_LIMIT}."]
    }


@pytest.mark.parametrize("url", LISTS)
def test_the_offset_keeps_its_bound(url: str) -> None:
    assert Client().get(f"{url}?offset={LARGEST}").status_code == 200
    assert Client().get(f"{url}?offset={LARGEST + 1}").status_code == 422

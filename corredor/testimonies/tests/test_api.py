"""API v1 for testimonies: a token reads only its owner's organizations' active testimonies,
redacted for members and viewers, in full with the identity for admins and staff, each such
read written to the access log."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from corredor.accounts import actions as accounts
from corredor.conftest import make_user
from corredor.testimonies import actions
from corredor.testimonies.models import AccessEntry
from corredor.testimonies.tests.conftest import WORKER_EMAIL, WORKER_NAME, WORKER_PHONE, give


def bearer(user) -> dict[str, str]:
    _token, raw = accounts.create_api_token(user, "tests")
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def testimonies(alfa, beta):
    ours = [give(alfa, "anonymous_use").testimony, give(alfa, "contact").testimony]
    withdrawn = give(alfa)
    actions.withdraw(withdrawn.testimony, ["keep"])
    theirs = give(beta, "share").testimony
    return {"ours": ours, "withdrawn": withdrawn.testimony, "theirs": theirs}


def test_a_members_token_lists_the_organizations_active_testimonies_redacted(
    testimonies, alfa, bob, bob_as
) -> None:
    bob_as("member")
    response = Client().get("/api/v1/testimonies", headers=bearer(bob))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    pseudonyms = [item["pseudonym"] for item in body["items"]]
    assert sorted(pseudonyms) == sorted(t.pseudonym for t in testimonies["ours"])
    for item in body["items"]:
        assert item["organization"] == "centro-alfa"
        assert item["redacted"] is True
        assert item["identity"] is None
        assert "[PHONE]" in item["text"]
        assert WORKER_NAME not in response.content.decode()
        assert WORKER_PHONE not in response.content.decode()
        assert WORKER_EMAIL not in response.content.decode()
    assert AccessEntry.objects.count() == 0


def test_a_staff_token_reads_the_full_account_and_each_read_is_logged(
    testimonies, bob, bob_as
) -> None:
    bob_as("staff")
    response = Client().get("/api/v1/testimonies", headers=bearer(bob))
    body = response.json()
    assert body["count"] == 2
    for item in body["items"]:
        assert item["redacted"] is False
        assert item["identity"] == {
            "name": WORKER_NAME,
            "phone": WORKER_PHONE,
            "whatsapp": "",
            "email": WORKER_EMAIL,
        }
        assert "pasaportes" in item["text"]
        assert item["program"] == "H-2A" and item["abuses"]
    consents = {item["pseudonym"]: item["consents"] for item in body["items"]}
    assert consents[testimonies["ours"][0].pseudonym] == ["anonymous_use", "keep"]
    assert consents[testimonies["ours"][1].pseudonym] == ["contact", "keep"]
    entries = AccessEntry.objects.all()
    assert sorted(e.pseudonym for e in entries) == sorted(t.pseudonym for t in testimonies["ours"])
    assert {(e.user, e.action) for e in entries} == {(bob, "export")}


def test_only_the_page_returned_is_logged(testimonies, alice) -> None:
    response = Client().get("/api/v1/testimonies?limit=1", headers=bearer(alice))
    assert response.json()["count"] == 2
    assert len(response.json()["items"]) == 1
    assert AccessEntry.objects.count() == 1


def test_the_list_costs_the_same_queries_for_many_testimonies_and_logs_each_one(
    alfa, alice
) -> None:
    headers = bearer(alice)
    client = Client()
    give(alfa, "contact")
    with CaptureQueriesContext(connection) as few:
        assert len(client.get("/api/v1/testimonies", headers=headers).json()["items"]) == 1
    for _ in range(4):
        give(alfa, "anonymous_use")
    earlier = list(AccessEntry.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as many:
        items = client.get("/api/v1/testimonies", headers=headers).json()["items"]
    assert len(items) == 5
    assert len(many) == len(few)
    entries = AccessEntry.objects.exclude(pk__in=earlier)
    assert sorted(e.pseudonym for e in entries) == sorted(item["pseudonym"] for item in items)
    assert {(e.user, e.action, e.organization) for e in entries} == {(alice, "export", alfa)}


def test_one_testimony_reads_like_an_item_of_the_list(testimonies, alice) -> None:
    testimony = testimonies["ours"][0]
    response = Client().get(f"/api/v1/testimonies/{testimony.pseudonym}", headers=bearer(alice))
    assert response.status_code == 200
    assert response.json()["pseudonym"] == testimony.pseudonym
    assert response.json()["identity"]["name"] == WORKER_NAME
    (entry,) = AccessEntry.objects.all()
    assert entry.action == "export"


def test_another_organizations_testimony_is_not_found(testimonies, alice) -> None:
    theirs = testimonies["theirs"]  # even shared with partners: the API is the owner's
    response = Client().get(f"/api/v1/testimonies/{theirs.pseudonym}", headers=bearer(alice))
    assert response.status_code == 404
    listed = Client().get("/api/v1/testimonies", headers=bearer(alice)).json()["items"]
    assert theirs.pseudonym not in [item["pseudonym"] for item in listed]


def test_a_withdrawn_testimony_is_not_found(testimonies, alice) -> None:
    withdrawn = testimonies["withdrawn"]
    response = Client().get(f"/api/v1/testimonies/{withdrawn.pseudonym}", headers=bearer(alice))
    assert response.status_code == 404


def test_the_organization_filter_narrows_to_one_of_yours(testimonies, alice, beta) -> None:
    client = Client()
    mine = client.get("/api/v1/testimonies?organization=centro-alfa", headers=bearer(alice))
    assert mine.json()["count"] == 2
    other = client.get("/api/v1/testimonies?organization=union-beta", headers=bearer(alice))
    assert other.json() == {"count": 0, "items": []}


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer corr_not-a-real-token"}])
def test_without_a_valid_token_the_api_answers_401(testimonies, headers) -> None:
    assert Client().get("/api/v1/testimonies", headers=headers).status_code == 401
    pseudonym = testimonies["ours"][0].pseudonym
    assert Client().get(f"/api/v1/testimonies/{pseudonym}", headers=headers).status_code == 401


def test_a_revoked_token_answers_401(testimonies, alice) -> None:
    token, raw = accounts.create_api_token(alice, "tests")
    accounts.revoke_api_token(token, alice)
    response = Client().get("/api/v1/testimonies", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("offset=-1", "offset"),
        ("limit=many", "limit"),
        # Found by the fuzzer: these reached the database and came back as server errors.
        ("offset=100000000000000000000", "offset"),
        ("offset=9223372036854775807", "offset"),
        ("organization=%00", "organization"),
    ],
)
def test_a_page_out_of_range_answers_422_per_field(testimonies, alice, query, field) -> None:
    response = Client().get(f"/api/v1/testimonies?{query}", headers=bearer(alice))
    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert AccessEntry.objects.count() == 0


def test_a_pseudonym_with_a_nul_character_is_not_found(testimonies, alice) -> None:
    """Found by the fuzzer: PostgreSQL refused the NUL with a server error."""
    response = Client().get("/api/v1/testimonies/%00", headers=bearer(alice))
    assert response.status_code == 404


def test_a_user_in_no_organization_lists_nothing(testimonies, db) -> None:
    loner = make_user("loner@example.org")
    response = Client().get("/api/v1/testimonies", headers=bearer(loner))
    assert response.json() == {"count": 0, "items": []}

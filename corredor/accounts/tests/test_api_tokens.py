from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from corredor.accounts import actions
from corredor.accounts.choices import Role, TokenScope
from corredor.accounts.models import ApiToken
from corredor.api.api import TokenAuth
from corredor.conftest import join, signed_in_client


def test_a_new_token_is_shown_once_and_stored_only_as_a_hash(alfa, bob) -> None:
    join(alfa, bob, Role.MEMBER)
    client = signed_in_client(bob)
    response = client.post(
        reverse("accounts:api_tokens"), {"name": "reports script", "scope": "read"}
    )
    assert response.status_code == 302
    page = client.get(reverse("accounts:api_tokens")).content.decode()
    token = ApiToken.objects.get()
    raw = page.split('id="new-token">', 1)[1].split("<", 1)[0]
    assert raw.startswith("corr_")
    assert raw not in (token.key_hash, token.prefix)
    assert raw not in client.get(reverse("accounts:api_tokens")).content.decode()


def test_the_api_knows_the_tokens_owner_and_organizations(alfa, bob, client) -> None:
    join(alfa, bob, Role.VIEWER)
    _token, raw = actions.create_api_token(bob, "test")
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == bob.email
    assert body["organizations"] == [
        {
            "slug": "centro-alfa",
            "name": "Centro Alfa",
            "country": "MX",
            "kind": "worker_center",
            "verified": False,
            "role": "viewer",
        }
    ]
    assert ApiToken.objects.get().last_used_at is not None


def test_a_revoked_token_stops_working(alfa, bob, client) -> None:
    token, raw = actions.create_api_token(bob, "test")
    signed_in_client(bob).post(reverse("accounts:api_token_revoke", args=[token.uuid]))
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 401


@pytest.mark.parametrize("header", ["", "Bearer nonsense", "Bearer corr_forged", "Basic abc"])
def test_a_missing_or_unknown_token_gets_401(client, db, header) -> None:
    headers = {"Authorization": header} if header else {}
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_a_read_token_cannot_write_and_a_write_token_can(bob) -> None:
    _read, read_raw = actions.create_api_token(bob, "read", TokenScope.READ)
    _write, write_raw = actions.create_api_token(bob, "write", TokenScope.WRITE)
    auth = TokenAuth()
    post = RequestFactory().post("/api/v1/anything")
    get = RequestFactory().get("/api/v1/anything")
    assert auth.authenticate(get, read_raw) == bob
    assert auth.authenticate(post, read_raw) is None
    assert auth.authenticate(post, write_raw) == bob


def test_nobody_can_revoke_someone_elses_token(bob, charlie) -> None:
    token, _raw = actions.create_api_token(bob, "test")
    response = signed_in_client(charlie).post(
        reverse("accounts:api_token_revoke", args=[token.uuid])
    )
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None

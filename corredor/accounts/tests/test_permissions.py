"""Every role against every organization page, and an outsider who must learn nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from corredor.accounts.choices import Role
from corredor.accounts.permissions import (
    ROLE_PERMISSIONS,
    ROLES_REQUIRING_2FA,
    Perm,
    role_allows,
)
from corredor.conftest import signed_in_client

ALL_ROLES = [Role.ADMIN, Role.STAFF, Role.MEMBER, Role.VIEWER]


@pytest.mark.parametrize(
    ("role", "perm", "allowed"),
    [
        (Role.ADMIN, Perm.MANAGE_MEMBERS, True),
        (Role.ADMIN, Perm.VIEW_IDENTITIES, True),
        (Role.STAFF, Perm.VIEW_IDENTITIES, True),
        (Role.STAFF, Perm.EDIT, True),
        (Role.STAFF, Perm.MANAGE_MEMBERS, False),
        (Role.STAFF, Perm.MANAGE_SETTINGS, False),
        (Role.MEMBER, Perm.EDIT, True),
        (Role.MEMBER, Perm.VIEW_IDENTITIES, False),
        (Role.MEMBER, Perm.MANAGE_MEMBERS, False),
        (Role.VIEWER, Perm.VIEW, True),
        (Role.VIEWER, Perm.EDIT, False),
        (Role.VIEWER, Perm.VIEW_IDENTITIES, False),
        ("unknown-role", Perm.VIEW, False),
    ],
)
def test_each_role_grants_exactly_its_permissions(role: str, perm: Perm, allowed: bool) -> None:
    assert role_allows(role, perm) is allowed


def test_only_roles_that_can_see_worker_identities_need_a_second_factor() -> None:
    identity_roles = {
        role for role, perms in ROLE_PERMISSIONS.items() if Perm.VIEW_IDENTITIES in perms
    }
    assert identity_roles == set(ROLES_REQUIRING_2FA)


PAGES = [
    # (url name, extra args, roles allowed)
    ("accounts:organization", [], ALL_ROLES),
    ("accounts:organization_settings", [], [Role.ADMIN]),
    ("accounts:member_invite", [], [Role.ADMIN]),
]


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize(("name", "extra", "allowed_roles"), PAGES)
def test_organization_pages_follow_the_role_rules(
    bob_as, alfa, role: str, name: str, extra: list[str], allowed_roles: list[str]
) -> None:
    client = bob_as(role)
    response = client.get(reverse(name, args=[alfa.slug, *extra]))
    assert response.status_code == (200 if role in allowed_roles else 403)


@pytest.mark.parametrize(("name", "extra", "allowed_roles"), PAGES)
def test_a_user_of_another_organization_gets_404_on_every_page(
    alfa, beta, charlie, name: str, extra: list[str], allowed_roles: list[str]
) -> None:
    client = signed_in_client(charlie)
    response = client.get(reverse(name, args=[alfa.slug, *extra]))
    assert response.status_code == 404
    assert "Centro Alfa" not in response.content.decode()


def test_an_outsider_cannot_change_a_member_or_withdraw_an_invitation(
    alfa, alice, beta, charlie
) -> None:
    client = signed_in_client(charlie)
    edit = reverse("accounts:member_edit", args=[alfa.slug, alice.uuid])
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"role": Role.VIEWER}).status_code == 404
    assert alfa.memberships.get(user=alice).role == Role.ADMIN


def test_an_anonymous_visitor_is_sent_to_sign_in(alfa, client) -> None:
    url = reverse("accounts:organization", args=[alfa.slug])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_nonexistent_organization_looks_like_a_hidden_one(beta, charlie) -> None:
    client = signed_in_client(charlie)
    assert client.get(reverse("accounts:organization", args=["no-such-org"])).status_code == 404


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_admins_see_member_management_and_pending_invitations(bob_as, alfa, role) -> None:
    client = bob_as(role)
    page = client.get(reverse("accounts:organization", args=[alfa.slug])).content.decode()
    invite_url = reverse("accounts:member_invite", args=[alfa.slug])
    assert (invite_url in page) is (role == Role.ADMIN)

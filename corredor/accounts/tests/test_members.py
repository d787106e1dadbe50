from __future__ import annotations

import pytest
from django.urls import reverse

from corredor.accounts import actions
from corredor.accounts.choices import Role
from corredor.accounts.models import AuditEntry, Membership, Organization
from corredor.conftest import join, make_user, signed_in_client


def edit_url(organization, user) -> str:
    return reverse("accounts:member_edit", args=[organization.slug, user.uuid])


def test_an_admin_changes_a_members_role_and_it_is_audited(alfa, alice, bob) -> None:
    join(alfa, bob, Role.MEMBER)
    response = signed_in_client(alice).post(edit_url(alfa, bob), {"role": Role.STAFF})
    assert response.status_code == 302
    assert Membership.objects.get(user=bob, organization=alfa).role == Role.STAFF
    entry = AuditEntry.objects.get(action="membership.change_role")
    assert entry.metadata == {"old": Role.MEMBER, "new": Role.STAFF}
    assert entry.actor == alice


def test_an_admin_removes_a_member(alfa, alice, bob) -> None:
    join(alfa, bob, Role.VIEWER)
    signed_in_client(alice).post(edit_url(alfa, bob), {"remove": "1"})
    assert not Membership.objects.filter(user=bob, organization=alfa).exists()


def test_the_last_admin_cannot_step_down(alfa, alice) -> None:
    response = signed_in_client(alice).post(edit_url(alfa, alice), {"role": Role.MEMBER})
    assert response.status_code == 200
    assert "at least one admin" in response.content.decode()
    assert Membership.objects.get(user=alice, organization=alfa).role == Role.ADMIN


def test_the_last_admin_cannot_be_removed(alfa, alice) -> None:
    signed_in_client(alice).post(edit_url(alfa, alice), {"remove": "1"})
    assert Membership.objects.filter(user=alice, organization=alfa, role=Role.ADMIN).exists()


def test_an_admin_may_step_down_once_another_admin_exists(alfa, alice, bob) -> None:
    join(alfa, bob, Role.ADMIN)
    actions.change_role(Membership.objects.get(user=alice, organization=alfa), Role.VIEWER, alice)
    assert Membership.objects.get(user=alice, organization=alfa).role == Role.VIEWER


@pytest.mark.parametrize("role", [Role.STAFF, Role.MEMBER, Role.VIEWER])
def test_only_admins_manage_members(bob_as, alfa, alice, role) -> None:
    client = bob_as(role)
    assert client.post(edit_url(alfa, alice), {"role": Role.VIEWER}).status_code == 403
    assert Membership.objects.get(user=alice, organization=alfa).role == Role.ADMIN


def test_an_unknown_role_is_refused(alfa, alice, bob) -> None:
    join(alfa, bob, Role.MEMBER)
    response = signed_in_client(alice).post(edit_url(alfa, bob), {"role": "owner"})
    assert response.status_code == 200
    assert response.context["form"].errors["role"]
    assert Membership.objects.get(user=bob, organization=alfa).role == Role.MEMBER


def test_a_signed_in_user_registers_an_organization_and_becomes_its_admin(bob) -> None:
    client = signed_in_client(bob)
    response = client.post(
        reverse("accounts:organization_create"),
        {"name": "Centro Gamma", "slug": "centro-gamma", "country": "US", "kind": "union"},
    )
    assert response.status_code == 302
    gamma = Organization.objects.get(slug="centro-gamma")
    assert gamma.verified is False
    assert Membership.objects.get(user=bob, organization=gamma).role == Role.ADMIN


def test_a_taken_short_name_is_refused(alfa, bob) -> None:
    response = signed_in_client(bob).post(
        reverse("accounts:organization_create"),
        {"name": "Other", "slug": "centro-alfa", "country": "US", "kind": "union"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["slug"]


def test_an_admin_edits_the_organizations_details(alfa, alice) -> None:
    response = signed_in_client(alice).post(
        reverse("accounts:organization_settings", args=[alfa.slug]),
        {
            "name": "Centro Alfa de Trabajadores",
            "country": "MX",
            "kind": "ngo",
            "website": "",
            "testimony_retention_days": "730",
        },
    )
    assert response.status_code == 302
    alfa.refresh_from_db()
    assert alfa.name == "Centro Alfa de Trabajadores"
    assert alfa.slug == "centro-alfa"
    assert alfa.testimony_retention_days == 730


def test_the_retention_period_has_bounds(alfa, alice) -> None:
    response = signed_in_client(alice).post(
        reverse("accounts:organization_settings", args=[alfa.slug]),
        {"name": "Centro Alfa", "country": "MX", "kind": "ngo", "testimony_retention_days": "5"},
    )
    assert response.status_code == 200
    assert "between 30 days and 10 years" in response.content.decode()
    alfa.refresh_from_db()
    assert alfa.testimony_retention_days == 1095


def test_the_member_list_costs_a_fixed_number_of_queries(
    alfa, alice, django_assert_max_num_queries
) -> None:
    for i in range(8):
        join(alfa, make_user(f"m{i}@alfa.example"), Role.MEMBER)
    client = signed_in_client(alice)
    with django_assert_max_num_queries(12):
        client.get(reverse("accounts:organization", args=[alfa.slug]))

"""The public demonstration data: an organization with one local account per role.

For local use only (the accounts share a published password); `corredor loaddemo`
refuses to run under the production profile.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from corredor.accounts.choices import Country, OrganizationKind, Role
from corredor.accounts.models import Membership, Organization, User

DEMO_PASSWORD = "corredor-demo"  # noqa: S105 (published on purpose, local demo only)
DEMO_ORGANIZATION_SLUG = "demo"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str
    language: str


DEMO_ACCOUNTS = (
    DemoAccount("admin@demo.example", "Alicia Admin", Role.ADMIN, "es"),
    DemoAccount("staff@demo.example", "Sam Staff", Role.STAFF, "en"),
    DemoAccount("member@demo.example", "Marie Membre", Role.MEMBER, "fr"),
    DemoAccount("viewer@demo.example", "Víctor Viewer", Role.VIEWER, "es"),
)


@transaction.atomic
def load_demo() -> Organization:
    """Create or refresh the demonstration organization and its accounts (idempotent)."""
    organization, _created = Organization.objects.update_or_create(
        slug=DEMO_ORGANIZATION_SLUG,
        defaults={
            "name": "Centro de Demostración / Demonstration Worker Center",
            "country": Country.MX,
            "kind": OrganizationKind.WORKER_CENTER,
            "verified": False,
        },
    )
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(email=account.email).first()
        if user is None:
            user = User.objects.create_user(
                account.email,
                DEMO_PASSWORD,
                full_name=account.full_name,
                language=account.language,
            )
        Membership.objects.update_or_create(
            user=user, organization=organization, defaults={"role": account.role}
        )
    return organization

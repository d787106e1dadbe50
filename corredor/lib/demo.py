"""The public demonstration data: an organization with one local account per role.

For local use only (the accounts share a published password); `corredor loaddemo`
refuses to run under the production profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from corredor.accounts.choices import Country, OrganizationKind, Role
from corredor.accounts.models import Membership, Organization, User
from corredor.campaigns.demo import load_demo_campaign
from corredor.petitions.actions import create_petition
from corredor.petitions.choices import Visibility
from corredor.petitions.demo import load_demo_draft
from corredor.petitions.models import Petition
from corredor.signons.demo import load_demo_letter
from corredor.testimonies.demo import load_demo_testimonies

DEMO_PASSWORD = "corredor-demo"  # noqa: S105 (published on purpose, local demo only)
DEMO_ORGANIZATION_SLUG = "demo"
DEMO_PETITION = "DEMO 2026-1"


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
    if not Petition.objects.filter(reference=DEMO_PETITION).exists():
        _demo_petition(organization)
    load_demo_campaign(organization)
    load_demo_letter(organization)
    load_demo_testimonies(organization)
    load_demo_draft(organization, User.objects.get(email=DEMO_ACCOUNTS[0].email))
    return organization


def _demo_petition(organization: Organization) -> Petition:
    """An internal petition filed twelve days ago, so that a deadline is running in the demo."""
    admin = User.objects.get(email=DEMO_ACCOUNTS[0].email)
    return create_petition(
        actor=admin,
        organization=organization,
        filed_on=timezone.localdate() - timedelta(days=12),
        reference=DEMO_PETITION,
        mechanism="usmca-23.11",
        office="us-otla",
        against_country="MX",
        principles=["23.3", "23.8"],
        title_en="Demonstration: farmworkers denied overtime pay (fictitious)",
        title_es="Demostración: jornaleros sin pago de horas extra (ficticio)",
        title_fr="Démonstration : heures supplémentaires non payées à des ouvriers agricoles "
        "(fictif)",
        summary_en="A fictitious internal petition to try Corredor's deadline tracking.",
        summary_es="Una petición interna ficticia para probar el seguimiento de plazos de "
        "Corredor.",
        summary_fr="Une plainte interne fictive pour essayer le suivi des délais de Corredor.",
        petitioners="Centro de Demostración; 12 workers",
        visibility=Visibility.INTERNAL,
    )

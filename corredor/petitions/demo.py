"""A demonstration draft, so that a newcomer to the local demo finds a petition being
written: sections in Spanish (authoritative) and English, one translation out of date, a
comment, and the demonstration letter's signatories as an exhibit. Fictitious, and so
labelled."""

from __future__ import annotations

from django.db import transaction

from corredor.accounts.models import Organization, User
from corredor.petitions import drafting
from corredor.petitions.models import Draft

DEMO_DRAFT = "DEMO borrador 2026-2"

FACTS_ES = (
    "Ficticio, para demostración. En la temporada 2026, 40 jornaleros con visas H-2A "
    "pagaron cuotas de reclutamiento de entre 6,000 y 9,000 pesos en Sinaloa. Al llegar, "
    "el empleador retuvo sus pasaportes durante toda la temporada."
)
FACTS_EN = (
    "Fictitious, for demonstration. In the 2026 season, 40 farmworkers on H-2A visas paid "
    "recruitment fees of 6,000 to 9,000 pesos in Sinaloa."  # behind the Spanish: needs update
)
OBLIGATIONS_ES = (
    "Artículo 23.3 (derechos laborales) y artículo 23.8 (trabajadores migrantes) del T-MEC: "
    "México no ha hecho cumplir la prohibición de cobrar cuotas de reclutamiento."
)


@transaction.atomic
def load_demo_draft(organization: Organization, author: User) -> Draft | None:
    if Draft.objects.filter(reference=DEMO_DRAFT).exists():
        return None
    draft = drafting.create_draft(
        actor=author,
        organization=organization,
        reference=DEMO_DRAFT,
        mechanism="usmca-23.11",
        office="us-otla",
        against_country="MX",
        principles=["23.3", "23.8"],
        authoritative_language="es",
        title_es="Demostración: cuotas de reclutamiento a jornaleros H-2A (ficticio)",
        title_en="Demonstration: recruitment fees charged to H-2A farmworkers (fictitious)",
        petitioners="Centro de Demostración",
    )
    drafting.save_section(draft, actor=author, section="facts", language="en", text=FACTS_EN)
    drafting.save_section(draft, actor=author, section="facts", language="es", text=FACTS_ES)
    drafting.save_section(
        draft, actor=author, section="obligations", language="es", text=OBLIGATIONS_ES
    )
    drafting.comment(
        draft,
        actor=author,
        section="facts",
        body="¿Tenemos los recibos de las cuotas? Podrían ser anexos.",
    )
    from corredor.signons.models import Letter

    letter = Letter.objects.filter(organization=organization).first()
    if letter is not None:
        drafting.add_letter(draft, actor=author, letter=letter, title=letter.title_es)
    return draft

"""Fictitious testimonies for the local demonstration, so that a newcomer sees the staff views,
the redaction and the statistics. Every name, number and place here is invented."""

from __future__ import annotations

from django.db import transaction

from corredor.accounts.models import Organization
from corredor.testimonies import actions
from corredor.testimonies.choices import Channel, Consent

NARRATIVES = [
    (
        "Ana Demo Ejemplo",
        "Soy Ana Demo Ejemplo. El reclutador en Culiacán me cobró 9,000 pesos "
        "por la visa. Mi celular es 667 123 4567.",
        ["recruitment_fees", "debt"],
    ),
    (
        "Beto Ficticio Ruiz",
        "Me llamo Beto Ficticio Ruiz. Nos prometieron 15 dólares la hora y "
        "nos pagaron 9. Correo: beto.ficticio@example.com",
        ["recruitment_fees", "wage_theft"],
    ),
    (
        "Carla Inventada Sol",
        "Carla Inventada Sol. Pagué al reclutador y al llegar el patrón "
        "guardó nuestros pasaportes.",
        ["recruitment_fees", "confiscated_documents"],
    ),
    (
        "Dario Prueba Luna",
        "I am Dario Prueba Luna. The recruiter charged each of us 500 dollars "
        "and the housing had no heat.",
        ["recruitment_fees", "unsafe_housing"],
    ),
    (
        "Elena Muestra Paz",
        "Elena Muestra Paz. Me cobraron por el transporte y el examen médico; "
        "las mujeres solo podíamos empacar.",
        ["recruitment_fees", "sex_discrimination"],
    ),
    (
        "Félix Ensayo Mar",
        "Félix Ensayo Mar, teléfono +52 55 1234 5678. Cobro de reclutamiento "
        "y amenazas de no volver a contratarnos.",
        ["recruitment_fees", "retaliation"],
    ),
]


@transaction.atomic
def load_demo_testimonies(organization: Organization) -> int:
    """Six fictitious accounts, once (a second run adds nothing)."""
    if organization.testimonies.exists():
        return 0
    for name, narrative, abuses in NARRATIVES:
        actions.take_testimony(
            organization,
            {
                "narrative": narrative,
                "happened_when": "2023",
                "year": 2023,
                "place": "Demo County",
                "program": "H-2A",
                "origin": "MX",
                "industry": "agriculture",
                "employer": "Demo Farms (fictitious)",
                "recruiter": "Demo Recruiting (fictitious)",
                "abuses": abuses,
                "name": name,
                "preferred_language": "es",
            },
            consents={Consent.KEEP: True, Consent.ANONYMOUS_USE: True},
            language="es",
            channel=Channel.WEB,
        )
    return len(NARRATIVES)

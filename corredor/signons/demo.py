"""An open demonstration letter, so that a newcomer to the local demo can sign one and see
the confirmation email arrive under var/mail/. Fictitious, and labelled so."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from corredor.accounts.models import Organization
from corredor.petitions.choices import Visibility
from corredor.signons.choices import WhoMaySign
from corredor.signons.models import Letter

DEMO_LETTER = "demo-fair-recruitment"

TEXT = {
    "title_en": "Demonstration letter: end recruitment fees for migrant workers",
    "title_es": "Carta de demostración: que se acaben las cuotas de reclutamiento a "
    "trabajadores migrantes",
    "title_fr": "Lettre de démonstration : en finir avec les frais de recrutement imposés aux "
    "travailleurs migrants",
    "body_en": (
        "This is a demonstration letter for trying Corredor: sign it to see how confirmation "
        "works. It is not sent to anyone.\n\n"
        "We, organizations and people of the United States, Mexico and Canada, ask our "
        "governments to make sure that no worker recruited for a temporary visa program pays "
        "a fee to get a job, that every worker receives a written contract in their own "
        "language before leaving home, and that recruiters who break these rules answer for "
        "it in all three countries.\n\n"
        "Trade agreements promise that labor laws will be enforced. Workers who cross borders "
        "to harvest our food and build our homes deserve that promise too."
    ),
    "body_es": (
        "Esta es una carta de demostración para probar Corredor: fírmela para ver cómo "
        "funciona la confirmación. No se envía a nadie.\n\n"
        "Nosotras y nosotros, organizaciones y personas de Estados Unidos, México y Canadá, "
        "pedimos a nuestros gobiernos que ninguna persona reclutada para un programa de visas "
        "temporales pague una cuota para obtener un empleo, que cada trabajador reciba un "
        "contrato por escrito en su idioma antes de salir de su casa, y que los reclutadores "
        "que violen estas reglas respondan por ello en los tres países.\n\n"
        "Los tratados comerciales prometen que las leyes laborales se harán cumplir. Quienes "
        "cruzan fronteras para cosechar nuestros alimentos y construir nuestras casas también "
        "merecen esa promesa."
    ),
    "body_fr": (
        "Ceci est une lettre de démonstration pour essayer Corredor : signez-la pour voir "
        "comment fonctionne la confirmation. Elle n'est envoyée à personne.\n\n"
        "Nous, organisations et personnes des États-Unis, du Mexique et du Canada, demandons "
        "à nos gouvernements de veiller à ce qu'aucun travailleur recruté pour un programme "
        "de visas temporaires ne paie de frais pour obtenir un emploi, que chaque travailleur "
        "reçoive un contrat écrit dans sa langue avant de quitter son pays, et que les "
        "recruteurs qui enfreignent ces règles en répondent dans les trois pays.\n\n"
        "Les accords commerciaux promettent que les lois du travail seront appliquées. Celles "
        "et ceux qui traversent les frontières pour récolter nos aliments et bâtir nos "
        "maisons méritent aussi cette promesse."
    ),
}


@transaction.atomic
def load_demo_letter(organization: Organization) -> Letter:
    """Create the demonstration letter, or keep it open for another 60 days (idempotent)."""
    today = timezone.localdate()
    letter, _created = Letter.objects.update_or_create(
        slug=DEMO_LETTER,
        defaults={
            **TEXT,
            "organization": organization,
            "recipients": "Demonstration recipient (nobody receives this letter)",
            "who_may_sign": WhoMaySign.BOTH,
            "asks_title": True,
            "opens_on": today - timedelta(days=7),
            "closes_on": today + timedelta(days=60),
            "visibility": Visibility.PUBLIC,
        },
    )
    return letter

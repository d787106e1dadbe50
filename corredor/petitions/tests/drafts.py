"""Drafts made the way people make them: through the drafting actions."""

from __future__ import annotations

from typing import Any

from corredor.accounts.models import Organization, User
from corredor.petitions import drafting
from corredor.petitions.models import Draft
from corredor.testimonies import actions as testimony_actions
from corredor.testimonies.choices import Channel, Consent
from corredor.testimonies.models import Testimony

FACILITY = "Planta Ejemplo, S.A. de C.V., Silao, Guanajuato."
FACTS = "The company dismissed twelve workers after they met with an independent union."


def start_draft(actor: User, organization: Organization, **fields: Any) -> Draft:
    """A Rapid Response petition to the US committee about a Mexican facility: it needs the
    facility, the facts and evidence (exhibits can stand for the evidence section)."""
    values: dict[str, Any] = {
        "reference": "RRM Planta Ejemplo",
        "mechanism": "usmca-rrm",
        "office": "us-ilc",
        "against_country": "MX",
        "authoritative_language": "en",
        "title_en": "Dismissals at Planta Ejemplo",
        "title_es": "Despidos en Planta Ejemplo",
        "petitioners": "Centro Alfa",
    }
    values.update(fields)
    return drafting.create_draft(actor=actor, organization=organization, **values)


def complete_draft(actor: User, organization: Organization, **fields: Any) -> Draft:
    """A draft that passes the completeness check."""
    draft = start_draft(actor, organization, **fields)
    language = draft.authoritative_language
    drafting.save_section(draft, actor=actor, section="facility", language=language, text=FACILITY)
    drafting.save_section(draft, actor=actor, section="facts", language=language, text=FACTS)
    drafting.save_section(
        draft, actor=actor, section="evidence", language=language, text="Statements of 12 workers."
    )
    draft.refresh_from_db()
    return draft


def phone_testimony(organization: Organization) -> Testimony:
    """A testimony taken by phone whose worker, Rosa Quintero, lets it be used without her
    name: an excerpt of it may be an exhibit, redacted."""
    return testimony_actions.take_testimony(
        organization,
        {"narrative": "Nos despidieron.", "name": "Rosa Quintero"},
        consents={Consent.KEEP: True, Consent.ANONYMOUS_USE: True},
        language="es",
        channel=Channel.PHONE,
    ).testimony

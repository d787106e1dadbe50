from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import time_machine
from django.conf import settings

from corredor.campaigns import actions
from corredor.campaigns.models import Action, Campaign
from corredor.petitions.choices import Visibility
from corredor.petitions.importer import import_cases

DATA = Path(settings.BASE_DIR) / "corredor" / "petitions" / "data"
TODAY = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def cases(db) -> None:
    result = import_cases(DATA / "cases.csv", DATA / "case_events.csv", DATA / "case_texts.toml")
    assert result.errors == []


def make_campaign(
    organization, slug="alfa-campaign", visibility=Visibility.PUBLIC, **extra
) -> Campaign:
    campaign = Campaign(
        organization=organization,
        slug=slug,
        title_en="Protect migrant workers",
        title_es="Proteger a las personas trabajadoras migrantes",
        title_fr="Protéger les travailleurs et travailleuses migrants",
        summary_en="A coalition campaign.",
        visibility=visibility,
        **extra,
    )
    return actions.save_campaign(
        campaign, actor=None, members=[("Centro Alfa", "MX"), ("Allies United", "US")], petitions=[]
    )


def add_action(campaign, on=date(2017, 6, 12), kind="comments_submitted", **extra) -> Action:
    fields = {
        "title_en": "Comments to the trade office",
        "title_es": "Comentarios",
        "title_fr": "Commentaires",
    }
    fields.update(extra)
    return actions.save_action(Action(campaign=campaign, date=on, type=kind, **fields), actor=None)

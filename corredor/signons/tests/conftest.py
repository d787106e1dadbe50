"""Fixtures for sign-on letters: an open letter of Centro Alfa's, and a way to run the
background worker the way `corredor worker` does, until the queue is empty."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any
from unittest.mock import patch

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker

from corredor.accounts.models import Organization
from corredor.petitions.choices import Visibility
from corredor.signons.choices import WhoMaySign
from corredor.signons.models import Letter, Signature

TODAY = date(2026, 11, 24)


def run_tasks() -> None:
    """Run every task that is due now, as the worker would, then return.

    The worker closes old database connections between tasks; inside a test's transaction
    that would close the test's own connection, so that step alone is left out here."""
    with patch.object(db_worker, "close_old_connections", lambda: None):
        _worker().run()


def _worker() -> Worker:
    return Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )


def link_in(message: Any, name: str) -> str:
    """The path and query of the confirm or not-me link in an email."""
    match = re.search(rf"https?://[^/\s]+(/\S*/{name}/\?token=[\w-]+)", message.body)
    assert match, message.body
    return match.group(1)


def make_letter(organization: Organization, **fields: Any) -> Letter:
    values = {
        "slug": "fair-recruitment",
        "organization": organization,
        "title_en": "End recruitment fees",
        "title_es": "Fin a las cuotas de reclutamiento",
        "title_fr": "Fin des frais de recrutement",
        "body_en": "We ask the three governments to end recruitment fees.",
        "body_es": "Pedimos a los tres gobiernos acabar con las cuotas de reclutamiento.",
        "body_fr": "Nous demandons aux trois gouvernements d'en finir avec les frais.",
        "recipients": "United States Trade Representative\nSecretaría de Economía",
        "who_may_sign": WhoMaySign.BOTH,
        "opens_on": TODAY - timedelta(days=10),
        "closes_on": TODAY + timedelta(days=30),
        "visibility": Visibility.PUBLIC,
        **fields,
    }
    return Letter.objects.create(**values)


@pytest.fixture
def letter(alfa: Organization) -> Letter:
    return make_letter(alfa)


@pytest.fixture(autouse=True)
def _today(time_machine: Any) -> None:
    time_machine.move_to("2026-11-24 15:00:00+00:00", tick=False)


@pytest.fixture(autouse=True)
def _empty_outbox() -> None:
    mail.outbox.clear()


ORGANIZATION_SIGNER = {
    "kind": "organization",
    "organization_name": "Unión de Jornaleros del Valle",
    "organization_kind": "union",
    "organization_website": "jornaleros.example.org",
    "name": "María Pérez",
    "title": "Secretaria general",
    "country": "MX",
    "city": "Culiacán",
    "email": "Maria@Jornaleros.example.org ",
    "show_publicly": "on",
}

INDIVIDUAL_SIGNER = {
    "kind": "individual",
    "name": "Jean Tremblay",
    "country": "CA",
    "city": "Montréal",
    "email": "jean@example.ca",
    "show_publicly": "on",
}


def add_signature(letter: Letter, number: int, **fields: Any) -> Signature:
    """A signature straight in the database: confirmed and named unless told otherwise."""
    now = timezone.now()
    values = {
        "kind": "individual",
        "name": f"Signer {number}",
        "country": "US",
        "city": "Austin",
        "email": f"signer{number}@example.org",
        "language": "en",
        "token_digest": f"{number:064d}",
        "token_sent_at": now,
        "confirmed_at": now,
        "show_publicly": True,
        **fields,
    }
    return Signature.objects.create(letter=letter, **values)


def add_organization(letter: Letter, number: int, **fields: Any) -> Signature:
    values = {
        "kind": "organization",
        "organization_name": f"Organization {number}",
        "organization_kind": "union",
        "title": "Secretary",
        **fields,
    }
    return add_signature(letter, number, **values)

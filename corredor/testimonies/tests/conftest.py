"""Fixtures for testimonies: fixed keys, the answers a worker gives step by step, and a way to
walk the public form the way a browser without JavaScript does."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.test import Client
from django.utils import timezone
from PIL import Image

from corredor.petitions.actions import create_petition
from corredor.petitions.choices import Visibility
from corredor.testimonies import actions

KEY_ONE = Fernet.generate_key().decode()
KEY_TWO = Fernet.generate_key().decode()


@pytest.fixture(autouse=True)
def _keys(settings: Any) -> None:
    settings.TESTIMONY_KEYS = [KEY_ONE]


STEP_ANSWERS = [
    {
        "narrative": (
            "Me llamo María Guadalupe Pérez López. El reclutador en Sinaloa me cobró 8,000 pesos "
            "y en el campo nos quitaron los pasaportes. Mi teléfono es 55 1234 5678."
        ),
        "happened_when": "verano de 2023",
        "place": "Valdosta, Georgia",
    },
    {
        "program": "H-2A",
        "origin": "MX",
        "industry": "agriculture",
        "employer": "Granjas del Sur LLC, Georgia",
        "recruiter": "Agencia Reclutamiento Norte, Culiacán",
    },
    {"abuses": ["recruitment_fees", "confiscated_documents"]},
    {
        "name": "María Guadalupe Pérez López",
        "phone": "55 1234 5678",
        "whatsapp": "",
        "email": "maria@example.mx",
        "preferred_language": "es",
    },
    {
        "consent_keep": "on",
        "consent_contact": "on",
        "consent_anonymous_use": "on",
    },
]


def walk_intake(
    client: Client,
    slug: str,
    answers: list[dict] | None = None,
    language: str = "es",
    files: dict | None = None,
) -> Any:
    """Send each step as the browser would, carrying the hidden fields forward; return the
    last response."""
    answers = answers or STEP_ANSWERS
    url = f"/{language}/testify/{slug}/"
    carried: dict[str, Any] = {}
    response = None
    for index, step in enumerate(answers):
        carried.update(step)
        data = {**carried, "step": str(index), "go": "next"}
        if index == len(answers) - 1 and files:
            data.update(files)
        response = client.post(url, data)
        if response.status_code != 200 and index < len(answers) - 1:
            return response
    return response


# The worker of STEP_ANSWERS, whose identity must never leak.
WORKER_NAME = "María Guadalupe Pérez López"
WORKER_PHONE = "55 1234 5678"
WORKER_EMAIL = "maria@example.mx"
EMPLOYER = "Granjas del Sur LLC"

# What the intake form hands to take_testimony once every step checks.
CLEANED = {
    "narrative": STEP_ANSWERS[0]["narrative"],
    "happened_when": "verano de 2023",
    "place": "Valdosta, Georgia",
    "program": "H-2A",
    "origin": "MX",
    "industry": "agriculture",
    "employer": "Granjas del Sur LLC, Georgia",
    "recruiter": "Agencia Reclutamiento Norte, Culiacán",
    "abuses": ["recruitment_fees", "confiscated_documents"],
    "name": WORKER_NAME,
    "phone": WORKER_PHONE,
    "whatsapp": "",
    "email": WORKER_EMAIL,
    "preferred_language": "es",
    "year": 2023,
}


def give(
    organization: Any,
    *consents: str,
    files: Any = (),
    channel: str = "web",
    language: str = "es",
    **fields: Any,
) -> Any:
    """A testimony taken the way the intake takes it, with these consents given (consent to
    keep it is always given); returns the Taken (testimony and receipt code)."""
    given = {"keep", *consents}
    return actions.take_testimony(
        organization,
        {**CLEANED, **fields},
        consents={kind: kind in given for kind in ALL_CONSENTS},
        language=language,
        channel=channel,
        files=files,
    )


ALL_CONSENTS = ("keep", "contact", "anonymous_use", "named_use", "share")


def photo(kind: str = "JPEG", size: tuple[int, int] = (32, 24)) -> bytes:
    """A small photo carrying a camera maker and a GPS position in its EXIF data."""
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "Canon"  # Make
    exif[0x0110] = "Canon EOS 5D"  # Model
    exif[0x8825] = {1: "N", 2: (31.0, 49.0, 57.0), 3: "W", 4: (83.0, 16.0, 41.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, kind, exif=exif.tobytes())
    return buffer.getvalue()


def pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def alfa_petition(organization: Any, actor: Any, reference: str = "RRM Alfa Testimonios") -> Any:
    """An internal petition of `organization`, filed the way staff file one."""
    return create_petition(
        actor=actor,
        organization=organization,
        filed_on=timezone.localdate() - timedelta(days=12),
        reference=reference,
        mechanism="usmca-23.11",
        office="us-otla",
        against_country="MX",
        principles=["23.3", "23.8"],
        title_en="Farmworkers charged recruitment fees",
        title_es="Jornaleros a quienes cobraron cuotas de reclutamiento",
        title_fr="Ouvriers agricoles à qui on a fait payer le recrutement",
        summary_en="Recruitment fees charged to farmworkers.",
        summary_es="Cuotas de reclutamiento cobradas a jornaleros.",
        summary_fr="Frais de recrutement payés par des ouvriers agricoles.",
        petitioners="Centro Alfa",
        visibility=Visibility.INTERNAL,
    )

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from corredor.accounts.choices import Role
from corredor.accounts.models import Membership, Organization, User
from corredor.lib.demo import DEMO_PASSWORD


def test_loaddemo_creates_one_account_per_role_and_can_run_twice(db) -> None:
    out = io.StringIO()
    call_command("loaddemo", stdout=out)
    call_command("loaddemo", stdout=out)
    organization = Organization.objects.get(slug="demo")
    roles = set(Membership.objects.filter(organization=organization).values_list("role", flat=True))
    assert roles == {Role.ADMIN, Role.STAFF, Role.MEMBER, Role.VIEWER}
    assert User.objects.filter(email__endswith="@demo.example").count() == 4
    assert User.objects.get(email="viewer@demo.example").check_password(DEMO_PASSWORD)
    assert "admin@demo.example" in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()


def test_loaddemo_adds_a_letter_to_sign_and_fictitious_testimonies_once(db, settings) -> None:
    from cryptography.fernet import Fernet

    from corredor.signons.models import Letter
    from corredor.testimonies.models import Testimony
    from corredor.testimonies.rules import statistics

    settings.TESTIMONY_KEYS = [Fernet.generate_key().decode()]
    call_command("loaddemo", stdout=io.StringIO())
    call_command("loaddemo", stdout=io.StringIO())
    letter = Letter.objects.get(slug="demo-fair-recruitment")
    assert letter.is_open(timezone.localdate())
    testimonies = Testimony.objects.filter(organization__slug="demo")
    assert testimonies.count() == 6
    rows = testimonies.with_consent("anonymous_use").values_list(
        "abuses", "program", "origin", "year"
    )
    shown = [cell for cell in statistics(list(rows)) if cell.count is not None]
    assert [(c.abuse, c.count) for c in shown] == [
        ("recruitment_fees", 6)
    ]  # the rest: fewer than 5
    assert all("[NAME]" in t.redacted_narrative for t in testimonies)


def test_loaddemo_refuses_to_run_in_production(db, settings) -> None:
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="local use only"):
        call_command("loaddemo", stdout=io.StringIO())
    assert not Organization.objects.exists()


def test_the_corredor_command_wraps_djangos_commands() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "corredor", "help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    for command in ["migrate", "createsuperuser", "serve", "loaddemo", "compilecatalogs"]:
        assert command in result.stdout

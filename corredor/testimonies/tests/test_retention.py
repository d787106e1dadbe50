"""Retention: each organization keeps testimonies for its own number of days; `corredor purge`
deletes the expired ones entirely, consent records and attachment files included, and leaves
the recent ones alone."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from corredor.testimonies import actions
from corredor.testimonies.files import CleanFile, strip_image
from corredor.testimonies.models import Attachment, ConsentRecord, Evidence, Testimony
from corredor.testimonies.tests.conftest import alfa_petition, give, photo

START = datetime(2026, 1, 10, 8, 0, tzinfo=UTC)


def image() -> CleanFile:
    return CleanFile(strip_image(photo(), "image/jpeg"), "image/jpeg", "foto.jpg")


def files_on_disk() -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def purge(django_capture_on_commit_callbacks) -> list[str]:
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge", stdout=out)
    return out.getvalue().splitlines()


@pytest.fixture
def thirty_days(alfa):
    alfa.testimony_retention_days = 30
    alfa.save(update_fields=["testimony_retention_days"])
    return alfa


def test_a_testimony_past_its_organizations_retention_is_deleted_entirely(
    thirty_days, alice, time_machine, django_capture_on_commit_callbacks
) -> None:
    time_machine.move_to(START, tick=False)
    old = give(thirty_days, "anonymous_use", files=[image()]).testimony
    actions.add_evidence(
        old, alfa_petition(thirty_days, alice), "Pagué 8,000 pesos.", named=False, actor=alice
    )
    (old_file,) = files_on_disk()
    time_machine.move_to(START + timedelta(days=20), tick=False)
    recent = give(thirty_days, files=[image()]).testimony
    (recent_file,) = files_on_disk() - {old_file}

    time_machine.move_to(START + timedelta(days=31), tick=False)
    lines = purge(django_capture_on_commit_callbacks)

    assert "Testimonies deleted (withdrawn or past retention): 1" in lines
    assert list(Testimony.objects.all()) == [recent]
    assert not ConsentRecord.objects.filter(testimony_id=old.pk).exists()
    assert ConsentRecord.objects.filter(testimony=recent).count() == 5
    assert not Attachment.objects.filter(testimony_id=old.pk).exists()
    assert Evidence.objects.count() == 0
    assert files_on_disk() == {recent_file}


def test_a_testimony_on_its_last_day_stays(
    thirty_days, time_machine, django_capture_on_commit_callbacks
) -> None:
    time_machine.move_to(START, tick=False)
    give(thirty_days)
    time_machine.move_to(START + timedelta(days=29, hours=23), tick=False)
    purge(django_capture_on_commit_callbacks)
    assert Testimony.objects.count() == 1


def test_each_organization_keeps_testimonies_for_its_own_period(
    thirty_days, beta, time_machine, django_capture_on_commit_callbacks
) -> None:
    time_machine.move_to(START, tick=False)
    give(thirty_days)
    kept = give(beta).testimony  # the default: three years
    time_machine.move_to(START + timedelta(days=31), tick=False)
    purge(django_capture_on_commit_callbacks)
    assert list(Testimony.objects.all()) == [kept]


def test_a_withdrawn_testimony_goes_at_the_next_purge_whatever_its_age(
    alfa, time_machine, django_capture_on_commit_callbacks
) -> None:
    time_machine.move_to(START, tick=False)
    taken = give(alfa, files=[image()])
    stays = give(alfa).testimony
    with django_capture_on_commit_callbacks(execute=True):
        actions.withdraw(taken.testimony, ["keep"])
    time_machine.move_to(START + timedelta(minutes=5), tick=False)
    lines = purge(django_capture_on_commit_callbacks)
    assert "Testimonies deleted (withdrawn or past retention): 1" in lines
    assert list(Testimony.objects.all()) == [stays]
    assert files_on_disk() == set()

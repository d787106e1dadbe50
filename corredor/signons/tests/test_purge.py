"""`corredor purge` for sign-ons: unconfirmed signatures go after the 7 days of their link,
rate-limit records after their window, finished background jobs (which hold confirmation
links) after a day. Confirmed signatures and jobs still to run are never touched."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from typing import Any

from django.core import mail
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult

from corredor.lib.models import RateAttempt
from corredor.signons import actions
from corredor.signons.models import Letter, Signature
from corredor.signons.tests.conftest import INDIVIDUAL_SIGNER, link_in, run_tasks

START = datetime(2026, 11, 15, 9, 0, tzinfo=UTC)  # the letter is open
CLEANED = {**INDIVIDUAL_SIGNER, "show_publicly": True}  # as the form hands it to sign()


def purge() -> list[str]:
    out = io.StringIO()
    call_command("purge", stdout=out)
    return out.getvalue().splitlines()


def sign(letter: Letter, email: str, **fields: Any) -> Signature:
    return actions.sign(letter, {**CLEANED, **fields}, email=email, language="en").signature


def line(lines: list[str], start: str) -> str:
    (found,) = [text for text in lines if text.startswith(start)]
    return found


def test_unconfirmed_signatures_go_after_seven_days_and_confirmed_ones_stay(
    letter, time_machine
) -> None:
    time_machine.move_to(START, tick=False)
    stale = sign(letter, "stale@example.ca")
    confirmed = sign(letter, "confirmed@example.ca")
    run_tasks()
    (confirmation,) = [m for m in mail.outbox if m.to == ["confirmed@example.ca"]]
    assert Client().get(link_in(confirmation, "confirm")).status_code == 200
    time_machine.move_to(START + timedelta(days=6), tick=False)
    recent = sign(letter, "recent@example.ca")

    time_machine.move_to(START + timedelta(days=7, minutes=1), tick=False)
    lines = purge()

    assert line(lines, "Unconfirmed signatures deleted:") == "Unconfirmed signatures deleted: 1"
    remaining = set(Signature.objects.values_list("pk", flat=True))
    assert remaining == {confirmed.pk, recent.pk}
    assert stale.pk not in remaining
    (stale_email,) = [m for m in mail.outbox if m.to == ["stale@example.ca"]]
    assert Client().get(link_in(stale_email, "confirm")).status_code == 404

    time_machine.move_to(START + timedelta(days=400), tick=False)
    purge()
    assert list(Signature.objects.values_list("pk", flat=True)) == [confirmed.pk]


def test_an_unconfirmed_signature_is_kept_for_exactly_seven_days(letter, time_machine) -> None:
    time_machine.move_to(START, tick=False)
    sign(letter, "late@example.ca")
    time_machine.move_to(START + timedelta(days=7), tick=False)
    assert "Unconfirmed signatures deleted: 0" in purge()
    assert Signature.objects.count() == 1
    time_machine.move_to(START + timedelta(days=7, seconds=1), tick=False)
    assert "Unconfirmed signatures deleted: 1" in purge()
    assert not Signature.objects.exists()


def test_signing_again_starts_the_seven_days_again(letter, time_machine) -> None:
    time_machine.move_to(START, tick=False)
    sign(letter, "again@example.ca")
    time_machine.move_to(START + timedelta(days=5), tick=False)
    sign(letter, "Again@Example.ca", city="Québec")
    time_machine.move_to(START + timedelta(days=8), tick=False)
    purge()
    assert Signature.objects.get().city == "Québec"


def test_a_hidden_confirmed_signature_is_kept_for_the_moderators(letter, time_machine) -> None:
    time_machine.move_to(START, tick=False)
    signature = sign(letter, "hidden@example.ca")
    Signature.objects.filter(pk=signature.pk).update(confirmed_at=START, hidden=True)
    time_machine.move_to(START + timedelta(days=30), tick=False)
    purge()
    assert Signature.objects.filter(pk=signature.pk, hidden=True).exists()


def test_old_rate_limit_records_are_deleted_and_recent_ones_kept(
    letter, settings, time_machine
) -> None:
    settings.SIGNON_RATE_WINDOW_MINUTES = 10
    settings.SIGNON_RATE_LIMIT = 2
    client = Client()
    time_machine.move_to(START, tick=False)
    assert client.post(letter.get_absolute_url(), INDIVIDUAL_SIGNER).status_code == 302
    time_machine.move_to(START + timedelta(minutes=9), tick=False)
    other = {**INDIVIDUAL_SIGNER, "email": "second@example.ca"}
    assert client.post(letter.get_absolute_url(), other).status_code == 302
    assert RateAttempt.objects.count() == 2

    time_machine.move_to(START + timedelta(minutes=10, seconds=1), tick=False)
    lines = purge()

    assert line(lines, "Rate-limit records deleted:") == "Rate-limit records deleted: 1"
    (kept,) = RateAttempt.objects.all()
    assert kept.created_at == START + timedelta(minutes=9)
    # The record still in its window still counts: one more signature, then the limit.
    third = {**INDIVIDUAL_SIGNER, "email": "third@example.ca"}
    assert client.post(letter.get_absolute_url(), third).status_code == 302
    fourth = {**INDIVIDUAL_SIGNER, "email": "fourth@example.ca"}
    assert client.post(letter.get_absolute_url(), fourth).status_code == 429


def job_for(signature: Signature) -> Any:
    return DBTaskResult.objects.filter(args_kwargs__args__0=signature.pk)


def test_finished_jobs_go_after_a_day_and_jobs_still_to_run_stay(letter, time_machine) -> None:
    time_machine.move_to(START, tick=False)
    sent = sign(letter, "sent@example.ca")
    failed = sign(letter, "failed@example.ca")
    waiting = sign(letter, "waiting@example.ca")
    # Its mail server was down: a retry is due in two days.
    job_for(waiting).update(run_after=START + timedelta(days=2))
    run_tasks()
    assert job_for(sent).get().status == "SUCCESSFUL"
    job_for(failed).update(status="FAILED")
    time_machine.move_to(START + timedelta(hours=23), tick=False)
    recent = sign(letter, "recent@example.ca")
    run_tasks()
    assert DBTaskResult.objects.finished().count() == 3
    mail.outbox.clear()

    time_machine.move_to(START + timedelta(days=1, minutes=1), tick=False)
    lines = purge()

    assert line(lines, "Finished background jobs deleted:") == (
        "Finished background jobs deleted: 2"
    )
    left = {(r.status, r.args_kwargs["args"][0]) for r in DBTaskResult.objects.all()}
    assert left == {("SUCCESSFUL", recent.pk), ("READY", waiting.pk)}

    # The job that waits still runs once due, and its link still confirms.
    time_machine.move_to(START + timedelta(days=2, seconds=1), tick=False)
    run_tasks()
    (message,) = mail.outbox
    assert message.to == ["waiting@example.ca"]
    assert Client().get(link_in(message, "confirm")).status_code == 200


def test_a_finished_job_with_a_confirmation_link_is_not_kept_past_a_day(
    letter, time_machine
) -> None:
    """The job's arguments hold the emailed token: a day after it ran, nothing holds it."""
    time_machine.move_to(START, tick=False)
    sign(letter, "token@example.ca")
    run_tasks()
    token = link_in(mail.outbox[0], "confirm").split("token=")[1]
    assert DBTaskResult.objects.get().args_kwargs["args"][1] == token
    time_machine.move_to(START + timedelta(hours=23, minutes=59), tick=False)
    assert "Finished background jobs deleted: 0" in purge()
    time_machine.move_to(START + timedelta(days=1, seconds=1), tick=False)
    assert "Finished background jobs deleted: 1" in purge()
    assert not DBTaskResult.objects.exists()


SIGNON_LINES = (
    "Unconfirmed signatures deleted:",
    "Rate-limit records deleted:",
    "Finished background jobs deleted:",
)


def signon_lines(lines: list[str]) -> list[str]:
    """The lines about sign-ons, in their order (other apps add lines of their own)."""
    return [text for text in lines if text.startswith(SIGNON_LINES)]


def test_the_output_names_each_count_in_turn(letter, time_machine) -> None:
    time_machine.move_to(START, tick=False)
    sign(letter, "one@example.ca")
    sign(letter, "two@example.ca")
    RateAttempt.objects.create(scope="signing", key="k" * 64)
    run_tasks()
    time_machine.move_to(START + timedelta(days=8), tick=False)
    assert signon_lines(purge()) == [
        "Unconfirmed signatures deleted: 2",
        "Rate-limit records deleted: 1",
        "Finished background jobs deleted: 2",
    ]
    assert signon_lines(purge()) == [
        "Unconfirmed signatures deleted: 0",
        "Rate-limit records deleted: 0",
        "Finished background jobs deleted: 0",
    ]

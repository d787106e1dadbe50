"""Nothing lost: a signature is stored with its email queued in one transaction, survives a
mail server that is down, and is never stored twice, whatever the timing."""

from __future__ import annotations

import socket
import threading
from datetime import timedelta
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from corredor.signons import actions
from corredor.signons.models import Signature
from corredor.signons.tests.conftest import INDIVIDUAL_SIGNER, link_in, make_letter, run_tasks

CLEANED = {**INDIVIDUAL_SIGNER, "show_publicly": True}  # as the form hands it to sign()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp(settings: Any) -> dict[str, Any]:
    """Real SMTP through Django's backend, to a port where no server listens yet."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    return {"port": port}


def test_a_signature_waits_safely_while_the_mail_server_is_down(letter, smtp, time_machine):
    response = Client().post("/fr/letters/fair-recruitment/", INDIVIDUAL_SIGNER)
    assert response.status_code == 302  # thanked: the signature is committed

    run_tasks()  # the mail server is down: the task schedules a retry
    signature = Signature.objects.get()
    assert signature.confirmed_at is None
    assert not DBTaskResult.objects.ready().exists()  # nothing due now
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after == timezone.now() + timedelta(seconds=30)
    assert retry.args_kwargs["args"][2] == 2  # second attempt

    run_tasks()  # not due yet: nothing happens
    assert DBTaskResult.objects.get(status="READY").pk == retry.pk

    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=smtp["port"])
    server.start()
    try:
        time_machine.shift(timedelta(seconds=31))
        run_tasks()
    finally:
        server.stop()
    (envelope,) = inbox.messages
    assert envelope.rcpt_tos == ["jean@example.ca"]
    body = envelope.content.decode("utf-8", "replace")
    assert "/fr/letters/fair-recruitment/confirm/?token=" in body
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_retries_back_off_and_finally_fail_visibly(letter, smtp, settings, time_machine):
    settings.SIGNON_EMAIL_ATTEMPTS = 3
    actions.sign(letter, CLEANED, email="jean@example.ca", language="en")
    delays = []
    for _attempt in range(3):
        before = timezone.now()
        run_tasks()
        pending = DBTaskResult.objects.filter(status="READY").first()
        if pending is None:
            break
        delays.append(pending.run_after - before)
        time_machine.shift(pending.run_after - before + timedelta(seconds=1))
    assert delays == [timedelta(seconds=30), timedelta(seconds=60)]
    failed = DBTaskResult.objects.failed().get()
    assert "ConnectionRefusedError" in failed.exception_class_path
    assert Signature.objects.filter(confirmed_at__isnull=True).count() == 1  # kept


def test_no_thank_you_and_nothing_stored_when_the_write_fails(letter, monkeypatch):
    class Broken:
        def enqueue(self, *args: Any) -> None:
            raise RuntimeError("queue unavailable")

    monkeypatch.setattr(actions, "send_signature_email", Broken())
    client = Client(raise_request_exception=False)
    response = client.post("/en/letters/fair-recruitment/", INDIVIDUAL_SIGNER)
    assert response.status_code == 500
    assert not Signature.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_a_newer_link_replaces_the_older_one(letter):
    client = Client()
    client.post("/en/letters/fair-recruitment/", INDIVIDUAL_SIGNER)
    run_tasks()
    first = link_in(mail.outbox[0], "confirm")
    client.post("/en/letters/fair-recruitment/", {**INDIVIDUAL_SIGNER, "city": "Québec"})
    run_tasks()
    second = link_in(mail.outbox[1], "confirm")
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    signature = Signature.objects.get()
    assert signature.city == "Québec" and signature.confirmed_at is not None


def test_an_email_queued_before_a_newer_link_is_not_sent(letter):
    client = Client()
    client.post("/en/letters/fair-recruitment/", INDIVIDUAL_SIGNER)
    client.post("/en/letters/fair-recruitment/", INDIVIDUAL_SIGNER)
    run_tasks()
    assert len(mail.outbox) == 1  # the first link was dead before it went out


@pytest.mark.django_db(transaction=True)
def test_simultaneous_signatures_with_one_address_store_one(alfa):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serializes writers; the race needs PostgreSQL's concurrency")
    letter = make_letter(alfa)
    barrier = threading.Barrier(8)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def sign() -> None:
        try:
            barrier.wait()
            signed = actions.sign(letter, CLEANED, email="Jean@Example.ca", language="en")
            outcomes.append(signed.outcome)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Signature.objects.filter(letter=letter).count() == 1
    assert sorted(outcomes).count(actions.Outcome.NEW) == 1

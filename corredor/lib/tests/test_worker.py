"""The background worker: `corredor worker --batch` runs what is queued, and
`corredor serve --with-worker` keeps one alive exactly as long as gunicorn."""

from __future__ import annotations

import signal
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from corredor import gunicorn_conf
from corredor.signons import actions
from corredor.signons.models import Signature
from corredor.signons.tests.conftest import make_letter


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_sends_what_is_queued(alfa: Any) -> None:
    letter = make_letter(alfa)
    actions.sign(
        letter,
        {"kind": "individual", "name": "Ana", "country": "MX", "city": "Puebla"},
        email="ana@example.mx",
        language="es",
    )
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command("worker", batch=True, interval=0, verbosity=0)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)  # the worker installs its own; give pytest its own back
    (message,) = mail.outbox
    assert message.to == ["ana@example.mx"]
    assert Signature.objects.get().confirmed_at is None


class FakeProcess:
    started: list[list[str]] = []

    def __init__(self, argv: list[str]) -> None:
        FakeProcess.started.append(argv)
        self.pid = 4242
        self.terminated = False

    def poll(self) -> int | None:
        return 0 if self.terminated else None

    def terminate(self) -> None:
        self.terminated = True

    def wait(self, timeout: float) -> int:
        return 0


class FakeServer:
    class log:  # named like gunicorn's attribute
        @staticmethod
        def info(*args: Any) -> None:
            pass


def test_serve_with_worker_starts_and_stops_one(monkeypatch: Any) -> None:
    FakeProcess.started = []
    monkeypatch.setattr(gunicorn_conf.subprocess, "Popen", FakeProcess)
    monkeypatch.setattr(gunicorn_conf, "_task_worker", None)
    monkeypatch.setenv("CORREDOR_WITH_WORKER", "1")
    gunicorn_conf.when_ready(FakeServer())
    gunicorn_conf.when_ready(FakeServer())  # a reload does not start a second one
    assert len(FakeProcess.started) == 1
    assert FakeProcess.started[0][-2:] == ["corredor", "worker"]
    worker = gunicorn_conf._task_worker
    gunicorn_conf.on_exit(FakeServer())
    assert worker.terminated


def test_serve_alone_starts_no_worker(monkeypatch: Any) -> None:
    FakeProcess.started = []
    monkeypatch.setattr(gunicorn_conf.subprocess, "Popen", FakeProcess)
    monkeypatch.setattr(gunicorn_conf, "_task_worker", None)
    monkeypatch.delenv("CORREDOR_WITH_WORKER", raising=False)
    gunicorn_conf.when_ready(FakeServer())
    assert FakeProcess.started == []


def test_a_job_left_running_by_a_dead_worker_is_requeued_and_sent(
    alfa: Any, time_machine: Any
) -> None:
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from corredor.lib.tasks import requeue_abandoned
    from corredor.signons.tests.conftest import run_tasks

    time_machine.move_to("2026-11-24 12:00:00+00:00", tick=False)
    letter = make_letter(alfa)
    actions.sign(
        letter,
        {"kind": "individual", "name": "Ana", "country": "MX", "city": "P"},
        email="ana@example.mx",
        language="es",
    )
    job = DBTaskResult.objects.get()
    job.claim("a-worker-that-will-die")  # claimed, then the worker is killed: RUNNING forever
    assert requeue_abandoned(timezone.now()) == 0  # maybe still working
    time_machine.shift(timedelta(minutes=16))
    assert requeue_abandoned(timezone.now()) == 1
    run_tasks()
    assert [m.to for m in mail.outbox] == [["ana@example.mx"]]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"

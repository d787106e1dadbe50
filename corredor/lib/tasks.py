"""Care of the durable task queue (django-tasks-db)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django_tasks_db.models import DBTaskResult

# Corredor's jobs take seconds (an email); one still "running" after this was abandoned.
ABANDONED_AFTER = timedelta(minutes=15)


def requeue_abandoned(now: datetime) -> int:
    """Put back in the queue the jobs whose worker died in the middle (killed, machine
    restarted): the queue itself never does. Corredor's jobs are safe to run again."""
    return (
        DBTaskResult.objects.running()
        .filter(started_at__lt=now - ABANDONED_AFTER)
        .update(status="READY", started_at=None, worker_ids=[])
    )

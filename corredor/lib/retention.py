"""`corredor purge`: everything Corredor deletes on a schedule, in one place."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from django.db import transaction
from django_tasks_db.models import DBTaskResult

from corredor.lib.tasks import requeue_abandoned

# Finished jobs keep their arguments (a confirmation link among them): keep them a day only.
FINISHED_TASKS_KEPT = timedelta(days=1)


def purge(now: datetime) -> Iterator[str]:
    from corredor.lib import ratelimit
    from corredor.signons import actions as signons
    from corredor.signons import ratelimit as signing
    from corredor.testimonies import actions as testimonies
    from corredor.testimonies import ratelimit as testimony_limits

    yield f"Testimonies deleted (withdrawn or past retention): {testimonies.purge(now)}"
    with transaction.atomic():
        yield f"Unconfirmed signatures deleted: {signons.purge_stale(now)}"
    with transaction.atomic():
        windows = {
            signing.SCOPE: signing.window(),
            **dict.fromkeys(testimony_limits.SCOPES, testimony_limits.window()),
        }
        yield f"Rate-limit records deleted: {ratelimit.forget_old(now, windows)}"
    yield f"Abandoned background jobs requeued: {requeue_abandoned(now)}"
    with transaction.atomic():
        finished = DBTaskResult.objects.finished().filter(finished_at__lt=now - FINISHED_TASKS_KEPT)
        deleted, _ = finished.delete()
        yield f"Finished background jobs deleted: {deleted}"

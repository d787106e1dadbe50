"""`corredor purge`: everything Corredor deletes on a schedule, in one place."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from django.core.files.storage import default_storage
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from corredor.lib.tasks import requeue_abandoned

# Finished jobs keep their arguments (a confirmation link among them): keep them a day only.
FINISHED_TASKS_KEPT = timedelta(days=1)
# An encrypted file that no row names is deleted once it is this old: younger, it may be an
# upload or a filing package whose transaction has not committed yet.
ORPHANS_KEPT = timedelta(days=1)


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
    yield f"Encrypted files that nothing refers to deleted: {forget_orphan_files(now)}"


def forget_orphan_files(now: datetime) -> int:
    """Delete the encrypted files (attachments, exhibits, filed packages) that no row names:
    left by a process killed between storing a file and committing its row. They may hold a
    worker's account or an excerpt, so they must not outlive what referred to them."""
    from corredor.petitions.models import Exhibit, Filing
    from corredor.testimonies.models import Attachment

    deleted = 0
    for folder, model, field in (
        ("testimonies", Attachment, "file"),
        ("exhibits", Exhibit, "file"),
        ("packages", Filing, "package"),
    ):
        if not default_storage.exists(folder):
            continue
        named = set(model.objects.exclude(**{field: ""}).values_list(field, flat=True))
        for name in default_storage.listdir(folder)[1]:
            path = f"{folder}/{name}"
            if path in named or default_storage.get_modified_time(path) > now - ORPHANS_KEPT:
                continue
            default_storage.delete(path)
            deleted += 1
    return deleted

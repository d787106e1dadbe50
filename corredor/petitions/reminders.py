"""Deadline reminders: each organization's people hear, in their language, about obligations
due within a week and those that have just become overdue; never the same reminder twice.

Each reminder is claimed by inserting a ReminderSent row under a unique constraint, in the
same transaction that sends the email: a second process (cron on another machine) blocks on
the same row and then skips it; a failed send rolls the claim back for the next run.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation

from corredor.accounts.models import User
from corredor.accounts.permissions import Perm, roles_with
from corredor.lib.email import render_email
from corredor.petitions.choices import ObligationState
from corredor.petitions.models import ReminderSent, StoredObligation
from corredor.treaties.labels import local
from corredor.treaties.rulebook import rulebook

logger = logging.getLogger(__name__)

WINDOW_DAYS = 7
DUE_SOON = "due_soon"
OVERDUE = "overdue"
# The people who work on the cases: every role that may edit them.
REMINDED_ROLES = roles_with(Perm.EDIT)


@dataclass(frozen=True)
class Item:
    obligation: StoredObligation
    kind: str

    @property
    def what(self) -> str:
        mechanism = rulebook().mechanism(self.obligation.petition.mechanism)
        rule = next(r for r in mechanism.deadlines if r.code == self.obligation.rule)
        return local(rule.what)


def candidates(today: date) -> list[Item]:
    window = StoredObligation.objects.filter(
        state=ObligationState.OPEN, petition__organization__isnull=False
    ).select_related("petition", "petition__organization")
    soon = window.filter(
        effective_due_on__gte=today, effective_due_on__lte=today + timedelta(days=WINDOW_DAYS)
    )
    late = window.filter(
        effective_due_on__lt=today, effective_due_on__gte=today - timedelta(days=WINDOW_DAYS)
    )
    return [Item(o, DUE_SOON) for o in soon] + [Item(o, OVERDUE) for o in late]


def send_reminders(today: date) -> int:
    """Send what is due; return the number of emails sent."""
    by_organization: dict[int, list[Item]] = defaultdict(list)
    for item in candidates(today):
        by_organization[item.obligation.petition.organization_id].append(item)
    sent = 0
    for organization_id, items in by_organization.items():
        people = User.objects.filter(
            memberships__organization_id=organization_id,
            memberships__role__in=REMINDED_ROLES,
            is_active=True,
        ).distinct()
        for person in people:
            try:
                sent += _remind(person, items, today)
            except OSError:
                logger.exception("Reminder email failed; it will be tried again on the next run")
    return sent


def _remind(person: User, items: list[Item], today: date) -> int:
    with transaction.atomic():
        claimed = []
        for item in items:
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(
                        obligation=item.obligation,
                        kind=item.kind,
                        due_on=item.obligation.effective_due_on,
                        user=person,
                    )
            except IntegrityError:
                continue  # already sent, by an earlier run or another machine
            claimed.append(item)
        if not claimed:
            return 0
        with translation.override(person.language):
            rows = [
                {
                    "reference": item.obligation.petition.reference,
                    "title": item.obligation.petition.title,
                    "what": item.what,
                    "due_on": item.obligation.effective_due_on,
                    "days": abs((item.obligation.effective_due_on - today).days),
                    "url": settings.SITE_URL + item.obligation.petition.get_absolute_url(),
                }
                for item in claimed
            ]
        render_email(
            "reminder",
            person.email,
            {
                "person": person,
                "due_soon": [r for r, i in zip(rows, claimed, strict=True) if i.kind == DUE_SOON],
                "overdue": [r for r, i in zip(rows, claimed, strict=True) if i.kind == OVERDUE],
            },
            person.language,
        ).send()
    return 1

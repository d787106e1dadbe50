"""Testimonies: what workers tell, their consent, attachments, and who looked at them.

The worker's name, contact details, narrative, employer and recruiter, and attachments are
encrypted at rest (corredor.lib.crypto); everywhere else a testimony is its pseudonym."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from corredor.accounts.models import Organization
from corredor.lib.crypto import EncryptedTextField
from corredor.testimonies.choices import (
    CONSENT_SHORT,
    Access,
    Channel,
    Consent,
    Industry,
    Origin,
    Program,
)


class TestimonyQuerySet(models.QuerySet["Testimony"]):
    def active(self) -> TestimonyQuerySet:
        return self.filter(withdrawn_at__isnull=True)

    def without_secrets(self) -> TestimonyQuerySet:
        """Rows for lists: the encrypted columns are neither read nor decrypted."""
        return self.defer(
            *(f.name for f in self.model._meta.concrete_fields if isinstance(f, EncryptedTextField))
        )

    def with_consent(self, *kinds: str) -> TestimonyQuerySet:
        """Active testimonies with each of these consents in force."""
        result = self.active()
        for kind in kinds:
            in_force = ConsentRecord.objects.in_force().filter(testimony=OuterRef("pk"), kind=kind)
            result = result.filter(Exists(in_force))
        return result


class Testimony(models.Model):
    __test__ = False  # a model, not a pytest test class, whatever its name says

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="testimonies"
    )
    pseudonym = models.CharField(_("pseudonym"), max_length=12, unique=True)
    channel = models.CharField(_("taken by"), max_length=10, choices=Channel.choices)
    language = models.CharField(_("language of the form"), max_length=8, choices=settings.LANGUAGES)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES
    )
    # What happened: the evidence. Encrypted.
    narrative = EncryptedTextField(_("what happened"))
    redacted_narrative = EncryptedTextField(_("account without identifying details"), blank=True)
    redaction_reviewed_at = models.DateTimeField(null=True, blank=True)
    redaction_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    place = EncryptedTextField(_("where"), blank=True)
    happened_when = models.CharField(_("when"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    program = models.CharField(_("visa or program"), max_length=20, choices=Program.choices)
    origin = models.CharField(_("country of origin"), max_length=8, choices=Origin.choices)
    industry = models.CharField(_("industry"), max_length=20, choices=Industry.choices)
    employer = EncryptedTextField(_("employer"), blank=True)
    recruiter = EncryptedTextField(_("recruiter"), blank=True)
    abuses = models.JSONField(_("abuses"), default=list)
    # Identity: optional, encrypted, deleted on withdrawal.
    name = EncryptedTextField(_("name"), blank=True)
    phone = EncryptedTextField(_("phone"), blank=True)
    whatsapp = EncryptedTextField(_("WhatsApp"), blank=True)
    email = EncryptedTextField(_("email"), blank=True)
    other_names = EncryptedTextField(
        _("other names to remove"),
        blank=True,
        help_text=_("People named in the account (co-workers, family), one per line."),
    )
    receipt_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = TestimonyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("testimony")
        verbose_name_plural = _("testimonies")
        indexes = [models.Index(fields=["organization", "created_at"])]

    def __str__(self) -> str:
        return self.pseudonym  # never the worker's name

    @property
    def identity_names(self) -> list[str]:
        """Every name the redaction must remove: the worker's and those recorded on it."""
        names = [self.name, *self.other_names.splitlines()]
        return [name.strip() for name in names if name.strip()]

    def consented(self, kind: str) -> bool:
        """Whether this consent is in force, read from the (usually prefetched) records."""
        return any(c.kind == kind and c.in_force for c in self.consents.all())


class ConsentRecordQuerySet(models.QuerySet["ConsentRecord"]):
    def in_force(self) -> ConsentRecordQuerySet:
        """The consents in force: ConsentRecord.in_force, said in SQL."""
        return self.filter(given=True, withdrawn_at__isnull=True)


class ConsentRecord(models.Model):
    """One choice, exactly as it was put to the worker: the text shown, in its language, when,
    and through which channel."""

    testimony = models.ForeignKey(Testimony, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(max_length=20, choices=Consent.choices)
    given = models.BooleanField()
    text = models.TextField()
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        ordering = ["testimony", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["testimony", "kind"], name="one_record_per_consent")
        ]

    def __str__(self) -> str:
        return f"{self.testimony} {self.kind} {'yes' if self.given else 'no'}"

    @property
    def short_label(self) -> str:
        return str(CONSENT_SHORT[self.kind])

    @property
    def in_force(self) -> bool:
        """Given, and not withdrawn since: what every use of a testimony checks. The queryset's
        in_force() says the same in SQL; test_consent keeps the two in step."""
        return self.given and self.withdrawn_at is None


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"testimonies/{instance.uuid}.bin"  # never the worker's file name


class Attachment(models.Model):
    """A photo, pay stub or contract: its bytes encrypted, images without location or camera
    data, its original name encrypted too."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    testimony = models.ForeignKey(Testimony, on_delete=models.CASCADE, related_name="attachments")
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    original_name = EncryptedTextField(blank=True)
    file = models.FileField(upload_to=attachment_path)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.testimony} {self.uuid}"


class AccessEntryQuerySet(models.QuerySet["AccessEntry"]):
    """No bulk change or removal either. (Deleting a testimony or an organization still
    works: Django's deletion collector updates and deletes rows without these methods.)"""

    def update(self, **kwargs: Any) -> int:
        raise ValueError("The access log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ValueError("The access log is append-only.")


class AccessEntry(models.Model):
    """Append-only: who saw a worker's identity, account or files, and when."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    testimony = models.ForeignKey(
        Testimony, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pseudonym = models.CharField(max_length=12)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Access.choices)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = AccessEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.pseudonym} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Guards updates only: entries are inserted with bulk_create (actions.log_accesses),
        # which never calls save(), so no rule for new entries belongs here.
        if self.pk is not None:
            raise ValueError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("The access log is append-only.")


class Evidence(models.Model):
    """A redacted excerpt of a testimony, attached to a petition as evidence."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Empty while it is an exhibit of a petition not filed yet.
    petition = models.ForeignKey(
        "petitions.Petition",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
    )
    testimony = models.ForeignKey(Testimony, on_delete=models.CASCADE, related_name="evidence")
    excerpt = EncryptedTextField(_("excerpt"))
    named = models.BooleanField(_("names the worker"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return f"{self.testimony} → {self.petition}"

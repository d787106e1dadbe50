from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from corredor.accounts.models import Organization
from corredor.lib.crypto import EncryptedTextField
from corredor.lib.localized import Localized
from corredor.petitions.choices import (
    AgainstCountry,
    DraftKind,
    ExhibitKind,
    Language,
    ObligationState,
    Precision,
    Visibility,
)
from corredor.treaties import engine
from corredor.treaties.rulebook import Mechanism, rulebook

SEARCHED_FIELDS = (
    "reference",
    "title_en",
    "title_es",
    "title_fr",
    "summary_en",
    "summary_es",
    "summary_fr",
    "petitioners",
)


def reference_slug(reference: str) -> str:
    return slugify(reference)


class Petition(models.Model):
    """A petition, communication or case under a trade agreement's labor mechanism.

    Its status is never typed: `stage`, the dates and the stored obligations derive from its
    events (see `actions.refresh_derived`)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(
        _("reference"),
        max_length=60,
        unique=True,
        help_text=_("The office's number, for example MEX NAO 2016-1."),
    )
    slug = models.SlugField(max_length=80, unique=True, editable=False)
    mechanism = models.CharField(_("mechanism"), max_length=20)
    office = models.CharField(_("receiving office"), max_length=20)
    against_country = models.CharField(
        _("country complained against"), max_length=2, choices=AgainstCountry.choices
    )
    principles = models.JSONField(_("principles or articles invoked"), default=list, blank=True)
    # "|1|6|": lets the register filter by principle on SQLite and PostgreSQL alike.
    principle_keys = models.CharField(max_length=200, blank=True, editable=False, db_index=True)
    # Lowercased reference, titles, summaries and petitioners: one column for text search.
    search_text = models.TextField(blank=True, editable=False)
    title_en = models.CharField(_("title in English"), max_length=300, blank=True)
    title_es = models.CharField(_("title in Spanish"), max_length=300, blank=True)
    title_fr = models.CharField(_("title in French"), max_length=300, blank=True)
    summary_en = models.TextField(_("summary in English"), blank=True)
    summary_es = models.TextField(_("summary in Spanish"), blank=True)
    summary_fr = models.TextField(_("summary in French"), blank=True)
    petitioners = models.TextField(
        _("petitioners"),
        blank=True,
        help_text=_(
            "Organizations by name. People only as a number (for example “two workers”), or by "
            "name with their written consent."
        ),
    )
    sources = models.JSONField(_("sources"), default=list, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name=_("organization"),
        help_text=_("Empty for public records kept by the site operators."),
    )
    # Derived from the events; never edited directly.
    filed_on = models.DateField(null=True, editable=False, db_index=True)
    filed_precision = models.CharField(max_length=5, default=Precision.DAY, editable=False)
    stage = models.CharField(max_length=30, blank=True, editable=False, db_index=True)
    closed = models.BooleanField(default=False, editable=False)
    answered_on = models.DateField(null=True, editable=False)
    answered_precision = models.CharField(max_length=5, default=Precision.DAY, editable=False)
    days_to_first_decision = models.IntegerField(null=True, editable=False)
    days_to_report = models.IntegerField(null=True, editable=False)
    next_due_on = models.DateField(null=True, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["principle_keys", "search_text", "updated_at"])

    class Meta:
        ordering = ["-filed_on", "reference"]
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        indexes = [
            models.Index(fields=["visibility", "mechanism", "office"]),
            models.Index(fields=["-filed_on", "reference"], name="petition_register_order"),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.slug = reference_slug(self.reference)
        self.principle_keys = "|" + "|".join(self.principles) + "|" if self.principles else ""
        self.search_text = self.search_document()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("petitions:detail", args=[self.slug])

    def search_document(self) -> str:
        return " ".join(
            getattr(self, name) for name in SEARCHED_FIELDS if getattr(self, name)
        ).lower()

    @property
    def rules(self) -> Mechanism:
        return rulebook().mechanism(self.mechanism)

    @property
    def agreement(self) -> str:
        return self.rules.agreement.code

    def _localized(self, field: str) -> str:
        language = (get_language() or "en")[:2]
        return getattr(self, f"{field}_{language}", "") or getattr(self, f"{field}_en")

    @property
    def title(self) -> str:
        return self._localized("title") or self.reference

    @property
    def summary(self) -> str:
        return self._localized("summary")

    def engine_events(self) -> list[engine.Event]:
        # Uses the prefetched events when the caller prefetched them.
        return [
            engine.Event(on=event.date, code=event.code, precision=event.precision)
            for event in self.events.all()
        ]

    def obligations(
        self, today: date, events: list[engine.Event] | None = None
    ) -> list[engine.Obligation]:
        office = rulebook().offices[self.office]
        return engine.compute_obligations(
            self.rules,
            self.office,
            office.country,
            self.against_country,
            self.engine_events() if events is None else events,
            today,
        )

    def clock(self, today: date) -> engine.Clock:
        events = self.engine_events()
        return engine.clock(self.rules, self.obligations(today, events), events, today)


class PetitionEvent(models.Model):
    """Something that happened to a petition, with its date, its precision and its source."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="events")
    code = models.CharField(_("event"), max_length=40)
    date = models.DateField(_("date"))
    precision = models.CharField(
        _("precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    note = models.TextField(_("note"), blank=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    document = models.FileField(_("document"), upload_to="petitions/documents/%Y/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return f"{self.petition.reference} {self.date} {self.code}"


class StoredObligation(models.Model):
    """The engine's result for one rule of one petition, kept for the measures, reminders and
    the calendar feed, which must not recompute every petition on every request."""

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="stored_obligations"
    )
    rule = models.CharField(max_length=60)
    owed_by = models.CharField(max_length=20)
    trigger = models.CharField(max_length=40)
    trigger_on = models.DateField()
    due_on = models.DateField()
    extended_due_on = models.DateField(null=True)
    effective_due_on = models.DateField(null=True, db_index=True)  # null: extended, no set date
    state = models.CharField(max_length=20, choices=ObligationState.choices)
    days_late = models.IntegerField(null=True)
    approximate = models.BooleanField(default=False)
    confidence = models.CharField(max_length=12)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "rule"], name="one_stored_obligation_per_rule"
            )
        ]
        indexes = [models.Index(fields=["state", "effective_due_on"])]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.rule} {self.state}"


class ReminderSent(models.Model):
    """One reminder, once: the unique constraint makes `corredor remind` safe to run from cron
    on several machines at once."""

    obligation = models.ForeignKey(StoredObligation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10)  # "due_soon" or "overdue"
    due_on = models.DateField()  # a changed due date deserves a new reminder
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "kind", "due_on", "user"], name="one_reminder_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.due_on} → {self.user_id}"


class Draft(Localized, models.Model):
    """A petition or a supplement being written: its sections in up to three languages, one of
    them authoritative, its exhibits, its versions and its reviewers' comments. Filing it
    creates the petition (or the supplement's event) from the package it files."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="drafts",
        verbose_name=_("organization"),
    )
    kind = models.CharField(
        _("what is drafted"), max_length=10, choices=DraftKind.choices, default=DraftKind.PETITION
    )
    # A supplement: the petition it supplements. A petition: the one its filing created.
    petition = models.ForeignKey(
        Petition,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="drafts",
        verbose_name=_("petition"),
    )
    reference = models.CharField(
        _("reference"),
        max_length=60,
        unique=True,
        help_text=_("A working reference; the petition takes it when it is filed."),
    )
    mechanism = models.CharField(_("mechanism"), max_length=20)
    office = models.CharField(_("receiving office"), max_length=20)
    against_country = models.CharField(
        _("country complained against"), max_length=2, choices=AgainstCountry.choices
    )
    title_en = models.CharField(_("title in English"), max_length=300, blank=True)
    title_es = models.CharField(_("title in Spanish"), max_length=300, blank=True)
    title_fr = models.CharField(_("title in French"), max_length=300, blank=True)
    principles = models.JSONField(_("principles or articles invoked"), default=list, blank=True)
    petitioners = models.TextField(
        _("petitioners"),
        blank=True,
        help_text=_("One per line. Organizations by name; people only with their written consent."),
    )
    authoritative_language = models.CharField(
        _("authoritative language"),
        max_length=2,
        choices=Language.choices,
        default=Language.EN,
        help_text=_("The text that counts. Translations follow it."),
    )
    # Coalition partners whose members may read the sections and comment (never the exhibits).
    reviewers = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="reviewed_drafts",
        verbose_name=_("shared for review with"),
    )
    revision = models.PositiveIntegerField(default=0, editable=False)  # its latest version
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "reference"]
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("drafts:detail", args=[self.uuid])

    @property
    def rules(self) -> Mechanism:
        return rulebook().mechanism(self.mechanism)

    @property
    def is_filed(self) -> bool:
        return hasattr(self, "filing")

    @property
    def petitioner_names(self) -> list[str]:
        return [line.strip() for line in self.petitioners.splitlines() if line.strip()]


class SectionText(models.Model):
    """One section of a draft in one language. A translation remembers the digest of the
    authoritative text it was written from: when that text changes, it needs an update."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="texts")
    section = models.CharField(max_length=40)
    language = models.CharField(max_length=2, choices=Language.choices)
    text = models.TextField(blank=True)
    source_digest = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["draft", "section", "language"], name="one_text_per_section_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.draft_id} {self.section} {self.language}"


class DraftVersion(models.Model):
    """The whole draft as it was after one edit: every edit makes one, and restoring one makes
    a new one, so nothing is ever lost."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    change = models.CharField(max_length=200)  # what changed, as a code and its parameters
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.draft_id} v{self.number}"


class DraftComment(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(_("section"), max_length=40)
    body = models.TextField(_("comment"), max_length=5000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.draft_id} {self.section}"


def exhibit_path(instance: Exhibit, filename: str) -> str:
    return f"exhibits/{instance.uuid}.bin"  # encrypted, never under its own name


class Exhibit(models.Model):
    """A numbered exhibit: an uploaded document (stored encrypted), a testimony's excerpt
    (through the testimony's evidence, so that a withdrawal removes it), or the confirmed
    signatories of a sign-on letter."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="exhibits")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=ExhibitKind.choices)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(upload_to=exhibit_path, blank=True)
    content_type = models.CharField(max_length=40, blank=True)
    original_name = EncryptedTextField(blank=True)
    evidence = models.ForeignKey(
        "testimonies.Evidence",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="exhibits",
    )
    letter = models.ForeignKey(
        "signons.Letter", on_delete=models.PROTECT, null=True, blank=True, related_name="exhibits"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("exhibit")
        verbose_name_plural = _("exhibits")

    def __str__(self) -> str:
        return f"{self.draft_id} {self.position} {self.title}"


def package_path(instance: Filing, filename: str) -> str:
    return f"packages/{instance.uuid}.bin"  # encrypted


class Filing(models.Model):
    """A draft filed: the package exactly as filed, its SHA-256, and the event it recorded."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    draft = models.OneToOneField(Draft, on_delete=models.PROTECT, related_name="filing")
    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="filings")
    event = models.OneToOneField(
        PetitionEvent, on_delete=models.SET_NULL, null=True, related_name="filing"
    )
    filed_on = models.DateField(_("filed on"))
    language = models.CharField(max_length=2, choices=Language.choices)
    bilingual = models.CharField(max_length=2, choices=Language.choices, blank=True)
    sha256 = models.CharField(max_length=64)
    package = models.FileField(upload_to=package_path)
    override_reason = models.TextField(blank=True)  # an admin filed it despite the check
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-filed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.draft} {self.filed_on} {self.sha256[:12]}"

"""Sign-on letters, their signatures (confirmed by email) and their deliveries."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from corredor.accounts.choices import Country, OrganizationKind
from corredor.accounts.models import Organization
from corredor.lib.localized import Localized
from corredor.petitions.choices import Visibility
from corredor.signons.choices import SignerKind, WhoMaySign, allowed_kinds


class LetterQuerySet(models.QuerySet["Letter"]):
    def public(self) -> LetterQuerySet:
        return self.filter(visibility=Visibility.PUBLIC)

    def open_on(self, day: date) -> LetterQuerySet:
        return self.filter(opens_on__lte=day, closes_on__gte=day)


class Letter(Localized, models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="letters",
        verbose_name=_("organization"),
    )
    title_en = models.CharField(_("title in English"), max_length=200)
    title_es = models.CharField(_("title in Spanish"), max_length=200, blank=True)
    title_fr = models.CharField(_("title in French"), max_length=200, blank=True)
    body_en = models.TextField(_("text in English"))
    body_es = models.TextField(_("text in Spanish"), blank=True)
    body_fr = models.TextField(_("text in French"), blank=True)
    recipients = models.TextField(
        _("recipients"), help_text=_("One per line, e.g. the United States Trade Representative.")
    )
    who_may_sign = models.CharField(
        _("who may sign"), max_length=15, choices=WhoMaySign.choices, default=WhoMaySign.BOTH
    )
    opens_on = models.DateField(_("open for signatures from"))
    closes_on = models.DateField(_("open for signatures until"))
    asks_title = models.BooleanField(
        _("ask individuals for a title or role"),
        default=False,
        help_text=_("For example “Professor of Law” or “farmworker”. Always optional."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LetterQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="letter_closes_after_it_opens",
            )
        ]

    def __str__(self) -> str:
        return self.title_en

    def get_absolute_url(self) -> str:
        return reverse("signons:letter", args=[self.slug])

    @property
    def body(self) -> str:
        return self.localized("body")

    @property
    def recipient_list(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    @property
    def kinds(self) -> list[str]:
        return allowed_kinds(self.who_may_sign)

    def is_open(self, today: date) -> bool:
        return self.visibility == Visibility.PUBLIC and self.opens_on <= today <= self.closes_on


def counted_q(prefix: str = "") -> models.Q:
    """Signatures that count: confirmed by email and not hidden by a moderator. `prefix`
    reaches them through a relation ("signatures__")."""
    return models.Q(**{f"{prefix}confirmed_at__isnull": False, f"{prefix}hidden": False})


COUNTED = counted_q()


class SignatureQuerySet(models.QuerySet["Signature"]):
    def counted(self) -> SignatureQuerySet:
        return self.filter(COUNTED)

    def listed(self) -> SignatureQuerySet:
        """Counted signatures whose signers agreed to be named in public."""
        return self.counted().filter(show_publicly=True)


class Signature(models.Model):
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="signatures")
    kind = models.CharField(_("signing as"), max_length=12, choices=SignerKind.choices)
    email = models.EmailField(_("email"), max_length=254)
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title or role"), max_length=200, blank=True)
    organization_name = models.CharField(_("organization"), max_length=200, blank=True)
    organization_kind = models.CharField(
        _("kind of organization"), max_length=20, choices=OrganizationKind.choices, blank=True
    )
    organization_website = models.URLField(_("organization's website"), blank=True)
    country = models.CharField(_("country"), max_length=8, choices=Country.choices)
    city = models.CharField(_("city"), max_length=120)
    show_publicly = models.BooleanField(_("name may be shown publicly"), default=False)
    wants_updates = models.BooleanField(_("wants updates"), default=False)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    # SHA-256 of the emailed token: the database alone cannot confirm or remove anything.
    token_digest = models.CharField(max_length=64, unique=True)
    token_sent_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = SignatureQuerySet.as_manager()

    class Meta:
        ordering = ["country", "kind", Lower("organization_name"), Lower("name")]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            # One signature per address per letter, whatever the traffic: the database decides.
            models.UniqueConstraint(fields=["letter", "email"], name="one_signature_per_email"),
        ]
        indexes = [
            models.Index(fields=["letter", "confirmed_at", "hidden"]),
            models.Index(fields=["confirmed_at", "created_at"]),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.organization_name if self.kind == SignerKind.ORGANIZATION else self.name

    @property
    def is_organization(self) -> bool:
        return self.kind == SignerKind.ORGANIZATION


class Delivery(models.Model):
    """A letter handed to its recipients: the PDF as delivered, and when and to whom."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="deliveries")
    delivered_on = models.DateField(_("delivered on"))
    recipients = models.TextField(_("delivered to"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    language = models.CharField(
        _("language of the letter"), max_length=8, choices=settings.LANGUAGES
    )
    pdf = models.FileField(upload_to="deliveries/%Y/")
    sha256 = models.CharField(max_length=64)
    signatures = models.PositiveIntegerField(_("signatures"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-delivered_on", "-id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return f"{self.letter} → {self.delivered_on}"

from __future__ import annotations

import uuid

from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from corredor.accounts.choices import Country
from corredor.accounts.models import Organization
from corredor.campaigns.choices import ActionType
from corredor.lib.localized import Localized  # old migrations name it from this module
from corredor.petitions.choices import Precision, Visibility
from corredor.petitions.models import Petition


class Campaign(Localized, models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name=_("organization"),
    )
    title_en = models.CharField(_("title in English"), max_length=200)
    title_es = models.CharField(_("title in Spanish"), max_length=200, blank=True)
    title_fr = models.CharField(_("title in French"), max_length=200, blank=True)
    summary_en = models.TextField(_("summary in English"), blank=True)
    summary_es = models.TextField(_("summary in Spanish"), blank=True)
    summary_fr = models.TextField(_("summary in French"), blank=True)
    goals_en = models.TextField(_("goals in English"), blank=True)
    goals_es = models.TextField(_("goals in Spanish"), blank=True)
    goals_fr = models.TextField(_("goals in French"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    petitions = models.ManyToManyField(
        Petition, blank=True, related_name="campaigns", verbose_name=_("petitions")
    )
    letters = models.ManyToManyField(
        "signons.Letter", blank=True, related_name="campaigns", verbose_name=_("sign-on letters")
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[petitions, letters])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return self.title_en

    def get_absolute_url(self) -> str:
        return reverse("campaigns:detail", args=[self.slug])

    @property
    def goals(self) -> str:
        return self.localized("goals")


class CampaignMember(models.Model):
    """An organization in the campaign's coalition (it need not use Corredor)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("organization"), max_length=200)
    country = models.CharField(_("country"), max_length=8, choices=Country.choices, blank=True)

    class Meta:
        ordering = ["country", "name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "name"], name="one_member_entry_per_name")
        ]
        verbose_name = _("coalition member")
        verbose_name_plural = _("coalition members")

    def __str__(self) -> str:
        return self.name


class Action(Localized, models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="actions")
    date = models.DateField(_("date"))
    precision = models.CharField(
        _("precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    type = models.CharField(_("type"), max_length=30, choices=ActionType.choices)
    title_en = models.CharField(_("title in English"), max_length=200)
    title_es = models.CharField(_("title in Spanish"), max_length=200, blank=True)
    title_fr = models.CharField(_("title in French"), max_length=200, blank=True)
    summary_en = models.TextField(_("summary in English"), blank=True)
    summary_es = models.TextField(_("summary in Spanish"), blank=True)
    summary_fr = models.TextField(_("summary in French"), blank=True)
    organizations = models.CharField(
        _("organizations involved"),
        max_length=500,
        blank=True,
        help_text=_("Organizations only. Name a person only with their written consent."),
    )
    link_url = models.URLField(_("link to a document"), max_length=500, blank=True)
    petition = models.ForeignKey(
        Petition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("petition"),
    )
    letter = models.ForeignKey(
        "signons.Letter",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sign-on letter"),
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return f"{self.date} {self.title_en}"


class Publication(Localized, models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="publications")
    published_on = models.DateField(_("published on"))
    publisher = models.CharField(_("published by"), max_length=200, blank=True)
    title_en = models.CharField(_("title in English"), max_length=300)
    title_es = models.CharField(_("title in Spanish"), max_length=300, blank=True)
    title_fr = models.CharField(_("title in French"), max_length=300, blank=True)
    summary_en = models.TextField(_("summary in English"), blank=True)
    summary_es = models.TextField(_("summary in Spanish"), blank=True)
    summary_fr = models.TextField(_("summary in French"), blank=True)
    pdf = models.FileField(
        _("PDF"),
        upload_to="publications/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"])],
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )

    class Meta:
        ordering = ["-published_on"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return self.title_en

    def get_absolute_url(self) -> str:
        return reverse("campaigns:publication", args=[self.slug])

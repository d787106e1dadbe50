from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Program(models.TextChoices):
    H2A = "H-2A", _("H-2A (farm work)")
    H2B = "H-2B", _("H-2B (other seasonal work)")
    TN = "TN", _("TN (professionals under the trade agreement)")
    H1B = "H-1B", _("H-1B")
    J1 = "J-1", _("J-1 (exchange visitor)")
    OTHER = "other", pgettext_lazy("visa program", "Another visa or program")
    NONE_OR_UNSURE = "none_or_unsure", _("No visa, or I am not sure")


class Origin(models.TextChoices):
    MX = "MX", _("Mexico")
    GT = "GT", _("Guatemala")
    HN = "HN", _("Honduras")
    SV = "SV", _("El Salvador")
    JM = "JM", _("Jamaica")
    PH = "PH", _("Philippines")
    ZA = "ZA", _("South Africa")
    OTHER = "other", pgettext_lazy("country", "Other")


class Industry(models.TextChoices):
    AGRICULTURE = "agriculture", _("Agriculture")
    SEAFOOD = "seafood", _("Seafood processing")
    MEAT = "meat", _("Meat and poultry processing")
    CONSTRUCTION = "construction", _("Construction")
    LANDSCAPING = "landscaping", _("Landscaping or forestry")
    HOSPITALITY = "hospitality", _("Hotels, restaurants, amusement parks")
    CARE = "care", _("Care or domestic work")
    MANUFACTURING = "manufacturing", _("Factory work")
    PROFESSIONAL = "professional", _("Professional work (engineer, teacher, nurse…)")
    OTHER = "other", pgettext_lazy("industry", "Other")


class Channel(models.TextChoices):
    WEB = "web", _("The worker, on the web form")
    PHONE = "phone", _("Staff, by phone")
    IN_PERSON = "in_person", _("Staff, in person")


class Consent(models.TextChoices):
    """The five separate choices a worker makes; each is stored with the exact text shown."""

    KEEP = "keep", _("Keep my account and use it to help me.")
    CONTACT = "contact", _("You may contact me.")
    ANONYMOUS_USE = (
        "anonymous_use",
        _("You may use my account, without my name, in petitions and reports."),
    )
    NAMED_USE = "named_use", _("You may name me in a petition.")
    SHARE = "share", _("You may share my account, without my name, with partner organizations.")


class Access(models.TextChoices):
    VIEW_IDENTITY = "view_identity", _("Saw the identity and full account")
    VIEW_ATTACHMENT = "view_attachment", _("Opened an attachment")
    EDIT = "edit", _("Changed the testimony")
    EXPORT = "export", _("Read through the API")


CONSENT_SHORT = {
    Consent.KEEP: _("kept"),
    Consent.CONTACT: _("contact"),
    Consent.ANONYMOUS_USE: _("anonymous use"),
    Consent.NAMED_USE: _("named use"),
    Consent.SHARE: _("shared with partners"),
}

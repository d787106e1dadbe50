from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: in the register for everyone")
    INTERNAL = "internal", _("Internal: only the organization sees it")


class Precision(models.TextChoices):
    DAY = "day", _("Known to the day")
    MONTH = "month", _("Known only to the month")


class AgainstCountry(models.TextChoices):
    US = "US", _("United States")
    MX = "MX", _("Mexico")
    CA = "CA", _("Canada")


class ObligationState(models.TextChoices):
    """An obligation as stored at the last change of its petition. An open one is overdue
    from the day after its effective due date: time alone moves it, no write needed."""

    MET = "met", _("Met on time")
    MET_IN_EXTENSION = "met_in_extension", _("Met within the allowed extension")
    MET_LATE = "met_late", _("Met late")
    OPEN = "open", _("Open")
    NOT_APPLICABLE = "not_applicable", _("No longer applicable")


class DraftKind(models.TextChoices):
    PETITION = "petition", _("A new petition")
    SUPPLEMENT = "supplement", _("A supplement to a filed petition")


class Language(models.TextChoices):
    EN = "en", _("English")
    ES = "es", _("Spanish")
    FR = "fr", _("French")


class ExhibitKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    TESTIMONY = "testimony", _("Testimony excerpt")
    LETTER = "letter", _("Signatories of a sign-on letter")

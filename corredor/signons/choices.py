from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WhoMaySign(models.TextChoices):
    ORGANIZATIONS = "organizations", _("Organizations only")
    INDIVIDUALS = "individuals", _("Individuals only")
    BOTH = "both", _("Organizations and individuals")


class SignerKind(models.TextChoices):
    ORGANIZATION = "organization", _("An organization")
    INDIVIDUAL = "individual", _("An individual")


def allowed_kinds(who: str) -> list[str]:
    if who == WhoMaySign.ORGANIZATIONS:
        return [SignerKind.ORGANIZATION]
    if who == WhoMaySign.INDIVIDUALS:
        return [SignerKind.INDIVIDUAL]
    return [SignerKind.ORGANIZATION, SignerKind.INDIVIDUAL]

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Country(models.TextChoices):
    US = "US", _("United States")
    MX = "MX", _("Mexico")
    CA = "CA", _("Canada")
    OTHER = "other", pgettext_lazy("country", "Other")


class OrganizationKind(models.TextChoices):
    WORKER_CENTER = "worker_center", _("Worker center")
    UNION = "union", _("Union")
    LEGAL_SERVICES = "legal_services", _("Legal services")
    NGO = "ngo", _("Non-governmental organization")
    ACADEMIC = "academic", _("Academic institution")
    GOVERNMENT = "government", _("Government")
    OTHER = "other", pgettext_lazy("organization kind", "Other")


class Role(models.TextChoices):
    ADMIN = "admin", pgettext_lazy("role", "Admin")
    STAFF = "staff", pgettext_lazy("role", "Staff")
    MEMBER = "member", pgettext_lazy("role", "Member")
    VIEWER = "viewer", pgettext_lazy("role", "Viewer")


class TokenScope(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignonsConfig(AppConfig):
    name = "corredor.signons"
    verbose_name = _("Sign-on letters")

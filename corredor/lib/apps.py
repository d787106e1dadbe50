from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "corredor.lib"
    label = "lib"

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "corredor.api"
    label = "api"

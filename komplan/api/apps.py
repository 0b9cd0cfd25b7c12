from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "komplan.api"
    verbose_name = "JSON API"

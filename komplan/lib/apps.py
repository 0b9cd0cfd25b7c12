from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "komplan.lib"
    verbose_name = "komplan lib"

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "komplan.strategy"
    verbose_name = _("Strategy and action plan")

    def ready(self):
        from komplan.accounts import personal_data

        from . import personal_data as own

        personal_data.register("activity_sheets", own.activity_sheets)
        personal_data.register("activity_sheet_decisions", own.sheet_decisions)

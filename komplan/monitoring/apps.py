from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "komplan.monitoring"
    verbose_name = _("Monitoring of the plan")

    def ready(self):
        from komplan.accounts import personal_data
        from komplan.territory import workspace

        from . import personal_data as own
        from .staff_panel import reporting_panel

        workspace.register("monitoring_reporting", reporting_panel)
        personal_data.register("progress_reports", own.progress_reports)
        personal_data.register("monitoring_reminders", own.reminders)

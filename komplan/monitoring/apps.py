from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "komplan.monitoring"
    verbose_name = _("Monitoring of the plan")

    def ready(self):
        from komplan.territory import workspace

        from .staff_panel import reporting_panel

        workspace.register("monitoring_reporting", reporting_panel)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "komplan.consultation"
    verbose_name = _("Public comments on the plan")

    def ready(self):
        # registers the settlement annex as a generated source of the plan document
        from . import sources  # noqa: F401

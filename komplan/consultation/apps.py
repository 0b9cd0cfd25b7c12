from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "komplan.consultation"
    verbose_name = _("Public comments on the plan")

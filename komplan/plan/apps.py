from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    name = "komplan.plan"
    verbose_name = _("Community plan document")

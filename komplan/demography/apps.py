from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemographyConfig(AppConfig):
    name = "komplan.demography"
    verbose_name = _("Socio-demographic analysis")

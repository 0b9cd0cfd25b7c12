from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisionConfig(AppConfig):
    name = "komplan.vision"
    verbose_name = _("Vision and SWOT")

    def ready(self):
        from komplan.accounts import personal_data

        from . import personal_data as own

        personal_data.register("swot_votes", own.swot_votes)

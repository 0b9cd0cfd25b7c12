from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "komplan.meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from komplan.accounts import personal_data
        from komplan.territory import workspace

        from . import personal_data as own
        from .querysets import next_meeting_panel

        personal_data.register("meeting_attendance", own.attendance)
        personal_data.register("meeting_tasks", own.tasks)
        workspace.register("next_meeting", next_meeting_panel)

"""Public pages of the yearly evaluation reports at `<process>/plneni/zpravy/` (namespace monitoring_reports).

`zpravy/` lists the published reports, `zpravy/<year>/` shows one, `zpravy/<year>.pdf` and `.docx` are its files.
"""

from django.urls import path

from . import report_views

app_name = "monitoring_reports"
urlpatterns = [
    path("", report_views.report_list, name="list"),
    path("<int:year>/", report_views.detail, name="detail"),
    path("<int:year>.<slug:fmt>", report_views.download, name="file"),
]

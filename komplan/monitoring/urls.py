"""Public pages of the plan's fulfilment at `<process>/plneni/` (namespace monitoring).

The yearly reports under `<process>/plneni/zpravy/` have their own module (report_urls, namespace
monitoring_reports).
"""

from django.urls import path

from . import dashboard_views

app_name = "monitoring"
urlpatterns = [
    path("", dashboard_views.page, name="dashboard"),
]

"""URLs of komplan.monitoring (namespace monitoring_reports); filled by the part of issue #10 that owns them."""

from django.urls import path  # noqa: F401

app_name = "monitoring_reports"
urlpatterns: list = []

"""URLs of komplan.monitoring (namespace monitoring); filled by the part of issue #10 that owns them."""

from django.urls import path  # noqa: F401

app_name = "monitoring"
urlpatterns: list = []

"""Public pages of the needs analysis, at `<process>/analyzy/potreby/` (namespace needs)."""

from django.urls import path

from . import views

app_name = "needs"
urlpatterns = [
    path("", views.page, name="page"),
    path("tabulka.csv", views.download, {"fmt": "csv"}, name="csv"),
    path("tabulka.xlsx", views.download, {"fmt": "xlsx"}, name="xlsx"),
    path("kapitola/", views.chapter_page, name="chapter"),
]

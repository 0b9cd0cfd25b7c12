"""The public web version of the plan, at `<process>/plan/` (namespace plan)."""

from django.urls import path

from . import views

app_name = "plan"
urlpatterns = [
    path("", views.draft, name="draft"),
    path("verze/<int:number>/", views.version, name="version"),
    path("verze/<int:number>.<slug:fmt>", views.version_file, name="version_file"),
]

"""Public pages of the bodies of a process, at `<process>/skupiny/` (namespace planning)."""

from django.urls import path

from . import views

app_name = "planning"
urlpatterns = [
    path("", views.body_list, name="bodies"),
    path("<slug:body>/", views.body_detail, name="body"),
]

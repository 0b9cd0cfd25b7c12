"""The public page of the vision and the SWOTs, at `<process>/vize-a-swot/` (namespace vision)."""

from django.urls import path

from . import views

app_name = "vision"
urlpatterns = [path("", views.vision_and_swot, name="index")]

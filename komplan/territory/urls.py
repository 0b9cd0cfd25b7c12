from django.urls import path

from . import views

app_name = "territory"
urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("nastaveni/", views.settings, name="settings"),
    path("faze/", views.phases, name="phases"),
]

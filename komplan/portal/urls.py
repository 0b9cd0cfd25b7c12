from django.urls import path

from . import views
from .pages import PAGE_SLUGS

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("pismo/", views.font_size, name="font_size"),
    *[path(f"{slug}/", views.page, {"key": key}, name=key) for key, slug in PAGE_SLUGS.items()],
    *[path(f"{slug}/upravit/", views.page_edit, {"key": key}, name=f"{key}_edit") for key, slug in PAGE_SLUGS.items()],
    path("<slug:process>/", views.process_home, name="process"),
]

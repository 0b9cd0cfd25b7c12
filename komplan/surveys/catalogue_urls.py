"""The catalogue updates of a survey; the lead appends ``urlpatterns`` to the surveys_admin namespace
(`<process>/sprava/pruzkumy/`)."""

from django.urls import path

from . import catalogue_views

urlpatterns = [
    path("<slug:survey>/katalog/", catalogue_views.catalogue, name="catalogue"),
    path("<slug:survey>/katalog/znovu-nacist/", catalogue_views.catalogue_sync, name="catalogue_sync"),
    path("<slug:survey>/katalog/navrh/<int:pk>/", catalogue_views.catalogue_proposal, name="catalogue_proposal"),
    path(
        "<slug:survey>/katalog/odpoved/<int:response>/",
        catalogue_views.catalogue_link_service,
        name="catalogue_link",
    ),
]

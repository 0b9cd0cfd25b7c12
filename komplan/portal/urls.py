from django.urls import path

from . import catalogue, catalogue_print, demography, views
from .pages import PAGE_SLUGS

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("pismo/", views.font_size, name="font_size"),
    *[path(f"{slug}/", views.page, {"key": key}, name=key) for key, slug in PAGE_SLUGS.items()],
    *[path(f"{slug}/upravit/", views.page_edit, {"key": key}, name=f"{key}_edit") for key, slug in PAGE_SLUGS.items()],
    path("<slug:process>/", views.process_home, name="process"),
    path("<slug:process>/katalog/", catalogue.catalogue, name="catalogue"),
    path("<slug:process>/katalog/export.csv", catalogue.catalogue_export, {"fmt": "csv"}, name="catalogue_csv"),
    path("<slug:process>/katalog/export.xlsx", catalogue.catalogue_export, {"fmt": "xlsx"}, name="catalogue_xlsx"),
    path("<slug:process>/katalog/tisk.pdf", catalogue_print.catalogue_pdf_view, name="catalogue_pdf"),
    path("<slug:process>/analyzy/demografie/", demography.demography, name="demography"),
    path("<slug:process>/analyzy/demografie/kapitola/", demography.chapter, name="demography_chapter"),
    path(
        "<slug:process>/analyzy/demografie/<slug:table>.csv",
        demography.demography_download,
        {"fmt": "csv"},
        name="demography_csv",
    ),
    path(
        "<slug:process>/analyzy/demografie/<slug:table>.xlsx",
        demography.demography_download,
        {"fmt": "xlsx"},
        name="demography_xlsx",
    ),
    path("<slug:process>/katalog/sluzba/<int:pk>/", catalogue.service_detail, name="catalogue_service"),
    path("<slug:process>/katalog/poskytovatel/<int:pk>/", catalogue.provider_detail, name="catalogue_provider"),
]

from django.urls import path

from . import views

app_name = "catalogue_admin"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("sablona.xlsx", views.template_download, name="template"),
    path("import/<slug:kind>/", views.import_preview, name="import"),
    path("import/<slug:kind>/potvrdit/", views.import_confirm, name="import_confirm"),
]

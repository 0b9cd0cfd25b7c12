from django.urls import path

from . import review_views, views

app_name = "catalogue_admin"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("sablona.xlsx", views.template_download, name="template"),
    path("import/<slug:kind>/", views.import_preview, name="import"),
    path("import/<slug:kind>/potvrdit/", views.import_confirm, name="import_confirm"),
    path("muj-poskytovatel/", review_views.my_providers, name="mine"),
    path("muj-poskytovatel/organizace/<int:pk>/", review_views.propose_organization, name="propose_organization"),
    path("muj-poskytovatel/sluzba/<int:pk>/", review_views.propose_service, name="propose_service"),
    path("zmeny/", review_views.review_queue, name="review"),
    path("zmeny/<int:pk>/", review_views.review_detail, name="review_detail"),
    path("editori/", review_views.editors, name="editors"),
    path("editori/<int:pk>/odebrat/", review_views.editor_remove, name="editor_remove"),
]

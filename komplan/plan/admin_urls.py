"""Staff pages of the plan document, at `<process>/sprava/plan/` (namespace plan_admin)."""

from django.urls import path

from . import admin_views

app_name = "plan_admin"
urlpatterns = [
    path("", admin_views.overview, name="overview"),
    path("zalozit/", admin_views.create, name="create"),
    path("zmrazit/", admin_views.freeze, name="freeze"),
    path("kapitola/<slug:key>/", admin_views.chapter, name="chapter"),
    path("verze/<int:number>/", admin_views.version, name="version"),
    path("verze/<int:number>/k-pripominkam/", admin_views.to_comment, name="to_comment"),
    path("verze/<int:number>/schvalit/", admin_views.approve, name="approve"),
    path("verze/<int:number>/zverejnit/", admin_views.publish, name="publish"),
    path("logo/", admin_views.logo, name="logo"),
    path("logo/odebrat/", admin_views.logo_remove, name="logo_remove"),
    path("verze/<int:number>/generovat/", admin_views.generate, name="generate"),
    path("verze/<int:number>/soubory/", admin_views.files, name="files"),
]

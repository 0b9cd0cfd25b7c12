"""Staff screens of the statistics imports, at `<process>/sprava/demografie/` (namespace demography_admin)."""

from django.urls import path

from . import admin_views, chapter_views, scenario_views

app_name = "demography_admin"
urlpatterns = [
    path("", admin_views.data_overview, name="overview"),
    path("import/<slug:kind>/", admin_views.import_preview, name="import"),
    path("import/<slug:kind>/potvrdit/", admin_views.import_confirm, name="import_confirm"),
    path("scenare/", scenario_views.scenario_list, name="scenarios"),
    path("scenare/novy/", scenario_views.scenario_add, name="scenario_add"),
    path("scenare/<int:pk>/", scenario_views.scenario_edit, name="scenario_edit"),
    path("scenare/<int:pk>/smazat/", scenario_views.scenario_delete, name="scenario_delete"),
    path("kapitola/", chapter_views.chapter_edit, name="chapter"),
    path("kapitola/generovat/", chapter_views.chapter_generate, name="chapter_generate"),
]

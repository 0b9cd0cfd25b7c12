"""Staff pages of the need model, at `<process>/sprava/potreby/` (namespace needs_admin)."""

from django.urls import path

from . import admin_views

app_name = "needs_admin"
urlpatterns = [
    path("", admin_views.overview, name="overview"),
    path("normy/nova/", admin_views.set_add, name="set_add"),
    path("normy/<slug:norm_set>/", admin_views.set_edit, name="set_edit"),
    path("normy/<slug:norm_set>/kopie/", admin_views.set_copy, name="set_copy"),
    path("normy/<slug:norm_set>/smazat/", admin_views.set_delete, name="set_delete"),
    path("potreby-skupin/nova/", admin_views.note_add, name="note_add"),
    path("potreby-skupin/<int:pk>/smazat/", admin_views.note_delete, name="note_delete"),
    path("kategorie/<int:pk>/", admin_views.code_map, name="code_map"),
]

"""Staff pages of the bodies, at `<process>/sprava/skupiny/` (namespace planning_admin)."""

from django.urls import path

from . import admin_views

app_name = "planning_admin"
urlpatterns = [
    path("", admin_views.body_list, name="bodies"),
    path("nova/", admin_views.body_add, name="body_add"),
    path("cilove-skupiny/nova/", admin_views.group_add, name="group_add"),
    path("cilove-skupiny/<slug:group>/", admin_views.group_edit, name="group_edit"),
    path("cilove-skupiny/<slug:group>/smazat/", admin_views.group_delete, name="group_delete"),
    path("<slug:body>/", admin_views.body_detail, name="body"),
    path("<slug:body>/upravit/", admin_views.body_edit, name="body_edit"),
    path("<slug:body>/smazat/", admin_views.body_delete, name="body_delete"),
    path("<slug:body>/clenove/pridat/", admin_views.member_add, name="member_add"),
    path("<slug:body>/clenove/<int:pk>/odebrat/", admin_views.member_remove, name="member_remove"),
    path("<slug:body>/vedouci/", admin_views.leader_set, name="leader"),
]

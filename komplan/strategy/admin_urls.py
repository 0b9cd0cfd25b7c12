"""Staff pages of the strategy and the activity-sheet inbox, at `<process>/sprava/strategie/` (strategy_admin)."""

from django.urls import path

from . import admin_views, gap_views, inbox_views

app_name = "strategy_admin"
urlpatterns = [
    path("", admin_views.tree, name="tree"),
    path("priority/nova/", admin_views.priority_add, name="priority_add"),
    path("priority/<int:pk>/", admin_views.priority_edit, name="priority_edit"),
    path("priority/<int:pk>/nove-opatreni/", admin_views.measure_add, name="measure_add"),
    path("opatreni/<int:pk>/", admin_views.measure_edit, name="measure_edit"),
    path("opatreni/<int:pk>/nova-aktivita/", admin_views.activity_add, name="activity_add"),
    path("aktivity/<int:pk>/", admin_views.activity_edit, name="activity"),
    path("aktivity/<int:pk>/presunout/", admin_views.activity_move_to, name="activity_move_to"),
    path("<str:kind>/<int:pk>/posunout/<str:direction>/", admin_views.move, name="move"),
    path("<str:kind>/<int:pk>/smazat/", admin_views.delete, name="delete"),
    path("mezery/", gap_views.gap_list, name="gaps"),
    path("mezery/propojit/", gap_views.gap_link, name="gap_link"),
    path("mezery/nove-opatreni/", gap_views.gap_new_measure, name="gap_new_measure"),
    path("mezery/<int:pk>/odpojit/", gap_views.gap_unlink, name="gap_unlink"),
    path("listy/", inbox_views.sheet_list, name="sheets"),
    path("listy/obdobi/", inbox_views.call_edit, name="call"),
    path("listy/<int:pk>/", inbox_views.sheet_detail, name="sheet"),
    path("listy/<int:pk>/<str:decision>/", inbox_views.sheet_decide, name="decide"),
]

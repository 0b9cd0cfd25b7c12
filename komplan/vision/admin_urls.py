"""Staff pages of the vision and the SWOTs, at `<process>/sprava/swot/` (namespace vision_admin).

A board's address is ``celkova`` for the overall SWOT, else the group's slug.
"""

from django.urls import path

from . import admin_views

app_name = "vision_admin"
urlpatterns = [
    path("", admin_views.overview, name="overview"),
    path("vize/", admin_views.vision_edit, name="vision"),
    path("sloucit/", admin_views.merge, name="merge"),
    path("polozka/<int:pk>/upravit/", admin_views.item_edit, name="item_edit"),
    path("polozka/<int:pk>/smazat/", admin_views.item_delete, name="item_delete"),
    path("polozka/<int:pk>/posunout/", admin_views.item_move, name="item_move"),
    path("polozka/<int:pk>/hlas/", admin_views.item_vote, name="item_vote"),
    path("polozka/<int:pk>/prevzit/", admin_views.item_take_over, name="item_take_over"),
    path("polozka/<int:pk>/dukazy/", admin_views.evidence_add, name="evidence_add"),
    path("polozka/<int:pk>/dukazy/<int:evidence>/odebrat/", admin_views.evidence_remove, name="evidence_remove"),
    path("<slug:scope>/", admin_views.board, name="board"),
    path("<slug:scope>/pridat/", admin_views.item_add, name="item_add"),
    path("<slug:scope>/poznamka/", admin_views.note_edit, name="note"),
]

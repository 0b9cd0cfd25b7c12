from django.urls import path

from . import process_views as views

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("pozvat/", views.invite, name="invite"),
    path("export.csv", views.member_export, name="export"),
    path("<int:pk>/", views.member_edit, name="edit"),
    path("<int:pk>/odebrat/", views.member_remove, name="remove"),
    path("pozvanky/<int:pk>/zrusit/", views.invitation_revoke, name="revoke"),
]

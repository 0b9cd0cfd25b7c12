"""Paper entry, included by the lead into the staff URLs of surveys (namespace ``surveys_admin``,
under ``<slug:process>/sprava/pruzkumy/``). No ``app_name``: the including module names the namespace."""

from django.urls import path

from . import paper_views

urlpatterns = [
    path("<slug:survey>/papirove/", paper_views.paper_entry, name="paper_entry"),
    path("<slug:survey>/papirove/<int:pk>/", paper_views.paper_edit, name="paper_edit"),
]

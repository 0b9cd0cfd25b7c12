"""Public pages of surveys, included by config/urls.py at ``<slug:process>/pruzkumy/`` (namespace ``surveys``)."""

from django.urls import path

from . import collect_views

app_name = "surveys"
urlpatterns = [
    path("", collect_views.index, name="index"),
    # Before the survey patterns, although the segment counts differ, so a survey slug can never shadow it.
    path("odpoved/<str:token>/", collect_views.invitation, name="invitation"),
    path("<slug:survey>/", collect_views.survey_page, name="survey"),
    path("<slug:survey>/pokracovat/<str:token>/", collect_views.resume, name="resume"),
    path("<slug:survey>/pokracovat/<str:token>/ulozeno/", collect_views.saved, name="saved"),
    path("<slug:survey>/dekujeme/<str:receipt>/", collect_views.thanks, name="thanks"),
]

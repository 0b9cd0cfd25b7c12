"""Public pages of surveys, included by config/urls.py at ``<slug:process>/pruzkumy/`` (namespace ``surveys``)."""

from django.urls import path

from . import collect_views

# Tokens are secrets.token_urlsafe (letters, digits, "-", "_"), which the slug converter matches exactly; other
# characters never reach the database (PostgreSQL refuses a NUL in a query, which would be a 500).
app_name = "surveys"
urlpatterns = [
    path("", collect_views.index, name="index"),
    # Before the survey patterns, although the segment counts differ, so a survey slug can never shadow it.
    path("odpoved/<slug:token>/", collect_views.invitation, name="invitation"),
    path("<slug:survey>/", collect_views.survey_page, name="survey"),
    path("<slug:survey>/pokracovat/<slug:token>/", collect_views.resume, name="resume"),
    path("<slug:survey>/pokracovat/<slug:token>/ulozeno/", collect_views.saved, name="saved"),
    path("<slug:survey>/dekujeme/<str:receipt>/", collect_views.thanks, name="thanks"),
]

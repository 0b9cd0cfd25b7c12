"""Staff pages of the comment periods, at `<process>/sprava/pripominky/obdobi/` (namespace consultation_periods).

The list (every member), a new period and editing one (flag edit_plan). The evaluation of comments, moderation
and the settlement are admin_urls.py (the staff side of the consultation).
"""

from django.urls import path

from . import period_admin_views as views

app_name = "consultation_periods"
urlpatterns = [
    path("", views.period_list, name="list"),
    path("nove/", views.period_create, name="create"),
    path("<int:consultation>/upravit/", views.period_edit, name="edit"),
]

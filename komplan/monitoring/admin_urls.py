"""Staff pages of reporting at `<process>/sprava/plneni/` (namespace monitoring_admin)."""

from django.urls import path

from . import admin_views, progress_views

app_name = "monitoring_admin"
urlpatterns = [
    path("", admin_views.overview, name="overview"),
    path("obdobi/otevrit/", admin_views.period_open, name="period_open"),
    path("<int:year>/uzavrit/", admin_views.period_close, name="period_close"),
    path("<int:year>/znovu-otevrit/", admin_views.period_reopen, name="period_reopen"),
    path("<int:year>/upominky/", admin_views.remind, name="remind"),
    path("moje/", progress_views.my_activities, name="my_activities"),
    path("<int:year>/aktivita/<int:pk>/", progress_views.progress, name="progress"),
]

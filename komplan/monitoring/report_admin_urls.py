"""Staff pages of the yearly evaluation reports at `<process>/sprava/plneni/zpravy/` (namespace
monitoring_reports_admin): the list with the form creating a report, one report with its preview, approvals and
files, the editor of its texts, the life-cycle steps and the downloads."""

from django.urls import path

from . import report_admin_views as views

app_name = "monitoring_reports_admin"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("zalozit/", views.create, name="create"),
    path("<int:year>/", views.detail, name="detail"),
    path("<int:year>/upravit/", views.edit, name="edit"),
    path("<int:year>/schvalit-ridici-skupinou/", views.approve_steering, name="approve_steering"),
    path("<int:year>/vratit-do-konceptu/", views.return_to_draft, name="return_to_draft"),
    path("<int:year>/schvalit-zastupitelstvem/", views.approve_council, name="approve_council"),
    path("<int:year>/zverejnit/", views.publish, name="publish"),
    path("<int:year>.<slug:fmt>", views.download, name="file"),
]

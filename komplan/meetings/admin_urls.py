"""Staff pages of the meetings, at `<process>/sprava/schuzky/` (namespace meetings_admin)."""

from django.urls import path

from . import admin_files, admin_views, tasks_views

app_name = "meetings_admin"
urlpatterns = [
    path("", admin_views.meeting_list, name="list"),
    path("nova/", admin_views.meeting_add, name="add"),
    path("ukoly/", tasks_views.my_tasks, name="my_tasks"),
    path("<int:pk>/", admin_views.meeting_detail, name="meeting"),
    path("<int:pk>/upravit/", admin_views.meeting_edit, name="edit"),
    path("<int:pk>/smazat/", admin_views.meeting_delete, name="delete"),
    path("<int:pk>/zapis/", admin_views.minutes_edit, name="minutes"),
    path("<int:pk>/zapis/zverejneni/", admin_views.minutes_publish, name="publish"),
    path("<int:pk>/dochazka/", admin_views.attendance_edit, name="attendance"),
    path("<int:pk>/hoste/", admin_views.guest_add, name="guest_add"),
    path("<int:pk>/hoste/<int:row>/odebrat/", admin_views.guest_remove, name="guest_remove"),
    path("<int:pk>/pozvanky/", admin_views.invitations_send, name="invite"),
    path("<int:pk>/pozvanka.ics", admin_views.invitation_download, name="ics"),
    path("<int:pk>/ukoly/", tasks_views.task_add, name="task_add"),
    path("<int:pk>/ukoly/<int:task>/stav/", tasks_views.task_done, name="task_done"),
    path("<int:pk>/ukoly/<int:task>/smazat/", tasks_views.task_delete, name="task_delete"),
    path("<int:pk>/prilohy/", admin_files.attachment_add, name="attachment_add"),
    path("<int:pk>/prilohy/<int:attachment>/", admin_files.attachment_download, name="attachment"),
    path("<int:pk>/prilohy/<int:attachment>/smazat/", admin_files.attachment_delete, name="attachment_delete"),
    path("<int:pk>/fotografie/pridat/", admin_files.photo_add, name="photo_add"),
    path("<int:pk>/fotografie/<int:photo>/", admin_files.photo_edit, name="photo_edit"),
    path("<int:pk>/fotografie/<int:photo>/smazat/", admin_files.photo_delete, name="photo_delete"),
]

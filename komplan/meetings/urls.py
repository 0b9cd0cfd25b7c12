"""Public pages of the meetings, at `<process>/schuzky/` (namespace meetings); the feed is in config/urls.py."""

from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("<int:pk>/", views.meeting_detail, name="meeting"),
    path("<int:pk>/foto/<int:photo>/<str:size>.jpg", views.photo_file, name="photo"),
    path("<int:pk>/prilohy/<int:attachment>/", views.attachment_file, name="attachment"),
]

"""Staff pages of the comment periods, at `<process>/sprava/pripominky/` (namespace consultation_admin).

The period itself is created and edited at `…/pripominky/obdobi/` (period_admin_urls, the public side's module).
"""

from django.urls import path

from . import admin_views

app_name = "consultation_admin"
urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<int:consultation>/", admin_views.comments, name="comments"),
    path("<int:consultation>/fronta/", admin_views.queue, name="queue"),
    path("<int:consultation>/zadat/", admin_views.enter, name="enter"),
    path("<int:consultation>/vyporadani/", admin_views.publish, name="publish"),
    path("<int:consultation>/pripominka/<int:pk>/", admin_views.comment, name="comment"),
    path("<int:consultation>/pripominka/<int:pk>/skryt/", admin_views.hide, name="hide"),
    path("<int:consultation>/pripominka/<int:pk>/zobrazit/", admin_views.unhide, name="unhide"),
    path("<int:consultation>/pripominka/<int:pk>/vymazat-udaje/", admin_views.erase, name="erase"),
    path("<int:consultation>/pripominka/<int:pk>/sken/", admin_views.scan, name="scan"),
]

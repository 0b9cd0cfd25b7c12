"""The public web version of the plan, at `<process>/plan/` (namespace plan).

`plan/` is the working draft (always the live text), `plan/schvaleny/` the publication page (the current official
plan with its approval, downloads, older versions and the action plans), `plan/verze/` the archive of versions with
a form comparing two of them, `plan/verze/<n>/` one frozen version and `plan/verze/<a>/rozdil/<b>/` their diff.
"""

from django.urls import path

from . import views

app_name = "plan"
urlpatterns = [
    path("", views.draft, name="draft"),
    path("schvaleny/", views.publication, name="publication"),
    path("verze/", views.archive, name="archive"),
    path("verze/<int:number>/", views.version, name="version"),
    path("verze/<int:a>/rozdil/<int:b>/", views.compare, name="diff"),
    path("verze/<int:number>.<slug:fmt>", views.version_file, name="version_file"),
]

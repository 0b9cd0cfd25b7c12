"""Public pages of the comment periods, at `<process>/pripominky/` (namespace consultation).

`pripominky/` lists the periods of the process with their status; `pripominky/<id>/` shows the version for
comments with a "comment" link after every chapter heading and paragraph; `pripominky/<id>/nova/` is the form
(`?kapitola=<key>&odstavec=<id>` names what is commented on); `pripominky/<id>/prijato/<token>/` confirms a
received comment (the signed token names it, so the page shows nobody else's).
"""

from django.urls import path

from . import views

app_name = "consultation"
urlpatterns = [
    path("", views.periods, name="periods"),
    path("<int:consultation>/", views.document, name="document"),
    path("<int:consultation>/nova/", views.comment, name="comment"),
    path("<int:consultation>/prijato/<str:token>/", views.received, name="received"),
]

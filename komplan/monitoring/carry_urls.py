"""URLs of carrying the plan on (namespace monitoring_carry), mounted at `<process>/sprava/plneni/prevod/`."""

from django.urls import path

from . import carry_views

app_name = "monitoring_carry"
urlpatterns: list = [
    path("", carry_views.index, name="index"),
    path("<int:year>/", carry_views.year_page, name="year"),
    path("<int:year>/provest/", carry_views.year_carry, name="carry"),
    path("nove-obdobi/", carry_views.next_period, name="next_period"),
]

"""The public settlement of a comment period, at `<process>/pripominky/<consultation>/vyporadani/` (namespace
consultation_settlement): the page and its XLSX, PDF and DOCX; 404 until the settlement is published."""

from django.urls import path

from . import settlement_views

app_name = "consultation_settlement"
urlpatterns = [
    path("<int:consultation>/vyporadani/", settlement_views.page, name="page"),
    path("<int:consultation>/vyporadani.<slug:fmt>", settlement_views.download, name="download"),
]

"""Results of surveys, included at `<slug:process>/analyzy/pruzkumy/` (namespace survey_results)."""

from django.urls import path

from . import results_views

app_name = "survey_results"
urlpatterns = [
    path("", results_views.survey_index, name="index"),
    path("<slug:survey>/", results_views.survey_results, name="results"),
    path("<slug:survey>/vysledky.pdf", results_views.analysis_pdf, name="pdf"),
    path("<slug:survey>/kapitola/", results_views.survey_chapter, name="chapter"),
    path("<slug:survey>/odpovedi.csv", results_views.answers_export, {"fmt": "csv"}, name="export_csv"),
    path("<slug:survey>/odpovedi.xlsx", results_views.answers_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("<slug:survey>/kodovnik.csv", results_views.codebook_export, name="codebook"),
    path("<slug:survey>/kontakty.csv", results_views.contacts_export, name="contacts"),
    path("<slug:survey>/kategorie/<slug:key>/", results_views.coding_page, name="coding"),
]

"""Staff screens of surveys, included at `<slug:process>/sprava/pruzkumy/` (namespace surveys_admin).

Every page of one survey has at least two segments (``<survey>/dotaznik/``…), so the fixed pages ``novy/`` and
``import/`` can never be shadowed by a survey's slug.
"""

from django.urls import path

from . import catalogue_urls, invitation_views, paper_urls, question_views, survey_views

app_name = "surveys_admin"
urlpatterns = [
    path("", survey_views.survey_list, name="list"),
    path("novy/", survey_views.survey_create, name="create"),
    path("import/", survey_views.import_preview, name="import"),
    path("import/potvrdit/", survey_views.import_confirm, name="import_confirm"),
    path("<slug:survey>/dotaznik/", question_views.survey_builder, name="survey"),
    path("<slug:survey>/nastaveni/", survey_views.survey_settings, name="settings"),
    path("<slug:survey>/smazat/", survey_views.survey_delete, name="delete"),
    path("<slug:survey>/nahled/", survey_views.preview, name="preview"),
    path("<slug:survey>/struktura/", survey_views.structure, name="structure"),
    path("<slug:survey>/verze/", survey_views.versions, name="versions"),
    path("<slug:survey>/verze/<int:number>/", survey_views.version_detail, name="version"),
    path("<slug:survey>/kody/", question_views.renumber, name="renumber"),
    path("<slug:survey>/oddily/novy-oddil/", question_views.section_add, name="section_add"),
    path("<slug:survey>/oddily/<slug:key>/", question_views.section_edit, name="section_edit"),
    path("<slug:survey>/oddily/<slug:key>/posunout/", question_views.section_move, name="section_move"),
    path("<slug:survey>/oddily/<slug:key>/smazat/", question_views.section_delete, name="section_delete"),
    path("<slug:survey>/oddily/<slug:section>/nova-otazka/", question_views.question_add, name="question_add"),
    path("<slug:survey>/otazky/<slug:key>/", question_views.question_edit, name="question_edit"),
    path("<slug:survey>/otazky/<slug:key>/podminky/", question_views.question_conditions, name="question_conditions"),
    path("<slug:survey>/otazky/<slug:key>/posunout/", question_views.question_move, name="question_move"),
    path("<slug:survey>/otazky/<slug:key>/smazat/", question_views.question_delete, name="question_delete"),
    path("<slug:survey>/pozvanky/", invitation_views.invitation_list, name="invitations"),
    path("<slug:survey>/pozvanky/vytvorit/", invitation_views.invitation_create, name="invitation_create"),
    path("<slug:survey>/pozvanky/odeslat/", invitation_views.invitation_send, name="invitation_send"),
    path("<slug:survey>/pozvanky/<int:invitation>/", invitation_views.invitation_edit, name="invitation_edit"),
    path(
        "<slug:survey>/pozvanky/<int:invitation>/znovu/", invitation_views.invitation_resend, name="invitation_resend"
    ),
    path(
        "<slug:survey>/pozvanky/<int:invitation>/smazat/", invitation_views.invitation_delete, name="invitation_delete"
    ),
]

# Paper entry and the provider survey's catalogue proposals live in their own modules, in this namespace.
urlpatterns += paper_urls.urlpatterns + catalogue_urls.urlpatterns

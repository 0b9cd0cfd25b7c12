from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from komplan.api.urls import api
from komplan.meetings.views import calendar_feed

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
urlpatterns += i18n_patterns(
    path("ucet/", include("komplan.accounts.urls")),
    path("<slug:process>/sprava/lide/", include("komplan.accounts.process_urls")),
    path("<slug:process>/sprava/katalog/", include("komplan.directory.urls")),
    path("<slug:process>/sprava/pruzkumy/", include("komplan.surveys.admin_urls")),
    path("<slug:process>/pruzkumy/", include("komplan.surveys.collect_urls")),
    path("<slug:process>/analyzy/pruzkumy/", include("komplan.surveys.results_urls")),
    path("<slug:process>/sprava/demografie/", include("komplan.demography.admin_urls")),
    path("<slug:process>/sprava/skupiny/", include("komplan.planning.admin_urls")),
    path("<slug:process>/sprava/strategie/", include("komplan.strategy.admin_urls")),
    path("<slug:process>/sprava/plan/", include("komplan.plan.admin_urls")),
    path("<slug:process>/sprava/pripominky/obdobi/", include("komplan.consultation.period_admin_urls")),
    path("<slug:process>/sprava/schuzky/", include("komplan.meetings.admin_urls")),
    path("<slug:process>/sprava/swot/", include("komplan.vision.admin_urls")),
    path("<slug:process>/sprava/potreby/", include("komplan.needs.admin_urls")),
    path("<slug:process>/sprava/pripominky/", include("komplan.consultation.admin_urls")),
    path("<slug:process>/sprava/plneni/zpravy/", include("komplan.monitoring.report_admin_urls")),
    path("<slug:process>/sprava/plneni/prevod/", include("komplan.monitoring.carry_urls")),
    path("<slug:process>/sprava/plneni/", include("komplan.monitoring.admin_urls")),
    path("<slug:process>/sprava/", include("komplan.territory.urls")),
    path("<slug:process>/skupiny/", include("komplan.planning.urls")),
    path("<slug:process>/schuzky/", include("komplan.meetings.urls")),
    path("<slug:process>/schuzky.ics", calendar_feed, name="meetings_feed"),
    path("<slug:process>/vize-a-swot/", include("komplan.vision.urls")),
    path("<slug:process>/analyzy/potreby/", include("komplan.needs.urls")),
    path("<slug:process>/plan/", include("komplan.plan.urls")),
    path("<slug:process>/plneni/zpravy/", include("komplan.monitoring.report_urls")),
    path("<slug:process>/plneni/", include("komplan.monitoring.urls")),
    path("<slug:process>/pripominky/", include("komplan.consultation.settlement_urls")),
    path("<slug:process>/pripominky/", include("komplan.consultation.urls")),
    path("<slug:process>/", include("komplan.strategy.urls")),
    path("", include("komplan.portal.urls")),
    prefix_default_language=False,
)

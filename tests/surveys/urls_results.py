"""Test URLs until the lead wires the results: the real URLs plus the survey results and their API route.

Used with ``pytest.mark.urls("tests.surveys.urls_results")``. The API is a separate NinjaAPI instance with
the same language decorator and error handlers as the real one (routers can be mounted on several APIs).
"""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from ninja import NinjaAPI

from config import urls as real
from komplan.api import errors
from komplan.api.language import with_language
from komplan.api.survey_results import router

api = NinjaAPI(title="komplan survey results (tests)", version="test", urls_namespace="survey_results_api")
api.add_decorator(with_language, mode="view")
errors.install(api)
api.add_router("/surveys", router)

urlpatterns = [
    path("api/v1/", api.urls),
    *real.urlpatterns[:2],
    *i18n_patterns(
        path("<slug:process>/analyzy/pruzkumy/", include("komplan.surveys.results_urls")),
        prefix_default_language=False,
    ),
    *real.urlpatterns[2:],
]

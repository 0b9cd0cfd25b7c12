"""Test URLconf: the survey API routers on a NinjaAPI of their own, before the project's URLs.

Until the lead registers ``komplan.api.surveys`` in komplan/api/urls.py, the API tests of surveys use
``pytest.mark.urls("tests.api.urls_surveys")``. Ninja routers may be attached to several APIs, so this
keeps working after the registration (this module's routes simply match first). It also carries the
public survey pages, which the API's ``url`` fields point to.
"""

from django.urls import path
from ninja import NinjaAPI

from komplan.api import errors, surveys
from komplan.api.language import with_language
from tests.surveys import urls_collect

api = NinjaAPI(title="komplan API (surveys, tests)", version="1", urls_namespace="api_surveys_test")
api.add_decorator(with_language, mode="view")
errors.install(api)
api.add_router("/processes", surveys.process_router)
api.add_router("/surveys", surveys.router)

urlpatterns = [path("api/v1/", api.urls), *urls_collect.urlpatterns]

"""The JSON API, mounted at ``/api/v1/`` by config/urls.py (docs at ``/api/v1/docs``)."""

from ninja import NinjaAPI

from . import errors
from .catalogue import organizations_router
from .catalogue import router as services_router
from .consultation import process_router as consultation_process_router
from .consultation import router as consultation_router
from .demography import process_router as demography_process_router
from .demography import territory_router as demography_territory_router
from .language import with_language
from .meetings import process_router as meetings_process_router
from .monitoring import process_router as monitoring_process_router
from .monitoring_report import process_router as monitoring_report_process_router
from .needs import process_router as needs_process_router
from .plan import process_router as plan_process_router
from .plan_files import process_router as plan_files_process_router
from .planning import process_router as planning_process_router
from .processes import router as processes_router
from .settlement import router as settlement_router
from .strategy import process_router as strategy_process_router
from .survey_results import router as survey_results_router
from .surveys import process_router as survey_process_router
from .surveys import router as surveys_router
from .territories import router as territories_router
from .vision import process_router as vision_process_router

DESCRIPTION = """\
JSON API of komplan: the ČSÚ territories (kraj, okres, ORP, POU, municipality), the community-planning
processes, the catalogue of social services (services and providers), the socio-demographic analysis
(population, projections, indicators), surveys (questionnaires, public submission of answers, aggregated
results), the community plan document (its versions, their approval and content), the public comment periods
on the plan and the monitoring of its fulfilment (`GET /processes/{slug}/monitoring`). Everything is read-only
except these POST endpoints:

* `POST /surveys/{id}/responses`, the public submission of a survey, and `POST /consultations/{id}/comments`, a
  public comment on the plan (both anonymous, no CSRF token needed);
* `POST /processes/{slug}/activity-sheets`, a member submits an activity sheet, and
  `POST /processes/{slug}/activities/{id}/progress`, the progress report of an activity by those responsible for
  it (both signed in, with the CSRF token in `X-CSRFToken`).

* **Authentication**: the Django session of the web site; anonymous callers see public processes only.
* **Language** of labels and error messages: `?lang=cs|en`, else the site's language cookie,
  else `Accept-Language`, else Czech. The answer names it in `Content-Language`.
* **Errors** are JSON: `{"detail": "..."}` with 404 for unknown (or hidden) objects, 400 for an
  ambiguous territory code (with `candidates`) or an unknown catalogue filter value (with `parameter`
  and `allowed`), 422 for invalid parameters.
"""

api = NinjaAPI(title="komplan API", version="1", urls_namespace="api", description=DESCRIPTION)
# "view" mode wraps the whole operation, so exception handlers also answer in the chosen language.
api.add_decorator(with_language, mode="view")
errors.install(api)
api.add_router("/territories", demography_territory_router)
api.add_router("/territories", territories_router)
# The plan's files (…/versions/{n}.pdf) go before any route of …/versions/{n}, which would take "3.pdf" as n.
api.add_router("/processes", plan_files_process_router)
api.add_router("/processes", demography_process_router)
api.add_router("/processes", survey_process_router)
api.add_router("/processes", planning_process_router)
api.add_router("/processes", strategy_process_router)
api.add_router("/processes", meetings_process_router)
api.add_router("/processes", vision_process_router)
api.add_router("/processes", needs_process_router)
api.add_router("/processes", monitoring_process_router)
api.add_router("/processes", monitoring_report_process_router)
api.add_router("/processes", plan_process_router)
api.add_router("/processes", consultation_process_router)
api.add_router("/processes", processes_router)
api.add_router("/consultations", settlement_router)
api.add_router("/consultations", consultation_router)
api.add_router("/surveys", surveys_router)
api.add_router("/surveys", survey_results_router)
api.add_router("/services", services_router)
api.add_router("/organizations", organizations_router)

"""Test URLconf: the project's URLs plus the collection pages, where the lead will wire them.

Until config/urls.py includes ``komplan.surveys.collect_urls`` (namespace ``surveys``) and the staff URLs
include ``komplan.surveys.paper_urls`` (namespace ``surveys_admin``), tests use this module with
``pytest.mark.urls("tests.surveys.urls_collect")``. A namespace config/urls.py already has is not added
twice, so the module keeps working once the lead has wired them.
"""

from django.conf.urls.i18n import i18n_patterns
from django.urls import URLResolver, include, path

from config import urls as project
from komplan.surveys import paper_urls


def _namespaces(patterns) -> set[str]:
    found = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace:
                found.add(pattern.namespace)
            found |= _namespaces(pattern.url_patterns)
    return found


_present = _namespaces(project.urlpatterns)
_ours = []
if "surveys" not in _present:
    _ours.append(path("<slug:process>/pruzkumy/", include("komplan.surveys.collect_urls")))
if "surveys_admin" not in _present:
    # As the lead will wire it: the staff screens of surveys and paper entry in one namespace.
    from komplan.surveys import admin_urls

    staff = [*admin_urls.urlpatterns, *paper_urls.urlpatterns]
    _ours.append(path("<slug:process>/sprava/pruzkumy/", include((staff, "surveys_admin"))))

# Ours first: the portal's catch-all process patterns come later in config/urls.py.
urlpatterns = (i18n_patterns(*_ours, prefix_default_language=False) if _ours else []) + list(project.urlpatterns)

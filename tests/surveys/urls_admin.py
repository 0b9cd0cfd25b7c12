"""config.urls with the staff survey screens included (before the workspace's own `<process>/sprava/`), for
tests until the lead wires komplan.surveys.admin_urls into config/urls.py."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import URLResolver, include, path

from config import urls as base


def _localised(pattern) -> bool:
    return isinstance(pattern, URLResolver) and hasattr(pattern.pattern, "prefix_default_language")


urlpatterns = [
    *(p for p in base.urlpatterns if not _localised(p)),
    *i18n_patterns(
        path("<slug:process>/sprava/pruzkumy/", include("komplan.surveys.admin_urls")),
        *(p for resolver in base.urlpatterns if _localised(resolver) for p in resolver.url_patterns),
        prefix_default_language=False,
    ),
]

"""A test-only URLconf for the page shell: every URL name base.html needs, with trivial views.

The real views and URLconfs are written separately; these stand-ins let ``tests/portal/test_shell.py``
render ``base.html`` through the real middleware (``ProcessMiddleware`` resolves ``<process>``)
and the real context processors. Use with ``@pytest.mark.urls("tests.portal.shell_urls")``.
"""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.contrib import messages
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

PAGE = engines["django"].from_string(
    '{% extends "base.html" %}'
    "{% block title %}{{ title }}{% endblock %}"
    "{% block content %}<h1>{{ title }}</h1>{% endblock %}"
)


def page(title: str, breadcrumbs: list | None = None):
    def view(request, **kwargs):
        context = {"title": title}
        if breadcrumbs is not None:
            context["breadcrumbs"] = breadcrumbs
        return HttpResponse(PAGE.render(context, request))

    return view


def process_page(request, process):
    crumbs = [(request.process.name, f"/{process}/"), ("Detail", None)]
    return HttpResponse(PAGE.render({"title": request.process.name, "breadcrumbs": crumbs}, request))


def with_message(request):
    messages.success(request, "Saved.")
    return HttpResponse(PAGE.render({"title": "Messages"}, request))


def plain(request, **kwargs):
    return HttpResponse("ok")


portal_patterns = [
    path("", page("Home"), name="home"),
    path("pismo/", plain, name="font_size"),
    path("co-je-komunitni-planovani/", page("About"), name="about"),
    path("prohlaseni-o-pristupnosti/", page("Accessibility"), name="accessibility"),
    path("kontakt/", page("Contact"), name="contact"),
    path("zprava/", with_message, name="message"),
    path("<slug:process>/", process_page, name="process"),
]
accounts_patterns = [
    path("prihlaseni/", page("Log in"), name="login"),
    path("odhlaseni/", plain, name="logout"),
    path("", page("My account"), name="home"),
]
territory_patterns = [
    path("<slug:process>/prostor/", plain, name="workspace"),
]

urlpatterns = i18n_patterns(
    path("ucet/", include((accounts_patterns, "accounts"))),
    path("sprava/", include((territory_patterns, "territory"))),
    path("", include((portal_patterns, "portal"))),
    prefix_default_language=False,
)

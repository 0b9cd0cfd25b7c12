"""Resolve the planning process once per request (see komplan.territory.access)."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from komplan.territory.access import ProcessAccess
from komplan.territory.models import PlanningProcess

from .models import Membership


def access_for(user, process: PlanningProcess) -> ProcessAccess:
    membership = Membership.objects.of(user, process)
    return ProcessAccess(
        process=process,
        is_member=membership is not None,
        is_superuser=bool(user.is_authenticated and user.is_superuser),
        permissions=membership.permissions if membership else frozenset(),
        membership=membership,
    )


class ProcessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        slug = view_kwargs.get("process")
        if slug is None:
            return None
        internal = getattr(view_func, "komplan_internal", False)
        if internal and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        process = PlanningProcess.objects.with_area().filter(slug=slug).first()
        if process is None:
            raise Http404
        access = access_for(request.user, process)
        if not process.is_public and not access.is_insider:
            raise Http404
        request.process = process
        request.access = access
        return None

"""Roles in a planning process and the named permission flags each role grants.

Views check flags, never role names, so a role can change its rights in one place.
The table is documented in docs/roles.md (a test keeps the two in sync).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    PLAN_PROCESSOR = "plan_processor", _("plan processor")
    STEERING_MEMBER = "steering_member", _("steering group member")
    WORKING_MEMBER = "working_member", _("working group member")
    PROVIDER_EDITOR = "provider_editor", _("provider editor")


class Triad(models.TextChoices):
    COMMISSIONER = "commissioner", _("commissioner")
    PROVIDER = "provider", _("provider")
    USER = "user", _("service user")
    PUBLIC = "public", _("public")


class Perm(models.TextChoices):
    VIEW_INTERNAL = "view_internal", _("see the internal workspace of the process")
    MANAGE_PROCESS = "manage_process", _("edit the process, its phases and pages")
    MANAGE_MEMBERS = "manage_members", _("invite people and change their roles")
    VIEW_PERSONAL_DATA = "view_personal_data", _("see e-mail addresses of participants")
    EDIT_PLAN = "edit_plan", _("edit the plan document")
    MANAGE_ANALYSIS = "manage_analysis", _("import statistics and edit the analyses")
    MANAGE_CATALOGUE = "manage_catalogue", _("edit the whole catalogue of services")
    EDIT_OWN_PROVIDER = "edit_own_provider", _("edit the services of one's own provider")
    MANAGE_SURVEYS = "manage_surveys", _("run surveys")
    MANAGE_MEETINGS = "manage_meetings", _("organise meetings and write minutes")
    EVALUATE_COMMENTS = "evaluate_comments", _("evaluate public comments")
    REPORT_PROGRESS = "report_progress", _("report progress of one's own activities")


ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.COORDINATOR: frozenset(Perm.values),
    Role.PLAN_PROCESSOR: frozenset(
        {
            Perm.VIEW_INTERNAL,
            Perm.VIEW_PERSONAL_DATA,
            Perm.EDIT_PLAN,
            Perm.MANAGE_ANALYSIS,
            Perm.MANAGE_CATALOGUE,
            Perm.MANAGE_SURVEYS,
            Perm.MANAGE_MEETINGS,
            Perm.EVALUATE_COMMENTS,
            Perm.REPORT_PROGRESS,
        }
    ),
    Role.STEERING_MEMBER: frozenset({Perm.VIEW_INTERNAL, Perm.EVALUATE_COMMENTS, Perm.REPORT_PROGRESS}),
    Role.WORKING_MEMBER: frozenset({Perm.VIEW_INTERNAL, Perm.REPORT_PROGRESS}),
    Role.PROVIDER_EDITOR: frozenset({Perm.VIEW_INTERNAL, Perm.EDIT_OWN_PROVIDER, Perm.REPORT_PROGRESS}),
}


def permissions_for(role: str) -> frozenset[str]:
    return ROLE_PERMISSIONS.get(role, frozenset())

"""Who may report the progress of which activity (docs/monitoring.md, "Who reports").

* Members who may manage the process or edit the plan (coordinator, plan processor) and superusers: every
  activity of the process.
* Other members with ``report_progress``: the activities whose ``responsible_member`` is their membership, and
  those whose ``responsible_provider`` is a provider they are an editor of in this process.
* Everyone else: none.
"""

from __future__ import annotations

from dataclasses import dataclass

from komplan.accounts.roles import Perm
from komplan.directory.review import OrganizationEditor

ALL_ACTIVITY_FLAGS = (Perm.MANAGE_PROCESS, Perm.EDIT_PLAN)


@dataclass(frozen=True)
class ReporterScope:
    everything: bool = False
    membership_id: int | None = None
    provider_ids: frozenset[int] = frozenset()

    def covers(self, activity) -> bool:
        if self.everything:
            return True
        if self.membership_id is not None and activity.responsible_member_id == self.membership_id:
            return True
        return activity.responsible_provider_id is not None and activity.responsible_provider_id in self.provider_ids

    @property
    def reports_anything(self) -> bool:
        return self.everything or self.membership_id is not None or bool(self.provider_ids)


def scope_for(access, user) -> ReporterScope:
    """The activities ``user`` (with ``access`` to the process) may report on."""
    if any(access.can(flag) for flag in ALL_ACTIVITY_FLAGS):
        return ReporterScope(everything=True)
    if not access.can(Perm.REPORT_PROGRESS) or access.membership is None:
        return ReporterScope()
    providers = OrganizationEditor.objects.filter(process=access.process, user=user).values_list(
        "organization_id", flat=True
    )
    return ReporterScope(membership_id=access.membership.pk, provider_ids=frozenset(providers))

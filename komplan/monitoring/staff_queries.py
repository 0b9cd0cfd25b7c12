"""Reads for the staff pages of reporting (docs/monitoring.md, "Staff pages: reporting").

* :func:`attach_responsibles` sets on every activity who is responsible for it and who can report it (the
  responsible member while active, the editors of the responsible provider who are active members able to report)
  in a fixed number of queries;
* :func:`completeness` counts reported/expected activities per responsible person or provider (a pure function);
* :func:`missing_from` groups unreported activities by the people who are reminded of them (a pure function);
* :func:`reminder_log` groups the reminders of a period by sending.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from komplan.accounts.models import Membership
from komplan.accounts.roles import Perm
from komplan.directory.review import OrganizationEditor
from komplan.lib.text import czech_key
from komplan.strategy.models import Activity

from . import rollup
from .models import MonitoringPeriod, Reminder


def person_name(user) -> str:
    return user.get_full_name() or user.email


def attach_responsibles(process, activities: list[Activity]) -> None:
    """Set ``responsible_member`` (with its user), ``responsible_provider``, ``responsible_label`` and
    ``reporters`` (the users reminded of the activity, by name) on every activity; three queries."""
    found = {
        a.pk: a
        for a in Activity.objects.filter(pk__in=[a.pk for a in activities]).select_related(
            "responsible_member__user", "responsible_provider"
        )
    }
    provider_ids = {a.responsible_provider_id for a in found.values() if a.responsible_provider_id}
    editors = list(
        OrganizationEditor.objects.filter(
            process=process, organization_id__in=provider_ids, user__is_active=True
        ).select_related("user")
    )
    reporting = {
        m.user_id
        for m in Membership.objects.filter(process=process, is_active=True, user__is_active=True)
        if m.has_perm(Perm.REPORT_PROGRESS)
    }
    by_provider: dict[int, list] = {}
    for editor in editors:
        if editor.user_id in reporting:
            by_provider.setdefault(editor.organization_id, []).append(editor.user)
    for activity in activities:
        loaded = found.get(activity.pk, activity)
        activity.responsible_member = loaded.responsible_member
        activity.responsible_provider = loaded.responsible_provider
        member = activity.responsible_member
        people = []
        if member is not None and member.user_id in reporting:
            people.append(member.user)
        for user in by_provider.get(activity.responsible_provider_id, []):
            if all(user.pk != seen.pk for seen in people):
                people.append(user)
        activity.reporters = sorted(people, key=lambda u: czech_key(person_name(u)))
        activity.responsible_label = responsible_label(activity)


def set_totals(activities: Iterable[Activity]) -> None:
    """``planned_total`` and ``spent_total`` of every activity read by querysets.year_tree (its ``facts``)."""
    for activity in activities:
        activity.planned_total = sum(activity.facts.planned.values(), Decimal(0))
        activity.spent_total = sum(activity.facts.spent.values(), Decimal(0))


def responsible_label(activity: Activity) -> str:
    parts = []
    if activity.responsible_member is not None:
        parts.append(person_name(activity.responsible_member.user))
    if activity.responsible_provider is not None:
        parts.append(activity.responsible_provider.name)
    return "; ".join(parts)


# ---------------------------------------------------------------------------------------------- completeness


@dataclass
class CompletenessRow:
    label: str
    expected: int = 0
    reported: int = 0
    nobody: bool = False  # nobody but the coordinator can report these activities

    @property
    def percent(self) -> Decimal | None:
        return rollup.share(Decimal(self.reported), Decimal(self.expected))

    @property
    def missing(self) -> int:
        return self.expected - self.reported


@dataclass
class Completeness:
    total: CompletenessRow
    rows: list[CompletenessRow] = field(default_factory=list)
    unassigned: list = field(default_factory=list)  # activities nobody is responsible for (or nobody can report)


@dataclass(frozen=True)
class ReportingFacts:
    """What completeness needs of one activity."""

    key: tuple
    label: str
    reported: bool
    has_reporter: bool
    item: object = None


def completeness(facts: Iterable[ReportingFacts]) -> Completeness:
    """Reported/expected in total and per responsible (person, provider or both); activities nobody can report
    form their own row and are listed in ``unassigned``. Rows: most missing first, then by label."""
    total = CompletenessRow(label=_("All activities"))
    rows: dict[tuple, CompletenessRow] = {}
    unassigned = []
    for fact in facts:
        nobody = not fact.has_reporter
        key = ("nobody",) if nobody else fact.key
        label = _("Nobody can report (only the coordinator)") if nobody else fact.label
        row = rows.setdefault(key, CompletenessRow(label=label, nobody=nobody))
        for counted in (total, row):
            counted.expected += 1
            counted.reported += int(fact.reported)
        if nobody:
            unassigned.append(fact.item)
    ordered = sorted(rows.values(), key=lambda r: (not r.nobody, -r.missing, czech_key(r.label)))
    return Completeness(total=total, rows=ordered, unassigned=unassigned)


def facts_for(activities: Iterable[Activity]) -> list[ReportingFacts]:
    """ReportingFacts of activities read by querysets.year_tree and passed through :func:`attach_responsibles`."""
    return [
        ReportingFacts(
            key=(a.responsible_member_id, a.responsible_provider_id),
            label=a.responsible_label,
            reported=a.report is not None,
            has_reporter=bool(a.reporters),
            item=a,
        )
        for a in activities
    ]


# ---------------------------------------------------------------------------------------------- who is missing


@dataclass
class Missing:
    user: object
    activities: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return person_name(self.user)


def missing_from(activities: Iterable[Activity]) -> list[Missing]:
    """The people to remind: everyone who can report at least one unreported activity, with those activities
    (activities with ``report`` and ``reporters`` set), by name."""
    found: dict[int, Missing] = {}
    for activity in activities:
        if getattr(activity, "report", None) is not None:
            continue
        for user in activity.reporters:
            found.setdefault(user.pk, Missing(user=user)).activities.append(activity)
    return sorted(found.values(), key=lambda m: czech_key(m.name))


# ---------------------------------------------------------------------------------------------- reminder log


@dataclass
class Sending:
    sent_at: object
    sent_by: object
    people: list = field(default_factory=list)  # (name, activities)

    @property
    def count(self) -> int:
        return len(self.people)


def reminder_log(period: MonitoringPeriod | None) -> list[Sending]:
    """The reminders of a period, one entry per sending (reminders sent together share their time), newest first."""
    if period is None:
        return []
    sendings: dict[tuple, Sending] = {}
    for reminder in Reminder.objects.filter(period=period).select_related("user", "sent_by").order_by("-sent_at"):
        key = (reminder.sent_at, reminder.sent_by_id)
        sending = sendings.setdefault(key, Sending(sent_at=reminder.sent_at, sent_by=reminder.sent_by))
        sending.people.append((person_name(reminder.user), reminder.activities))
    for sending in sendings.values():
        sending.people.sort(key=lambda p: czech_key(p[0]))
    return list(sendings.values())

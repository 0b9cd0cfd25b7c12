"""``{% succession_facts process %}``: the previous and next planning periods of a process, as ``<dt>/<dd>`` pairs
for the process's public home (only the processes the visitor may see are linked)."""

from __future__ import annotations

from django import template
from django.contrib.auth.models import AnonymousUser

from komplan.territory.models import PlanningProcess

from ..carry_services import succession_of

register = template.Library()


@register.inclusion_tag("monitoring/carry_succession.html", takes_context=True)
def succession_facts(context, process) -> dict:
    previous, following = succession_of(process)
    linked = [link for link in (previous and previous.previous, following and following.next) if link]
    if not linked:
        return {}
    user = getattr(context.get("request"), "user", None) or AnonymousUser()
    visible = set(
        PlanningProcess.objects.visible_to(user).filter(pk__in=[p.pk for p in linked]).values_list("pk", flat=True)
    )
    return {
        "previous": previous.previous if previous and previous.previous_id in visible else None,
        "following": following.next if following and following.next_id in visible else None,
    }

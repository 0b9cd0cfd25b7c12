"""Public pages of the bodies: `<process>/skupiny/` and `<process>/skupiny/<slug>/` (namespace planning).

Members' names are personal data: only members of the process see them. The public sees the triad balance
and the organisation of the leader.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from komplan.lib.charts import bar_chart

from . import querysets


def _crumbs(process, *tail):
    bodies = reverse("planning:bodies", kwargs={"process": process.slug}) if tail else None
    return [(process.name, process.get_absolute_url()), (_("Groups"), bodies), *tail]


def body_list(request, process):
    process = request.process
    bodies = list(querysets.bodies_for(process))
    rows = [(body, querysets.triad_rows(body)) for body in bodies]
    return render(
        request,
        "planning/bodies.html",
        {"rows": rows, "show_names": request.access.is_insider, "breadcrumbs": _crumbs(process)},
    )


def body_detail(request, process, body: str):
    process = request.process
    found = querysets.bodies_for(process).filter(slug=body).first()
    if found is None:
        raise Http404
    triads = querysets.triad_rows(found)
    chart = bar_chart(
        [label for _value, label, _count in triads],
        [count for _value, _label, count in triads],
        title=_("Triad balance of the group"),
        description=_("Number of members of the group by their triad type."),
        value_label=_("Members"),
    )
    return render(
        request,
        "planning/body.html",
        {
            "body": found,
            "triads": triads,
            "chart": chart,
            "leader": found.leader(),
            "show_names": request.access.is_insider,
            "breadcrumbs": _crumbs(process, (found.name, None)),
        },
    )

"""The generated source ``consultation_settlement`` of the plan document (registered in komplan.plan.sources from
``ConsultationConfig.ready``): the settlement of every comment period of the process whose settlement is
published — its counts and one row per comment, public fields only (komplan.consultation.settlement).

``publish_settlement`` adds the annex chapter holding a block of this source, so the next frozen version of the
plan (and its PDF and DOCX) carries the settlement as it was when that version was frozen.
"""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from komplan.plan.sources import heading, para, register, table

from . import settlement
from .staff_querysets import published_for_process, settlement_items


def _period(consultation) -> str:
    start = formats.date_format(consultation.opens_on, "j. n. Y")
    end = formats.date_format(consultation.closes_on, "j. n. Y")
    return f"{start} – {end}"


def items_for(consultation) -> list[dict]:
    """The annex items of one comment period."""
    found = settlement_items(consultation)
    numbers = settlement.counts(found)
    out = [
        para(
            _(
                "Public comments on version %(number)d of the plan were accepted from %(period)s. "
                "%(received)d comments were received; each was evaluated and answered."
            )
            % {"number": consultation.version.number, "period": _period(consultation), "received": numbers.received}
        ),
        table(_("Comments in numbers"), settlement.counts_header(), settlement.counts_rows(numbers)),
    ]
    if found:
        out.append(
            table(
                _("Comments and their settlement"),
                settlement.header(),
                settlement.rows(found, consultation.version.snapshot),
            )
        )
    return out


@register("consultation_settlement", gettext_lazy("Settlement of public comments"))
def consultation_settlement(process) -> list[dict]:
    consultations = list(published_for_process(process))
    if not consultations:
        return [para(_("No settlement of public comments has been published yet."))]
    if len(consultations) == 1:
        return items_for(consultations[0])
    out: list[dict] = []
    for consultation in consultations:
        out.append(heading(_("Comment period %(period)s") % {"period": _period(consultation)}))
        out += items_for(consultation)
    return out

from django import template
from django.utils.safestring import mark_safe

from komplan.lib.markdown import render_markdown

register = template.Library()


@register.filter
def plan_markdown(text: str) -> str:
    """Markdown of the plan text, sanitised by komplan.lib.markdown (nh3): no raw HTML or scripts pass."""
    return mark_safe(render_markdown(text or ""))  # nh3-sanitised


@register.simple_tag
def plan_files(version, process_slug: str) -> list[dict]:
    """The downloadable (generated) files of a version: ``{% plan_files version current_process.slug as files %}``."""
    from komplan.plan.links import files

    return files(version, process_slug)


@register.filter
def diff_cells(row: dict) -> list[dict]:
    """The cells of a changed row of komplan.plan.diff with their old value: ``[{"text", "old", "changed"}]``."""
    flags = row.get("changed_cells") or []
    old = row.get("old_cells") or []
    return [
        {
            "text": text,
            "old": old[i] if i < len(old) else "",
            "changed": bool(flags[i]) if i < len(flags) else False,
        }
        for i, text in enumerate(row.get("cells", []))
    ]


@register.simple_tag
def plan_chart(item: dict):
    """The komplan.lib.charts Chart of a chart item (SVG + data table), or None when its data are unusable."""
    from komplan.plan.charts import to_chart

    try:
        return to_chart(item)
    except (KeyError, TypeError, ValueError):
        return None


@register.filter
def any_unfinished(renderings) -> bool:
    """True while a generated file of a version is waiting or being generated (the fragment keeps polling)."""
    return any(not r.finished for r in renderings)

from django import template
from django.utils.safestring import mark_safe

from komplan.lib.markdown import render_markdown

register = template.Library()


@register.filter
def plan_markdown(text: str) -> str:
    """Markdown of the plan text, sanitised by komplan.lib.markdown (nh3): no raw HTML or scripts pass."""
    return mark_safe(render_markdown(text or ""))  # nh3-sanitised


@register.simple_tag
def plan_files(process_slug: str, number: int) -> list[dict]:
    """The downloadable files of a version (empty until the PDF/DOCX outputs exist): ``{% plan_files ... as f %}``."""
    from komplan.plan.links import files

    return files(process_slug, number)


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

"""Background work of the plan document (django-tasks): generating the PDF and DOCX of a version.

Run by `manage.py db_worker` (started by `komplan serve`); the tests use the immediate backend.
"""

from __future__ import annotations

from django_tasks import task


@task()
def render_version(rendering_id: int) -> None:
    """Generate the file of one Rendering row (services.run_rendering records progress, result or error)."""
    from .services import run_rendering

    run_rendering(rendering_id)

"""What the meetings app stores about a person: attendance and tasks from minutes.

Registered in the personal-data export (komplan.accounts.personal_data). Deleting the account deletes the
attendance rows (``CASCADE``) and leaves the tasks in the minutes without an owner (``SET_NULL``).
"""

from __future__ import annotations

from .models import Attendance, Task


def _meeting(meeting) -> dict:
    return {"process_slug": meeting.process.slug, "meeting": meeting.title, "starts_at": meeting.starts_at.isoformat()}


def attendance(user) -> list[dict]:
    rows = Attendance.objects.filter(membership__user=user).select_related("meeting__process")
    return [{**_meeting(row.meeting), "status": row.status} for row in rows.order_by("meeting__starts_at", "pk")]


def tasks(user) -> list[dict]:
    rows = Task.objects.filter(owner__user=user).select_related("meeting__process")
    return [
        {
            **_meeting(task.meeting),
            "task": task.text,
            "deadline": task.deadline.isoformat() if task.deadline else None,
            "done": task.done_at.isoformat() if task.done_at else None,
        }
        for task in rows.order_by("deadline", "pk")
    ]

"""Attendance and tasks are in the person's data export; deleting the account removes attendance, keeps tasks."""

from komplan.accounts import services as accounts
from komplan.meetings.models import Attendance, Task


def test_the_export_lists_attendance_and_own_tasks(meetings, member):
    data = accounts.personal_data(member)
    assert [(row["meeting"], row["status"]) for row in data["meeting_attendance"]] == [
        ("Schůzka PS senioři", "excused")
    ]
    assert [(row["task"], row["deadline"]) for row in data["meeting_tasks"]] == [
        ("Zjistit kapacity stacionářů", "2007-06-20")
    ]


def test_deleting_the_account_removes_attendance_and_the_task_owner(meetings, member):
    accounts.delete_person(member)
    assert Attendance.objects.filter(meeting=meetings["public"], guest_name="").count() == 1  # the coordinator
    assert Task.objects.get(text="Zjistit kapacity stacionářů").owner is None

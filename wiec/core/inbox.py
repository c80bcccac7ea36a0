"""The office's inbox: every tool's tasks for one person, overdue first.

Tools list their tasks (:meth:`~wiec.core.participation.ToolContents.office_tasks`);
this module keeps only those the person may handle (each task's own permission, so an
official of one district never sees another's), orders them by legal deadline, and
joins the assignment and note the office left on each.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wiec.core.models import TaskAssignment
from wiec.core.participation import OfficeTask, Tool, each_tool
from wiec.core.services import record_event


@dataclass(frozen=True)
class InboxRow:
    tool: Tool
    task: OfficeTask
    assignee_id: int | None
    assignee_name: str
    note: str
    days_left: int | None

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.overdue else 0


def _visible(user: Any, tool_key: str = "", district_id: int | None = None):
    for tool, contents in each_tool():
        if tool_key and tool.key != tool_key:
            continue
        for task in contents.office_tasks(user):
            if district_id is not None and task.district_id != district_id:
                continue
            if user.has_perm(task.perm, task.obj):
                yield tool, task


def tasks_for(user: Any, *, tool: str = "", district_id: int | None = None) -> list[InboxRow]:
    """The person's tasks, overdue first, then by deadline (none last), then oldest."""
    today = timezone.localdate()
    found = list(_visible(user, tool, district_id))
    assignments = {
        (a.tool, a.key): a
        for a in TaskAssignment.objects.filter(
            tool__in={t.key for t, _task in found}, key__in={task.key for _t, task in found}
        ).select_related("assignee")
    }
    rows = []
    for t, task in found:
        a = assignments.get((t.key, task.key))
        rows.append(
            InboxRow(
                tool=t,
                task=task,
                assignee_id=a.assignee_id if a else None,
                assignee_name=_name(a.assignee) if a and a.assignee else "",
                note=a.note if a else "",
                days_left=(task.due - today).days if task.due else None,
            )
        )

    def order(row: InboxRow) -> tuple[int, int, datetime.date]:
        received = row.task.received or today
        return (0 if row.days_left is not None else 1, row.days_left or 0, received)

    return sorted(rows, key=order)


def _name(user: Any) -> str:
    return getattr(user, "display_name", "") or user.get_full_name() or user.email


def find_task(user: Any, tool: str, key: str) -> tuple[Tool, OfficeTask]:
    for t, task in _visible(user, tool):
        if task.key == key:
            return t, task
    raise PermissionDenied


def assign_task(*, actor: Any, tool: str, key: str, assignee: Any | None, note: str) -> None:
    """Give a task to a colleague (or take it back) and leave a note; audited.

    The assignee must be able to handle the task themselves: a task is never handed to
    someone its own permission would keep out.
    """
    t, task = find_task(actor, tool, key)
    if assignee is not None and not assignee.has_perm(task.perm, task.obj):
        raise ValidationError(
            _("This person cannot handle this task: choose someone whose role covers it."),
            code="assignee_not_allowed",
        )
    with transaction.atomic():
        assignment, _created = TaskAssignment.objects.select_for_update().get_or_create(
            tool=t.key, key=task.key
        )
        assignment.assignee = assignee
        assignment.note = note.strip()[:2000]
        assignment.updated_by = actor
        assignment.save()
        record_event(
            actor=actor,
            action="core.assign_task",
            target=assignment,
            data={"tool": t.key, "task": task.key, "assignee": getattr(assignee, "pk", None)},
        )

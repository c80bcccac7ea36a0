"""Background work of consultations (``manage.py db_worker``); tests run it at once."""

from __future__ import annotations

from django_tasks import task


@task()
def send_evaluation_invitations() -> int:
    """Invite the participants of consultations that have ended to evaluate them.

    Enqueued once a day by ``manage.py invite_to_evaluation`` (from cron or a
    systemd timer); publishing a report also invites at once.
    """
    from wiec.consultations.services import invite_ended_consultations

    return invite_ended_consultations()

"""Background work of residents' initiatives (``manage.py db_worker``); tests run it at once."""

from __future__ import annotations

from django_tasks import task


@task()
def send_fund_reminders_task() -> int:
    """Remind the office and the sołtysi of the village fund's deadlines.

    Enqueued once a day by ``manage.py send_fund_reminders`` (from cron or a systemd
    timer); each reminder goes out once, however often it runs.
    """
    from wiec.initiatives.reminders import send_fund_reminders

    return len(send_fund_reminders())

"""The lottery runs in the background (``manage.py db_worker``); tests run it at once."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django_tasks import task

from wiec.panels.models import Lottery, LotteryStatus


@task()
def draw_panel_task(lottery_id: int, actor_id: int | None = None) -> str:
    lottery = Lottery.objects.select_related("panel").filter(pk=lottery_id).first()
    if lottery is None or lottery.status != LotteryStatus.RUNNING:
        return "skipped"
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    from wiec.panels.services import draw_panel

    return draw_panel(actor=actor, lottery=lottery).status

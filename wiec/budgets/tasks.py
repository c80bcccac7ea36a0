"""Background work of the participatory budget (django-tasks)."""

from __future__ import annotations

from django_tasks import task


@task()
def count_edition(run_id: int) -> None:
    from wiec.budgets.models import CountRun
    from wiec.budgets.results import run_count

    run_count(CountRun.objects.select_related("edition").get(pk=run_id))

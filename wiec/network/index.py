"""The Map of Participation's index: every member municipality's processes in one table.

Each tool lists the current municipality's processes through the registry
(:meth:`~wiec.core.participation.ToolContents.processes`); :func:`refresh` copies one
municipality's (and one tool's, or all) into :class:`ProcessEntry` rows in one
transaction, so a reader never sees half of it. A save of a model a tool names in
``indexed_models`` queues a refresh of that tool for the saved row's municipality
after commit; ``manage.py refresh_network_index`` (daily, from cron) queues
:func:`refresh_all_task`, which rewrites everything: a process moves from planned to
under way by the calendar, without any save. ``/health/`` reports when that last
finished.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django_tasks import task

from wiec.core.participation import each_tool
from wiec.core.search import labels_of
from wiec.network.models import ProcessEntry, ProcessStatus
from wiec.places.models import City
from wiec.places.selectors import activated

NETWORK_TOOL = "network"


def _tools(tool_key: str = ""):
    for tool, contents in each_tool():
        if tool.key == NETWORK_TOOL or (tool_key and tool.key != tool_key):
            continue
        yield tool, contents


def refresh(city: City, tool_key: str = "") -> int:
    """Rewrite ``city``'s processes (of one tool, or of all); returns how many."""
    total = 0
    with activated(city):
        for tool, contents in _tools(tool_key):
            rows = {}
            for p in contents.processes():
                status = p.status if p.status in ProcessStatus.values else ProcessStatus.FINISHED
                rows[p.key[:120]] = ProcessEntry(
                    city=city,
                    tool=tool.key,
                    key=p.key[:120],
                    title=p.title[:300],
                    url=p.url[:500],
                    status=status,
                    status_label={
                        lang: texts.get("status", "")
                        for lang, texts in labels_of(status=p.status_label).items()
                    },
                    topic=(p.topic or "")[:100],
                    year=p.year,
                    latitude=p.lat,
                    longitude=p.lon,
                )
            with transaction.atomic():
                ProcessEntry.objects.filter(city=city, tool=tool.key).delete()
                ProcessEntry.objects.bulk_create(rows.values(), batch_size=1000)
            total += len(rows)
    return total


def refresh_all() -> int:
    return sum(refresh(city) for city in City.objects.all())


@task()
def refresh_all_task() -> int:
    """The daily refresh, queued by ``manage.py refresh_network_index`` (from cron);
    ``/health/`` warns when it has not finished for more than a day."""
    return refresh_all()


@task()
def refresh_task(city_id: int, tool_key: str) -> int:
    city = City.objects.filter(pk=city_id).first()
    return refresh(city, tool_key) if city is not None else 0


def schedule_refresh(city_id: int, tool_key: str) -> None:
    """Refresh once per transaction, after it commits (a rollback drops it)."""
    mark = (city_id, tool_key)
    conn = transaction.get_connection()
    for _sids, func, _robust in conn.run_on_commit:
        if getattr(func, "network_index", None) == mark:
            return

    def run() -> None:
        refresh_task.enqueue(city_id, tool_key)

    run.network_index = mark  # type: ignore[attr-defined]
    transaction.on_commit(run)


def city_of(instance: models.Model) -> int | None:
    """The municipality a tool's row belongs to: its own ``city`` or its parent's."""
    if hasattr(instance, "city_id"):
        return instance.city_id
    for field in instance._meta.concrete_fields:
        if field.is_relation and field.many_to_one:
            related = field.related_model
            if any(f.name == "city" for f in related._meta.concrete_fields):
                parent = getattr(instance, field.name, None)
                if parent is not None:
                    return parent.city_id
    return None


def _on_change(tool_key: str):
    def changed(sender: Any, instance: models.Model, **kwargs: Any) -> None:
        if kwargs.get("raw"):
            return
        city_id = city_of(instance)
        if city_id is not None:
            schedule_refresh(city_id, tool_key)

    return changed


def connect_signals() -> None:
    """Keep the index fresh from every registered tool's own models."""
    for tool, contents in _tools():
        for label in contents.indexed_models:
            for signal in (post_save, post_delete):
                signal.connect(
                    _on_change(tool.key),
                    sender=label,
                    weak=False,
                    dispatch_uid=f"wiec-network-{tool.key}-{label}-{signal is post_save}",
                )

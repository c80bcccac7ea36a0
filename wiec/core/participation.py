"""The registry of participation tools, behind the navigation and the one-stop shop.

Each tool (participatory budget, consultations, panels...) registers itself in its
``AppConfig.ready`` with a navigation entry and a function listing what is open for
participation now.  The home page asks every tool, so it never reaches into
another app's tables.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Tool:
    key: str
    label: str | Promise
    url_name: str
    description: str | Promise = ""


@dataclass(frozen=True)
class OpenItem:
    """Something a resident can take part in now."""

    title: str
    url: str
    tool_label: str | Promise
    action_label: str | Promise
    closes_at: datetime.date | datetime.datetime | None = None
    area_label: str = ""


OpenItemsProvider = Callable[[], Iterable[OpenItem]]

_tools: dict[str, tuple[Tool, OpenItemsProvider | None]] = {}


def register_tool(tool: Tool, open_items: OpenItemsProvider | None = None) -> None:
    _tools[tool.key] = (tool, open_items)


def unregister_tool(key: str) -> None:
    _tools.pop(key, None)


def registered_tools() -> list[Tool]:
    return [tool for tool, _provider in _tools.values()]


def open_items() -> list[OpenItem]:
    """Everything open for participation now, soonest closing first."""
    items: list[OpenItem] = []
    for _tool, provider in _tools.values():
        if provider is not None:
            items.extend(provider())

    def closing(item: OpenItem) -> tuple[int, str]:
        value = item.closes_at
        if value is None:
            return (1, "")
        return (0, value.isoformat())

    return sorted(items, key=closing)

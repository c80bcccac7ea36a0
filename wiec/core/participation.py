"""The registry every participation tool plugs into, and the shapes it fills in.

A tool (participatory budget, consultations, panels, and each one still to come)
registers once, in its ``AppConfig.ready``, a :class:`Tool` and a :class:`ToolContents`
subclass that answers the platform's questions: what is open now, what was decided
lately, which documents search should find, what goes on the map and in the calendar,
what a resident has taken part in, and what waits for the office. The home page,
search, the map, the calendar, "my activity" and the office's inbox ask every
registered tool the same questions, so core never reaches into a tool's tables and a
new tool appears everywhere by registering, with no special case anywhere in core.
(adhocracy4 collects phase contents the same way.)
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Text = str | Promise
When = datetime.date | datetime.datetime


@dataclass(frozen=True)
class Tool:
    key: str
    label: Text
    url_name: str
    description: Text = ""


@dataclass(frozen=True)
class OpenItem:
    """Something a resident can take part in now, with the call to action."""

    title: str
    url: str
    tool_label: Text
    action_label: Text
    closes_at: When | None = None
    area_label: str = ""
    district_id: int | None = None


@dataclass(frozen=True)
class Decision:
    """An outcome decided with residents lately (results, a report, recommendations)."""

    title: str
    url: str
    tool_label: Text
    summary: Text
    decided_on: datetime.date
    district_id: int | None = None


@dataclass(frozen=True)
class SearchDocument:
    """One thing search should find; ``key`` is stable and unique within the tool."""

    key: str
    title: str
    url: str
    body: str = ""
    kind_label: Text = ""
    status: str = ""
    status_label: Text = ""
    district_id: int | None = None
    year: int | None = None


@dataclass(frozen=True)
class MapFeature:
    """A located thing: a point (``lat``, ``lon``) or an area (``polygon`` of points)."""

    key: str
    title: str
    url: str
    kind_label: Text
    status: str = ""
    status_label: Text = ""
    lat: float | None = None
    lon: float | None = None
    polygon: tuple[tuple[float, float], ...] = ()
    district_id: int | None = None
    year: int | None = None

    @property
    def centre(self) -> tuple[float, float] | None:
        if self.lat is not None and self.lon is not None:
            return (self.lat, self.lon)
        if self.polygon:
            lats = [p[0] for p in self.polygon]
            lons = [p[1] for p in self.polygon]
            return (sum(lats) / len(lats), sum(lons) / len(lons))
        return None


@dataclass(frozen=True)
class CalendarEntry:
    """A date residents may want to plan for: a deadline, a vote, a meeting, a session.

    ``key`` is stable for the entry's lifetime (it becomes the iCalendar UID), ``ends``
    is inclusive for whole days.
    """

    key: str
    title: str
    url: str
    kind_label: Text
    starts: When
    ends: When | None = None
    location: str = ""
    district_id: int | None = None


@dataclass(frozen=True)
class MyItem:
    """Something of one person's: their proposal, support, ballot, remark, seat, follow."""

    kind_label: Text
    title: str
    url: str
    status_label: Text = ""
    detail: Text = ""
    deadline: datetime.date | None = None
    deadline_label: Text = ""
    when: When | None = None


@dataclass(frozen=True)
class OfficeTask:
    """Work waiting for the office, with its legal deadline where the law sets one.

    ``key`` is stable and unique within the tool (assignments and notes hang on it);
    ``district_id`` is the district whose officials may handle it (``None``: the whole
    city); ``perm`` is the permission, checked on ``obj``, that a person needs to see it.
    """

    key: str
    title: str
    url: str
    kind_label: Text
    perm: str
    obj: Any = None
    due: datetime.date | None = None
    legal_basis: Text = ""
    district_id: int | None = None
    received: datetime.date | None = None


PROCESS_STATUSES: dict[str, Text] = {
    "planned": _("planned"),
    "ongoing": _("under way"),
    "finished": _("finished"),
}


@dataclass(frozen=True)
class Process:
    """One participation process (a budget edition, a consultation, a panel) of the
    current municipality, for the network's Map of Participation.

    ``key`` is stable and unique within the tool; ``status`` is one of
    :data:`PROCESS_STATUSES` (so the network filters every tool alike) and
    ``status_label`` the tool's own words for its phase; ``topic`` a free label (a
    consultation's topic, a panel's subject); ``lat``/``lon`` where the process
    happens, if it is one place.
    """

    key: str
    title: str
    url: str
    status: str
    status_label: Text
    year: int
    topic: str = ""
    lat: float | None = None
    lon: float | None = None
    participants: int | None = None


@dataclass(frozen=True)
class FeedEntry:
    """One entry of an Atom feed: a new proposal, a status change, a new document."""

    key: str
    title: str
    url: str
    summary: str
    updated: When
    district_id: int | None = None


@dataclass(frozen=True)
class Resource:
    """One file or API address of a data set, stable over time."""

    title: str
    url: str
    format: str
    description: str = ""


@dataclass(frozen=True)
class Dataset:
    """A data set a tool publishes: a budget edition with its results, a consultation
    with its report, a panel with its lottery. ``url`` is its page, ``key`` is stable."""

    key: str
    title: str
    description: str
    url: str
    keywords: tuple[str, ...] = ()
    resources: tuple[Resource, ...] = ()
    created: When | None = None
    modified: When | None = None


@dataclass(frozen=True)
class Recount:
    """One published result computed again from what the database keeps.

    ``lines`` are its figures, in a stable order and plain text, so that the printout
    of two databases (the live one and a restored backup) can be compared line by
    line; ``differences`` name every way the stored result and the recount disagree.
    """

    title: str
    lines: tuple[str, ...] = ()
    differences: tuple[str, ...] = ()


@dataclass(frozen=True)
class NotificationKind:
    """A kind of notification a person may want by e-mail or not.

    ``key`` is what ``notify(kind=...)`` is called with; ``default`` is whether a person
    who never chose gets it by e-mail.
    """

    key: str
    label: Text
    description: Text = ""
    default: bool = True


class ToolContents:
    """What a tool answers; each method's default is "nothing of this kind".

    ``indexed_models`` names the models (``"app.Model"``) whose saves and deletions
    should refresh the tool's search documents; ``notification_kinds`` lists the kinds
    of notification the tool sends besides the platform's own (:data:`PLATFORM_KINDS`).
    """

    indexed_models: tuple[str, ...] = ()
    notification_kinds: tuple[NotificationKind, ...] = ()

    def open_items(self) -> Iterable[OpenItem]:
        return ()

    def decisions(self) -> Iterable[Decision]:
        return ()

    def search_documents(self) -> Iterable[SearchDocument]:
        return ()

    def map_features(self) -> Iterable[MapFeature]:
        return ()

    def calendar_entries(self) -> Iterable[CalendarEntry]:
        return ()

    def my_items(self, user: Any) -> Iterable[MyItem]:
        return ()

    def office_tasks(self, user: Any) -> Iterable[OfficeTask]:
        return ()

    def api_router(self) -> Any:
        """A new ``ninja.Router`` with the tool's public API resources, or ``None``.

        Core mounts it under ``/api/v1/<tool key>/`` (:mod:`wiec.core.api.site`); it is
        asked once per API built, so it must return a fresh router each time.
        """
        return None

    def feed_entries(self, district_id: int | None = None) -> Iterable[FeedEntry]:
        """What the tool's Atom feed lists, newest first (only the district's, if given)."""
        return ()

    def datasets(self) -> Iterable[Dataset]:
        """The open data sets the tool publishes (dane.gov.pl, DCAT-AP)."""
        return ()

    def processes(self) -> Iterable[Process]:
        """The current municipality's processes (``current_city()``), for the network."""
        return ()

    def recounts(self) -> Iterable[Recount]:
        """Every result the current municipality published, recomputed from the stored
        inputs (ballots, answers, the lottery's seed and files): ``recount_results``."""
        return ()


@dataclass(frozen=True)
class _Registration:
    tool: Tool
    contents: ToolContents = field(default_factory=ToolContents)


_tools: dict[str, _Registration] = {}

outcomes_recorded = Signal()
"""A tool recorded outcomes the city now owes residents (selected projects, accepted
recommendations) in bulk, without each record's ``post_save``; ``sender`` is the model,
``pks`` the records. Whoever keeps the account of commitments listens; core does not."""


def register_tool(tool: Tool, contents: ToolContents | None = None) -> None:
    contents = contents or ToolContents()
    _tools[tool.key] = _Registration(tool, contents)
    for label in contents.indexed_models:
        for signal in (post_save, post_delete):
            signal.connect(
                _refresh_search(tool.key),
                sender=label,
                weak=False,
                dispatch_uid=f"wiec-search-{tool.key}-{label}-{signal is post_save}",
            )


def _refresh_search(tool_key: str) -> Callable[..., None]:
    def refresh(sender: Any, **kwargs: Any) -> None:
        if kwargs.get("raw"):  # loading fixtures
            return
        from wiec.core.search import schedule_rebuild

        schedule_rebuild(tool_key)

    return refresh


def unregister_tool(key: str) -> None:
    _tools.pop(key, None)


def registered_tools() -> list[Tool]:
    return [r.tool for r in _tools.values()]


def tool(key: str) -> Tool | None:
    registration = _tools.get(key)
    return registration.tool if registration else None


def each_tool() -> Iterator[tuple[Tool, ToolContents]]:
    for registration in list(_tools.values()):
        yield registration.tool, registration.contents


PLATFORM_KINDS: tuple[NotificationKind, ...] = (
    NotificationKind(
        "status",
        _("Changes to what I submitted"),
        _("A proposal, remark, request or application of yours changes status."),
    ),
    NotificationKind(
        "followed", _("What I follow"), _("News about proposals and processes you follow.")
    ),
    NotificationKind(
        "news",
        _("New participation"),
        _("A new budget, consultation or panel opens."),
        default=False,
    ),
    NotificationKind("general", _("Other messages"), _("Anything else the platform tells you.")),
)
_extra_kinds: dict[str, NotificationKind] = {}


def register_notification_kind(kind: NotificationKind) -> None:
    """Add a kind of the platform's own (a tool lists its kinds in its contents)."""
    _extra_kinds[kind.key] = kind


def unregister_notification_kind(key: str) -> None:
    _extra_kinds.pop(key, None)


def notification_kind_groups() -> list[tuple[Text, list[NotificationKind]]]:
    """Every kind of notification, the platform's first, then each tool's under its label."""
    groups: list[tuple[Text, list[NotificationKind]]] = [
        (_("Everywhere on the platform"), [*PLATFORM_KINDS, *_extra_kinds.values()])
    ]
    for each, contents in each_tool():
        if contents.notification_kinds:
            groups.append((each.label, list(contents.notification_kinds)))
    return groups


def notification_kinds() -> dict[str, NotificationKind]:
    return {kind.key: kind for _label, kinds in notification_kind_groups() for kind in kinds}


def _soonest(value: When | None) -> tuple[int, str]:
    if value is None:
        return (1, "")
    if isinstance(value, datetime.datetime):
        return (0, timezone.localtime(value).date().isoformat())
    return (0, value.isoformat())


def open_items(district_id: int | None = None) -> list[OpenItem]:
    """Everything open for participation now: the resident's district first, then soonest."""
    items = [item for _tool, contents in each_tool() for item in contents.open_items()]

    def order(item: OpenItem) -> tuple[int, tuple[int, str]]:
        mine = district_id is not None and item.district_id == district_id
        return (0 if mine else 1, _soonest(item.closes_at))

    return sorted(items, key=order)


def decisions(limit: int = 6) -> list[Decision]:
    """What was decided with residents lately, newest first."""
    items = [item for _tool, contents in each_tool() for item in contents.decisions()]
    return sorted(items, key=lambda d: d.decided_on, reverse=True)[:limit]

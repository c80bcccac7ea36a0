"""Search across every tool: the index the registrations fill, and the query over it.

Each tool's :meth:`~wiec.core.participation.ToolContents.search_documents` lists what
it wants found; :func:`rebuild` writes those documents to :class:`SearchEntry` rows,
one tool at a time and in one transaction, so a reader never sees a half-built index.
A tool names the models whose changes should refresh its part
(``ToolContents.indexed_models``); the refresh runs once per transaction, after commit,
as a background task.

Queries are folded and stemmed like the documents (:mod:`wiec.core.search_text`). On
PostgreSQL a prefix ``tsquery`` over the generated ``tsvector`` finds and ranks (title
words weigh more); elsewhere each stem is matched as a word prefix with ``LIKE`` and
ranked in Python, which is enough for a development database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models.expressions import RawSQL
from django.urls import get_script_prefix, set_script_prefix
from django.utils import translation
from django_tasks import task

from wiec.core.models import SearchEntry
from wiec.core.participation import SearchDocument, Text, each_tool
from wiec.core.search_text import indexed, query_stems
from wiec.places.models import City
from wiec.places.selectors import activated, current_city

CANDIDATES = 1000
BODY_CHARS = 4000


def labels_of(**texts: Text) -> dict[str, dict[str, str]]:
    """Each lazy text rendered in every language of the site: ``{lang: {name: text}}``."""
    rendered: dict[str, dict[str, str]] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            rendered[code] = {name: str(text) for name, text in texts.items() if text}
    return rendered


def _entry(city: City, tool_key: str, doc: SearchDocument) -> SearchEntry:
    return SearchEntry(
        city=city,
        tool=tool_key,
        key=doc.key[:120],
        title=doc.title[:300],
        url=doc.url[:500],
        body=doc.body[:BODY_CHARS],
        title_terms=indexed(doc.title),
        terms=indexed(f"{doc.title} {doc.body}"),
        status=doc.status[:40],
        labels=labels_of(kind=doc.kind_label, status=doc.status_label),
        district_id=doc.district_id,
        year=doc.year,
    )


def rebuild(tool_key: str | None = None) -> int:
    """Rewrite the index of one tool (or of all), in every municipality; returns how many
    documents it holds.

    Each municipality's documents are listed with it as the current one, and their
    addresses without any path-form prefix (``/g/<slug>``): a hit's address gets the
    reader's prefix when it is shown.
    """
    total = 0
    previous = get_script_prefix()
    set_script_prefix("/")
    try:
        for city in City.objects.order_by("pk"):
            with activated(city):
                total += _rebuild_city(city, tool_key)
    finally:
        set_script_prefix(previous)
    return total


def _rebuild_city(city: City, tool_key: str | None) -> int:
    total = 0
    for tool, contents in each_tool():
        if tool_key is not None and tool.key != tool_key:
            continue
        entries = [_entry(city, tool.key, doc) for doc in contents.search_documents()]
        with transaction.atomic():
            SearchEntry.objects.filter(city=city, tool=tool.key).delete()
            SearchEntry.objects.bulk_create(entries, batch_size=1000)
        total += len(entries)
    return total


def _here() -> models.QuerySet:
    """The index of the current municipality only."""
    return SearchEntry.objects.filter(city=current_city())


@task()
def rebuild_task(tool_key: str) -> int:
    return rebuild(tool_key)


def schedule_rebuild(tool_key: str) -> None:
    """Refresh a tool's part of the index once, after the current transaction commits.

    A bulk change saves many rows in one transaction; the callbacks already waiting on
    the connection say whether this tool's refresh is queued (a rollback drops them,
    and with them the mark).
    """
    conn = transaction.get_connection()
    for _sids, func, _robust in conn.run_on_commit:
        if getattr(func, "search_tool", None) == tool_key:
            return

    def run() -> None:
        rebuild_task.enqueue(tool_key)

    run.search_tool = tool_key  # type: ignore[attr-defined]
    transaction.on_commit(run)


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    tool: str
    kind_label: str
    status: str
    status_label: str
    district_id: int | None
    year: int | None
    snippet: str


@dataclass(frozen=True)
class Filters:
    tool: str = ""
    district_id: int | None = None
    status: str = ""
    year: int | None = None

    def apply(self, entries: models.QuerySet) -> models.QuerySet:
        if self.tool:
            entries = entries.filter(tool=self.tool)
        if self.district_id is not None:
            entries = entries.filter(district_id=self.district_id)
        if self.status:
            entries = entries.filter(status=self.status)
        if self.year is not None:
            entries = entries.filter(year=self.year)
        return entries


@dataclass(frozen=True)
class Results:
    """One page of hits, how many there are in all, and the statuses among them."""

    hits: list[Hit]
    total: int
    statuses: list[tuple[str, str]]


FIELDS = ("tool", "title", "url", "body", "status", "labels", "district_id", "year")


def _matching(stems: list[str], entries: models.QuerySet) -> models.QuerySet:
    if connection.vendor == "postgresql":
        table = SearchEntry._meta.db_table
        return entries.alias(
            hit=RawSQL(
                f"{table}.search @@ to_tsquery('simple', %s)",
                [_tsquery(stems)],
                output_field=models.BooleanField(),
            )
        ).filter(hit=True)
    for s in stems:
        entries = entries.filter(terms__contains=f" {s}")
    return entries


def _tsquery(stems: list[str]) -> str:
    """Every stem as a prefix; stems hold only ``[a-z0-9]``, so nothing needs quoting."""
    return " & ".join(f"{s}:*" for s in stems)


def _page(stems: list[str], matching: models.QuerySet, offset: int, limit: int) -> list:
    """The page's entries, best first: on PostgreSQL ranked by ``ts_rank`` (title words
    weigh more), elsewhere by how many query words the title holds."""
    if connection.vendor == "postgresql":
        table = SearchEntry._meta.db_table
        ranked = matching.annotate(
            rank=RawSQL(f"ts_rank({table}.search, to_tsquery('simple', %s))", [_tsquery(stems)])
        ).order_by("-rank", "-year", "title", "pk")
        return list(ranked.only(*FIELDS)[offset : offset + limit])
    found = list(matching.only(*FIELDS, "title_terms")[:CANDIDATES])

    def score(entry: SearchEntry) -> tuple[int, int, str]:
        title = sum(f" {s}" in entry.title_terms for s in stems)
        return (-title, -(entry.year or 0), entry.title)

    return sorted(found, key=score)[offset : offset + limit]


def search(
    query: str,
    filters: Filters = Filters(),
    *,
    offset: int = 0,
    limit: int = 20,
) -> Results:
    """Documents matching every word of ``query`` (each as a word prefix), best first."""
    stems = query_stems(query)
    if not stems:
        return Results([], 0, [])
    language = translation.get_language() or settings.LANGUAGE_CODE
    matching = _matching(stems, filters.apply(_here()))
    total = matching.count()
    hits = [_hit(e, language) for e in _page(stems, matching, offset, limit)] if total else []
    return Results(hits, total, _statuses(matching, language) if total else [])


def _statuses(matching: models.QuerySet, language: str) -> list[tuple[str, str]]:
    """The statuses the matching documents have, with their labels, for the filter."""
    seen: dict[str, str] = {}
    for status in matching.order_by().values_list("status", flat=True).distinct()[:50]:
        labels = _here().filter(status=status).values_list("labels", flat=True)
        label = ((labels.first() or {}).get(language) or {}).get("status", "")
        if status and label:
            seen[status] = label
    return sorted(seen.items(), key=lambda pair: pair[1])


def _hit(entry: SearchEntry, language: str) -> Hit:
    labels: dict[str, Any] = entry.labels.get(language) or entry.labels.get(
        settings.LANGUAGE_CODE, {}
    )
    body = entry.body
    snippet = body if len(body) <= 240 else body[:240].rsplit(" ", 1)[0] + "…"
    return Hit(
        title=entry.title,
        url=get_script_prefix().rstrip("/") + entry.url,
        tool=entry.tool,
        kind_label=labels.get("kind", ""),
        status=entry.status,
        status_label=labels.get("status", ""),
        district_id=entry.district_id,
        year=entry.year,
        snippet=snippet,
    )


def years() -> list[int]:
    return sorted(
        {y for y in _here().values_list("year", flat=True).distinct() if y},
        reverse=True,
    )

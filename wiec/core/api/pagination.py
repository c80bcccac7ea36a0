"""Pages of a list: ``page`` and ``page_size`` in, ``count``, ``page``, ``pages`` and the
items out. Each list orders its rows by something unique (ending with the id), so a
harvester walking the pages sees every row once."""

from __future__ import annotations

import math
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class Pages(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000, description="Page number, from 1.")
        page_size: int = Field(
            PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Rows per page (at most 200)."
        )

    class Output(Schema):
        count: int = Field(description="Rows matching the filters, on all pages.")
        page: int
        pages: int = Field(description="Number of pages.")
        items: list[Any]

    def paginate_queryset(
        self, queryset: QuerySet | list, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        size = pagination.page_size
        count = queryset.count() if isinstance(queryset, Rows) else self._items_count(queryset)
        start = (pagination.page - 1) * size
        return {
            "count": count,
            "page": pagination.page,
            "pages": max(math.ceil(count / size), 1),
            "items": list(queryset[start : start + size]),
        }


class Rows:
    """A queryset (or list) whose slices come out already turned into API rows, so the
    paginator counts in the database and converts only the page it shows."""

    def __init__(self, rows: Any, convert: Any) -> None:
        self.rows = rows
        self.convert = convert

    def count(self) -> int:
        if isinstance(self.rows, QuerySet):
            return self.rows.count()
        return len(self.rows)

    def __getitem__(self, index: slice) -> list[Any]:
        return [self.convert(row) for row in self.rows[index]]

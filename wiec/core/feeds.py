"""Atom feeds, sitemap.xml and robots.txt, built from what each tool registers.

A tool's feed lists its :meth:`~wiec.core.participation.ToolContents.feed_entries`
(optionally only one district's); the sitemap lists every page search knows
(:meth:`~wiec.core.participation.ToolContents.search_documents`), so a new tool is in
both by registering. Feeds of one item (a proposal's status changes, a consultation's
new documents) live with their tool and use :class:`ItemFeed`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from wiec.core.participation import FeedEntry, each_tool, tool
from wiec.places.models import District
from wiec.places.selectors import current_city

LIMIT = 50


def _aware(value: Any) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time(12)))


class EntryFeed(Feed):
    """Atom 1.0 of :class:`FeedEntry` rows; subclasses say which rows and the titles."""

    feed_type = Atom1Feed

    def item_title(self, item: FeedEntry) -> str:
        return item.title

    def item_description(self, item: FeedEntry) -> str:
        return item.summary

    def item_link(self, item: FeedEntry) -> str:
        return item.url

    def item_guid(self, item: FeedEntry) -> str:
        return f"tag:wiec,{item.key}"

    def item_pubdate(self, item: FeedEntry) -> datetime.datetime:
        return _aware(item.updated)

    def item_updateddate(self, item: FeedEntry) -> datetime.datetime:
        return _aware(item.updated)


def newest(entries: Iterable[FeedEntry]) -> list[FeedEntry]:
    return sorted(entries, key=lambda e: _aware(e.updated), reverse=True)[:LIMIT]


class ToolFeed(EntryFeed):
    """``/kanaly/<tool>.atom`` and ``/kanaly/<tool>/<district slug>.atom``."""

    def get_object(self, request: HttpRequest, key: str, district: str = "") -> Any:
        registered = tool(key)
        city = current_city()
        if registered is None or city is None:
            raise Http404
        found = None
        if district:
            found = District.objects.filter(city=city, slug=district).first()
            if found is None:
                raise Http404
        return (registered, found)

    def title(self, obj: Any) -> str:
        registered, district = obj
        city = current_city()
        if district is not None:
            return f"{registered.label}: {district.name} · {city}"
        return f"{registered.label} · {city}"

    def link(self, obj: Any) -> str:
        return reverse(obj[0].url_name)

    def subtitle(self, obj: Any) -> str:
        return _("What is new, newest first.")

    def items(self, obj: Any) -> list[FeedEntry]:
        registered, district = obj
        for each, contents in each_tool():
            if each.key == registered.key:
                return newest(contents.feed_entries(district.pk if district else None))
        return []


class PlatformSitemap(Sitemap):
    """Every page search knows, of every tool, plus the platform's own public pages."""

    limit = 5000

    def items(self) -> list[str]:
        urls = [reverse("core:home"), reverse("api_docs")]
        for each, contents in each_tool():
            urls.append(reverse(each.url_name))
            urls.extend(doc.url for doc in contents.search_documents())
        return list(dict.fromkeys(urls))

    def location(self, item: str) -> str:
        return item


def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /konto/",
        "Disallow: /admin/",
        "Disallow: /biuro/",
        "Disallow: /moja-aktywnosc/",
        "Disallow: /powiadomienia/",
        "Allow: /",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")

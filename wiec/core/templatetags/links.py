"""``{% link %}``: ``{% url %}`` for pages without arguments, reversed once per process.

The layout names a dozen such pages (home, log in, notifications, the footer's pages)
on every page; reversing each of them on every request was a quarter of the layout's
cost.  The answer depends only on the URL configuration and the script prefix, which
are part of the cache key.
"""

from __future__ import annotations

import functools

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()


@register.simple_tag
def link(name: str) -> str:
    return _reverse(name, get_urlconf(), get_script_prefix())


@functools.lru_cache(maxsize=512)
def _reverse(name: str, urlconf: str | None, prefix: str) -> str:
    return reverse(name, urlconf=urlconf)


@register.filter
def within(path: str, section: str) -> bool:
    """Is the page at ``path`` part of the menu's ``section`` (its root address)?

    Both carry the municipality's script prefix (``/g/wieliczka/``), so comparing the
    first few characters would put every page of a prefixed address in the first
    section; the home page is a section of its own, never the parent of all.
    """
    if section == get_script_prefix():
        return path == section
    return path.startswith(section)

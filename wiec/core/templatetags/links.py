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

"""Small template helpers of the network's pages."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key: Any) -> Any:
    """``mapping[key]``, or the key itself when it is not there."""
    return mapping.get(key, key) if isinstance(mapping, dict) else key

from django import template

from wiec.budgets import explanations
from wiec.budgets.money import format_pln

register = template.Library()


@register.filter
def pln(grosze):
    """Grosze shown Polish-style: 1 250 000,00 zł."""
    return format_pln(grosze)


BADGES = {
    "positive": "badge-ok",
    "ready": "badge-ok",
    "selected": "badge-ok",
    "appeal_upheld": "badge-ok",
    "negative": "badge-error",
    "appeal_rejected": "badge-error",
    "withdrawn": "badge-error",
    "changes_proposed": "badge-warn",
    "appealed": "badge-warn",
    "in_verification": "badge-warn",
}


@register.filter
def status_badge(status):
    return BADGES.get(status, "")


@register.simple_tag
def posted(values, prefix, pk):
    """The value a ballot form posted for ``<prefix>-<pk>`` ("" when none)."""
    return (values or {}).get(f"{prefix}-{pk}", "")


@register.filter
def as_str(value):
    return str(value)


@register.filter
def rule_name(code):
    """A counting rule's name in the reader's language: ``{{ pool.counting_rule|rule_name }}``."""
    return explanations.rule_name(str(code))

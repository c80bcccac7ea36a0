from django import template

from wiec.commons.money import format_pln

register = template.Library()


@register.filter
def pln(grosze):
    """Grosze shown Polish-style: 1 250 000,00 zł."""
    return format_pln(grosze)


@register.filter
def permille(value):
    """‰ as a percentage with one decimal, Polish-style: 425 → 42,5%."""
    if value is None:
        return ""
    return f"{value // 10},{value % 10}%"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None

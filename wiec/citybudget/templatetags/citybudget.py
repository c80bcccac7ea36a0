from django import template

register = template.Library()


@register.filter
def zl(grosze: int | None) -> str:
    """``123456789`` → ``"1 234 567,89 zł"`` (no-break spaces between thousands)."""
    if grosze is None:
        return ""
    zloty, gr = divmod(abs(int(grosze)), 100)
    groups = f"{zloty:,}".replace(",", "\u00a0")
    return f"{'-' if grosze < 0 else ''}{groups},{gr:02d}\u00a0zł"


@register.filter
def percent(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + "\u00a0%"

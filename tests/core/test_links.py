"""``{% link %}`` gives what ``{% url %}`` gives, also under another script prefix."""

from __future__ import annotations

from django.template import engines
from django.urls import clear_script_prefix, reverse, set_script_prefix


def render(source: str) -> str:
    return engines["django"].from_string("{% load links %}" + source).render({})


def test_link_is_the_url_of_a_page_without_arguments():
    for name in ("core:home", "accessibility:statement", "account_login", "admin:index"):
        assert render(f"{{% link '{name}' %}}") == reverse(name)


def test_link_follows_the_script_prefix():
    plain = reverse("core:privacy")
    assert render("{% link 'core:privacy' %}") == plain
    set_script_prefix("/miasto/")
    try:
        assert render("{% link 'core:privacy' %}") == "/miasto" + plain
    finally:
        clear_script_prefix()
    assert render("{% link 'core:privacy' %}") == plain

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


def current_sections(client, path: str) -> list[str]:
    """The menu entries a page marks as where the reader is."""
    import re

    html = client.get(path).content.decode()
    nav = html[html.index('class="wrap main-nav"') :]
    nav = nav[: nav.index("</ul>")]
    return re.findall(r'<a href="([^"]+)" aria-current="page"', nav)


def test_the_menu_marks_the_section_of_the_page_also_under_a_municipality_prefix(client, city):
    consultations = reverse("consultations:register")
    assert current_sections(client, consultations) == [consultations]
    assert current_sections(client, "/") == ["/"]
    prefixed = f"/g/{city.slug}"
    assert current_sections(client, prefixed + consultations) == [prefixed + consultations]
    assert current_sections(client, prefixed + "/") == [prefixed + "/"]

"""Every public page of the demo on a 390 px phone: no sideways scrolling of the page,
and touch targets a finger can hit.

Targets follow WCAG 2.5.5 (Target Size, 44 × 44 CSS px): every visible link, button and
summary is at least 44 px high and 44 px wide, except a link inside running text (the
criterion's "inline" exception: its line is set by the sentence around it). Wide tables
may scroll inside their own focusable box (``.table-scroll``); the page itself may not.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from tests.browser.conftest import blocking_violations, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LATE_PANELS = ("seniorzy-krakow", "powietrze-krakow")  # deliberating, monitored

SMALL_TARGETS = """() => {
  const small = [];
  for (const el of document.querySelectorAll('a[href], button, summary, input[type=submit]')) {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!r.width || !r.height || style.visibility === 'hidden') continue;
    if (r.right <= 0 || r.bottom <= 0) continue;  // the skip link waits off screen
    if (r.width >= 44 && r.height >= 44) continue;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
    const own = el.textContent.trim().length;
    const inline = el.tagName === 'A' && style.display === 'inline' && block
      && block.textContent.trim().length > own + 1;
    if (!inline) small.push(`${el.tagName} "${el.textContent.trim().slice(0, 40)}" `
      + `${Math.round(r.width)}×${Math.round(r.height)}`);
  }
  return small;
}"""


@pytest.fixture
def demo_site(site, city):
    """The whole demo city, as `manage.py load_demo` makes it: in one transaction, so
    each tool's search index is rebuilt once at the commit, not after every row."""
    from wiec.core import demo, search

    with transaction.atomic():
        for module in demo._demo_modules():
            module.load(city)
    search.rebuild()
    return site


def public_pages() -> list[str]:
    from wiec.budgets.models import Edition, Implementation
    from wiec.consultations.models import Consultation
    from wiec.panels.models import CitizensPanel

    finished = Edition.objects.get(slug="bo-krakow-2019")
    proposal = finished.proposals.order_by("pk").first()
    implementation = Implementation.objects.order_by("pk").first()
    with_report = Consultation.objects.filter(report__isnull=False).first()
    with_map = Consultation.objects.filter(map_enabled=True).first()
    panel = CitizensPanel.objects.order_by("pk").first()
    pages = [
        reverse("core:home"),
        reverse("budgets:index"),
        finished.get_absolute_url(),
        reverse("budgets:proposals", args=[finished.slug]),
        proposal.get_absolute_url(),
        reverse("budgets:results", args=[finished.slug]),
        reverse("budgets:statistics", args=[finished.slug]),
        reverse("budgets:implementation"),
        reverse("consultations:register"),
        with_report.get_absolute_url(),
        reverse("consultations:document", args=[with_report.slug]),
        reverse("consultations:report", args=[with_report.slug]),
        reverse("consultations:map", args=[with_map.slug]),
        reverse("panels:list"),
        panel.get_absolute_url(),
        reverse("panels:lottery", args=[panel.slug]),
        reverse("core:search") + "?q=park",
        reverse("core:map"),
        reverse("core:calendar"),
        reverse("accessibility:statement"),
        reverse("account_login"),
        reverse("account_signup"),
        reverse("core:terms"),
        reverse("budgets:results", args=["szkolny-bo-krakowa"]),
        *[p.get_absolute_url() for p in CitizensPanel.objects.filter(slug__in=LATE_PANELS)],
    ]
    if implementation is not None:
        pages.insert(8, reverse("budgets:implementation_detail", args=[implementation.pk]))
    return pages


def test_the_demo_on_a_phone(browser, demo_site):
    """One test, so the demo city (with Kraków 2019's pabulib import) loads once."""
    every_public_page_fits_a_phone_and_has_big_enough_targets(browser, demo_site)
    the_menu_opens_without_javascript(browser, demo_site)
    a_wide_table_scrolls_in_its_own_labelled_box_and_passes_axe(browser, demo_site)
    pools_tables_fit_a_phone_as_cards(browser, demo_site)
    signed_in_pages_fit_a_phone(browser, demo_site)


#: Pages whose tables are few columns of short values: they fit a phone without any
#: scrolling, the pools tables as one card per row (``table.stacked``).
SCROLL_FREE_TABLES = """() => [...document.querySelectorAll('table')]
  .filter(t => { const box = t.closest('.table-scroll') || t.parentElement;
                 return box.scrollWidth > box.clientWidth; })
  .map(t => (t.querySelector('th') || t).textContent.trim().slice(0, 30))"""


def pools_tables_fit_a_phone_as_cards(browser, site):
    from wiec.budgets.models import Edition

    paths = []
    for edition in Edition.objects.all():
        paths.append(edition.get_absolute_url())
        if edition.counts.filter(published=True).exists():
            paths.append(reverse("budgets:results", args=[edition.slug]))
    context = browser.new_context(viewport=PHONE, locale="pl-PL")
    page = context.new_page()
    problems = []
    for path in paths:
        page.goto(site + path)
        scrolling = page.evaluate(SCROLL_FREE_TABLES)
        problems += [f"{path}: table {name!r} scrolls" for name in scrolling]
    # A card names each value's column.
    page.goto(site + reverse("budgets:results", args=["szkolny-bo-krakowa"]))
    card = page.get_by_test_id("pools-table").locator("tbody tr").first
    amount = card.locator("td.amount").nth(1)
    assert amount.inner_text() == "500 000,00 zł"
    assert amount.evaluate("el => getComputedStyle(el, '::before').content") == '"Kwota"'
    assert blocking_violations(page) == []
    context.close()
    assert problems == []


def every_public_page_fits_a_phone_and_has_big_enough_targets(browser, site):
    context = browser.new_context(viewport=PHONE, locale="pl-PL")
    page = context.new_page()
    problems = []
    for path in public_pages():
        response = page.goto(site + path)
        assert response.status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            problems.append(f"{path}: the page is {width} px wide")
        problems += [f"{path}: {target} is too small" for target in page.evaluate(SMALL_TARGETS)]
    context.close()
    assert problems == []


def the_menu_opens_without_javascript(browser, site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(site + reverse("budgets:implementation"))
    menu = page.get_by_role("navigation", name="Nawigacja główna")
    assert not menu.is_visible()
    page.get_by_text("Menu", exact=True).click()
    assert menu.get_by_role("link", name="Konsultacje").is_visible()
    assert menu.get_by_role("link", name="Zaloguj się").is_visible()
    context.close()


def a_wide_table_scrolls_in_its_own_labelled_box_and_passes_axe(browser, site):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    from wiec.budgets.models import Edition

    pool = Edition.objects.get(slug="bo-krakow-2019").pools.order_by("pk").first()
    page.goto(site + reverse("budgets:pool_results", args=["bo-krakow-2019", pool.pk]))
    box = page.locator(".table-scroll").first
    assert box.get_attribute("tabindex") == "0"
    assert box.get_attribute("role") == "region"
    assert box.get_attribute("aria-label")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")  # it does scroll
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert blocking_violations(page) == []
    context.close()


def signed_in_pages_fit_a_phone(browser, site):
    """The pages behind the login on a phone: the header with its unread count, forms
    with a table of lines (their hidden labels once widened the page by 30 px) and an
    office page with an example file (its long lines, by 250 px)."""
    from wiec.accounts.demo import DEMO_PASSWORD

    pages = {
        "mieszkanka@demo.wiec.pl": [
            reverse("core:home"),
            reverse("core:my_activity"),
            reverse("core:notifications"),
            reverse("initiatives:apply"),
            reverse("budgets:proposal_create", args=["zielony-budzet-krakowa"]),
            reverse("accounts:profile"),
            reverse("accounts:my_data"),
        ],
        "admin@demo.wiec.pl": [
            reverse("core:inbox"),
            reverse("citybudget:upload"),
            reverse("budgets:categories"),
            reverse("initiatives:fund_year_create"),
        ],
    }
    problems = []
    for email, paths in pages.items():
        context = browser.new_context(viewport=PHONE, locale="pl-PL")
        page = context.new_page()
        log_in(page, site, email, DEMO_PASSWORD)
        page.wait_for_load_state()
        for path in paths:
            response = page.goto(site + path)
            assert response.status == 200, (email, path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                problems.append(f"{email} {path}: the page is {width} px wide")
        context.close()
    assert problems == []

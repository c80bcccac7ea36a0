"""The local-initiative application as residents fill it in the browser tests: one
group's swift nest boxes, so each test changes only the line it is about."""

from __future__ import annotations

import re


def fill_nest_boxes_application(page, *, hours: str) -> None:
    """Fill the open application page with the nest boxes and one line of work of
    ``hours`` (a wrong figure shows how a refused line is named)."""
    page.get_by_label("Grupa lub organizacja").fill("Sąsiedzi z ul. Miodowej")
    page.get_by_label("Co chcecie zrobić?").fill("Budki dla jerzyków")
    page.get_by_label("Obszar").select_option("nature")
    page.get_by_label("Opis prac").fill("Trzydzieści budek na kamienicach.")
    page.get_by_label(re.compile("^Gdzie:?$")).fill("ul. Miodowa")
    page.get_by_label("Dlaczego: co zyska okolica?").fill("Jerzyki tracą gniazda.")
    page.get_by_label("Harmonogram").fill("Marzec.")
    page.get_by_label("Całkowity koszt zadania").fill("8 000,00")
    page.locator("[name=residents-0-kind]").select_option("work")
    page.locator("[name=residents-0-description]").fill("Montaż budek")
    page.locator("[name=residents-0-hours]").fill(hours)

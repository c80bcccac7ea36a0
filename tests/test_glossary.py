"""docs/glossary.md stays current: every model, function, URL name and path it cites exists."""

from __future__ import annotations

import re
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import resolve

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "docs" / "glossary.md"
HEADER = ["Polish", "code", "model", "service", "URL name", "path"]
EXAMPLES = {"<id>": "1", "<slug>": "przyklad", "<year>": "2026"}


def _cells(line: str) -> list[str]:
    return [cell.strip().strip("`").strip() for cell in line.strip().strip("|").split("|")]


def workflow_rows() -> list[dict[str, str]]:
    """The rows of every table whose header is ``HEADER``."""
    rows, header = [], None
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            header = None
            continue
        cells = _cells(line)
        if header is None:
            header = cells
        elif set(line) <= set("|- "):
            continue
        elif header == HEADER:
            rows.append(dict(zip(HEADER, cells, strict=True)))
    return rows


ROWS = workflow_rows()


def test_the_glossary_covers_every_tool_and_the_platform():
    paths = {row["path"] for row in ROWS}
    for prefix in ("/bo/", "/konsultacje/", "/panele/", "/konto/"):
        assert any(p.startswith(prefix) for p in paths), prefix
    for page in ("/szukaj/", "/mapa/", "/kalendarz/", "/moja-aktywnosc/", "/biuro/"):
        assert page in paths
    assert len(ROWS) > 50


@pytest.mark.parametrize("row", ROWS, ids=[r["path"] for r in ROWS])
def test_every_cited_model_function_and_address_exists(row):
    if row["model"] != "—":
        app_label, model_name = row["model"].split(".")
        apps.get_model(app_label, model_name)  # LookupError if it went away
    first, *more = [name.strip() for name in row["service"].split("/")]
    module_name, _dot, function = first.rpartition(".")
    module = import_module(f"wiec.{module_name}")
    for name in [function, *more]:
        assert callable(getattr(module, name, None)), f"wiec.{module_name}.{name}"
    path = re.sub(r"<\w+>", lambda m: EXAMPLES[m.group(0)], row["path"])
    assert resolve(path).view_name == row["URL name"], path


def class_owners() -> dict[str, set[str]]:
    """Each class name defined in an app's ``models`` or ``phases`` module (or package,
    whose submodules count as its own): its apps."""
    owners: dict[str, set[str]] = {}
    for app in sorted(p.name for p in (ROOT / "wiec").iterdir() if (p / "apps.py").exists()):
        for part in ("models", "phases"):
            try:
                module = import_module(f"wiec.{app}.{part}")
            except ModuleNotFoundError:
                continue
            for name, value in vars(module).items():
                defined_here = value.__module__ if isinstance(value, type) else ""
                if defined_here == module.__name__ or defined_here.startswith(
                    module.__name__ + "."
                ):
                    owners.setdefault(name, set()).add(app)
    return owners


def uncovered_collisions(owners: dict[str, set[str]], text: str) -> list[str]:
    """Class names two apps define that no "Still to rename" list under "Names that
    collided" names (the list goes once everything on it is renamed)."""
    section = text.split("## Names that collided", 1)[1].split("\n## ", 1)[0]
    _before, _heading, still_to_rename = section.partition("Still to rename")
    pending = set(re.findall(r"`\w+\.(\w+)`", still_to_rename))
    return sorted(name for name, apps in owners.items() if len(apps) > 1 and name not in pending)


def test_no_two_apps_define_one_class_name_unless_the_glossary_lists_it():
    """A class name in two apps' models or phases is a collision: it is renamed, or the
    glossary lists it among the models still to rename (and drops it once renamed)."""
    assert uncovered_collisions(class_owners(), GLOSSARY.read_text(encoding="utf-8")) == []


def test_the_collision_check_can_fail():
    """It sees every app's classes, flags a name in two apps, and lets a list excuse it."""
    owners = class_owners()
    assert owners["EditionPhase"] == {"budgets"} and owners["Question"] == {"consultations"}
    assert owners["Follow"] == {"budgets"} and owners["CommitmentFollow"] == {"commitments"}
    text = GLOSSARY.read_text(encoding="utf-8")
    collided = {**owners, "Follow": {"budgets", "commitments"}}
    assert uncovered_collisions(collided, text) == ["Follow"]
    listed = text.replace(
        "## Names that collided\n",
        "## Names that collided\n\nStill to rename: `commitments.Follow`.\n",
    )
    assert uncovered_collisions(collided, listed) == []

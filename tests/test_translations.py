"""Polish is complete: every string in the code has a Polish translation, compiled."""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "wiec" / "locale"


def gettext_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        message = f"{name} (Debian package gettext) is needed: run `make test`"
        if os.environ.get("WIEC_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def catalogs(language: str) -> list[Path]:
    """The project's catalogue and every app's own, for one language."""
    project = LOCALE / language / "LC_MESSAGES" / "django.po"
    apps = sorted((ROOT / "wiec").glob(f"*/locale/{language}/LC_MESSAGES/django.po"))
    return [project, *apps]


@pytest.fixture(scope="module")
def fresh_catalogs(tmp_path_factory) -> Path:
    """Extract every string of the current code against all catalogues merged.

    The sources are copied so that makemessages writes only into the copy.
    """
    gettext_tool("xgettext")
    src = tmp_path_factory.mktemp("src") / "wiec"
    shutil.copytree(
        ROOT / "wiec", src, ignore=shutil.ignore_patterns("locale", "__pycache__", "*.mo")
    )
    for language in ("pl", "en"):
        target = src / "locale" / language / "LC_MESSAGES"
        target.mkdir(parents=True)
        subprocess.run(
            [gettext_tool("msgcat"), "--use-first", "-o", str(target / "django.po")]
            + [str(p) for p in catalogs(language)],
            check=True,
        )
    env = {
        **os.environ,
        "WIEC_LOCALE_DIR": str(src / "locale"),
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "PYTHONPATH": str(ROOT),
    }
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "pl",
            "-l",
            "en",
            "--no-obsolete",
            "--no-location",
            "--ignore",
            "tally/*",
            "--ignore",
            "sortition/*",
        ],
        cwd=src,
        env=env,
        check=True,
        capture_output=True,
    )
    return src / "locale"


def test_every_string_has_a_polish_translation(fresh_catalogs):
    po = fresh_catalogs / "pl" / "LC_MESSAGES" / "django.po"
    untranslated = subprocess.run(
        [gettext_tool("msgattrib"), "--untranslated", "--no-wrap", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fuzzy = subprocess.run(
        [gettext_tool("msgattrib"), "--only-fuzzy", "--no-wrap", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert untranslated == "", "untranslated (run `make messages` and translate):\n" + untranslated
    assert fuzzy == "", "fuzzy:\n" + fuzzy


@pytest.mark.parametrize("language", ["pl", "en"])
def test_compiled_catalogs_match_their_sources(tmp_path, language):
    for po in catalogs(language):
        if not po.exists():
            continue
        fresh = tmp_path / "fresh.mo"
        subprocess.run([gettext_tool("msgfmt"), "--check", "-o", str(fresh), str(po)], check=True)
        with fresh.open("rb") as a, po.with_suffix(".mo").open("rb") as b:
            assert gettext.GNUTranslations(a)._catalog == gettext.GNUTranslations(b)._catalog, (
                f"{po}: django.mo is stale, run `make messages`"
            )


def test_polish_plurals_follow_polish_rules():
    from django.utils import translation
    from django.utils.translation import ngettext

    def left(n: int) -> str:
        return ngettext("%(days)s day left", "%(days)s days left", n) % {"days": n}

    with translation.override("pl"):
        assert [left(n) for n in (1, 2, 5, 12, 22, 25)] == [
            "został 1 dzień",
            "zostały 2 dni",
            "zostało 5 dni",
            "zostało 12 dni",
            "zostały 22 dni",
            "zostało 25 dni",
        ]
    with translation.override("en"):
        assert left(1) == "1 day left" and left(5) == "5 days left"

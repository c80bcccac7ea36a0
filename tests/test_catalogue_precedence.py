"""Each app's Polish is what its pages show: every entry of an app's catalogue comes out
of Django's merged catalogues unchanged.

The project's catalogue (wiec/locale) and apps listed earlier in INSTALLED_APPS win
over an app's for an identical msgid, so a short word shared with another meaning
("Outcome", "Answer", "planned") needs a context, or the same Polish everywhere; this
test finds the next one.
"""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from django.utils.translation import trans_real

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = sorted(ROOT.glob("wiec/*/locale/pl/LC_MESSAGES/django.mo"))
SAMPLE = {0: 1, 1: 2, 2: 5}  # a number that picks each Polish plural form


@pytest.mark.parametrize("mo", CATALOGUES, ids=lambda path: path.parts[-5])
def test_no_other_catalogue_overrides_an_apps_polish(mo):
    with mo.open("rb") as handle:
        own = gettext.GNUTranslations(handle)._catalog
    merged = trans_real.translation("pl")
    overridden = []
    for key, expected in own.items():
        if key == "":
            continue
        if isinstance(key, tuple):
            msgid, form = key
            context, _sep, singular = msgid.rpartition("\x04")
            n = SAMPLE[form]
            got = (
                merged.npgettext(context, singular, singular, n)
                if context
                else merged.ngettext(singular, singular, n)
            )
        else:
            context, _sep, msgid = key.rpartition("\x04")
            got = merged.pgettext(context, msgid) if context else merged.gettext(msgid)
        if got != expected:
            overridden.append((key, expected, got))
    assert overridden == [], "\n".join(f"{k!r}: want {w!r}, shown {g!r}" for k, w, g in overridden)

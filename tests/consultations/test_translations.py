"""The consultations' Polish is what the pages show: every entry of the app's catalogue
comes out of Django's merged catalogues unchanged.

The project's catalogue (wiec/locale) and apps listed earlier in INSTALLED_APPS win
over this app's for an identical msgid, so a short word shared with another meaning
("rejected", "Status", "planned") needs a context here; this test finds the next one.
"""

from __future__ import annotations

import gettext
from pathlib import Path

from django.utils.translation import trans_real

MO = Path(__file__).resolve().parents[2] / "wiec/consultations/locale/pl/LC_MESSAGES/django.mo"
SAMPLE = {0: 1, 1: 2, 2: 5}  # a number that picks each Polish plural form


def test_no_other_catalogue_overrides_the_apps_polish():
    with MO.open("rb") as handle:
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

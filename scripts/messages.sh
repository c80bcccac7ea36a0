#!/usr/bin/env bash
# Refresh and compile the translation catalogues: the project's (wiec/locale, for
# core, accounts, places, accessibility and the shared templates) and each app's own
# (wiec/<app>/locale), so that apps developed side by side never edit one file.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-$(pwd)/.venv/bin/python}
export DJANGO_SETTINGS_MODULE=tests.settings PYTHONPATH=$(pwd)
APPS_WITH_LOCALE=$(for d in wiec/*/locale; do [ -d "$d" ] && basename "$(dirname "$d")"; done)
ignores=()
for app in $APPS_WITH_LOCALE; do ignores+=(--ignore "$app/*"); done
(cd wiec && "$PY" -m django makemessages -l pl -l en --no-obsolete --no-location \
    --ignore "tally/*" --ignore "sortition/*" "${ignores[@]}")
for app in $APPS_WITH_LOCALE; do
    # Outside the project's LOCALE_PATHS, makemessages writes to the app's own locale.
    (cd "wiec/$app" && WIEC_LOCALE_DIR=/nonexistent/locale \
        "$PY" -P -m django makemessages -l pl -l en --no-obsolete --no-location)
done
for po in wiec/locale/*/LC_MESSAGES/django.po wiec/*/locale/*/LC_MESSAGES/django.po; do
    [ -f "$po" ] && msgfmt --check -o "${po%.po}.mo" "$po"
done

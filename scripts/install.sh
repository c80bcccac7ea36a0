#!/usr/bin/env bash
# Install Wiec into a virtual environment.
#   install.sh PYTHON VENV requirements.txt       exactly the locked versions (hashes checked)
#   install.sh PYTHON VENV --latest                the newest releases pyproject.toml allows
# The project itself is installed last, editable and without resolving anything again,
# with the build backend from the lock (no build isolation, so nothing unpinned is fetched).
set -euo pipefail
python=$1 venv=$2 what=$3
cd "$(dirname "$0")/.."
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
pip=("$venv/bin/python" -m pip --disable-pip-version-check)
if [ "$what" = "--latest" ]; then
    "${pip[@]}" install --upgrade pip
    "${pip[@]}" install --upgrade --upgrade-strategy eager -e ".[test]"
else
    "${pip[@]}" install --require-hashes --no-deps -r "$what"
    "${pip[@]}" install --no-deps --no-build-isolation -e .
    "${pip[@]}" check
fi

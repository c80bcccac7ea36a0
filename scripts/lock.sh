#!/usr/bin/env bash
# Refresh the lock on purpose: resolve pyproject.toml's ranges on PyPI for Python 3.11
# and write every direct and transitive dependency with its hashes. The test lock is
# resolved first and the run lock inside it, so both name the same versions.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${1:-python3.11}
tools=.venv-lock
[ -x "$tools/bin/pip-compile" ] || {
    "$python" -m venv "$tools"
    "$tools/bin/python" -m pip install --quiet "pip-tools>=7.5,<8"
}
# Only PyPI: a machine's own mirrors or wheel folders must not shape the lock.
export PIP_CONFIG_FILE=/dev/null
common=(--quiet --generate-hashes --allow-unsafe --all-build-deps --strip-extras
        --no-emit-index-url --no-emit-find-links --upgrade)
"$tools/bin/pip-compile" "${common[@]}" --extra test -o requirements-test.txt pyproject.toml
"$tools/bin/pip-compile" "${common[@]}" -c requirements-test.txt -o requirements.txt pyproject.toml
echo "Lock refreshed: review 'git diff requirements*.txt', run 'make test', then commit."

#!/usr/bin/env bash
# Serve the development site and run the background task worker beside it;
# stopping the server (Ctrl+C) stops the worker too.
set -euo pipefail
PY=${PY:-.venv/bin/python}
PORT=${PORT:-8000}
"$PY" manage.py db_worker --interval 1 >/dev/null 2>&1 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM
"$PY" manage.py runserver "127.0.0.1:$PORT"

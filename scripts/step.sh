#!/usr/bin/env bash
# One line per step for a person watching: "Title ... done (12 s)". What the command
# prints goes to a log, shown in full only when the step fails.
set -uo pipefail
title=$1; shift
log=$(mktemp "${TMPDIR:-/tmp}/wiec-step.XXXXXX")
printf '%s ... ' "$title"
start=$(date +%s)
if "$@" >"$log" 2>&1; then
    echo "done ($(( $(date +%s) - start )) s)"
    rm -f "$log"
else
    status=$?
    echo "FAILED"
    cat "$log" >&2
    rm -f "$log"
    exit "$status"
fi

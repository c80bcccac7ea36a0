#!/usr/bin/env bash
# What the test suite needs from Debian: chromium (browser tests), gettext
# (the translation completeness test) and sqlite3 (the backup drill).  Installs them
# when we may, otherwise says exactly what to install.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v xgettext >/dev/null 2>&1 || missing+=(gettext)
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)  # the backup drill on SQLite
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
    echo "Please install them first:  sudo apt-get install ${missing[*]}" >&2
    exit 1
fi

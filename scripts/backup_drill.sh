#!/usr/bin/env bash
# The backup and restore drill (README, "Backup and restore"): back up the running
# database and uploads, restore them into a fresh database and folder, and prove
# with `manage.py recount_results` that every published result recounts identically
# from the restored ballots, and that every uploaded file came back byte for byte.
#   scripts/backup_drill.sh            (uses DATABASE_URL / WIEC_MEDIA_ROOT as Wiec does)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
DB_URL=${DATABASE_URL:-sqlite:///$(pwd)/db.sqlite3}
MEDIA=${WIEC_MEDIA_ROOT:-$(pwd)/media}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"; [ -n "${DRILL_DB:-}" ] && dropdb --if-exists --maintenance-db="$DB_URL" "$DRILL_DB" 2>/dev/null || true' EXIT

echo "1/4 Recounting the live database"
DATABASE_URL=$DB_URL "$PY" manage.py recount_results > "$WORK/before.txt"

echo "2/4 Backing up"
BACKUP=$(DATABASE_URL=$DB_URL WIEC_MEDIA_ROOT=$MEDIA bash scripts/backup.sh "$WORK/backup")

echo "3/4 Restoring into a fresh database"
case "$DB_URL" in
    postgres://*|postgresql://*)
        DRILL_DB="wiec_drill_$(date +%s)"
        createdb --maintenance-db="$DB_URL" "$DRILL_DB"  # the server of DATABASE_URL
        RESTORED_URL="${DB_URL%/*}/$DRILL_DB" ;;
    *) RESTORED_URL="sqlite:///$WORK/restored.sqlite3" ;;
esac
DATABASE_URL=$RESTORED_URL WIEC_MEDIA_ROOT=$WORK/media bash scripts/restore.sh "$BACKUP"

echo "4/4 Recounting the restored database"
DATABASE_URL=$RESTORED_URL WIEC_MEDIA_ROOT=$WORK/media \
    "$PY" manage.py recount_results > "$WORK/after.txt"
diff -u "$WORK/before.txt" "$WORK/after.txt"
if [ -d "$MEDIA" ]; then
    (cd "$MEDIA" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum) > "$WORK/m1"
    (cd "$WORK/media" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum) > "$WORK/m2"
    diff -u "$WORK/m1" "$WORK/m2"
fi
cat "$WORK/after.txt"
echo "Drill passed: every published result and every uploaded file is identical after restore."

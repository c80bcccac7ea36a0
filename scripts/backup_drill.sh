#!/usr/bin/env bash
# The backup and restore drill (README, "Backup and restore"): back up the running
# database and uploads, restore them into a fresh database and folder, and prove
#  - with `manage.py recount_results` that every published result (budget counts,
#    panel lotteries, survey results) recounts identically from the restored data,
#  - with `manage.py database_inventory` that every table came back with at least the
#    rows it had before the backup, and (PostgreSQL) the same row-level security
#    policies, triggers, functions, constraints and indexes,
#  - and that every uploaded file came back byte for byte.
#   scripts/backup_drill.sh            (uses DATABASE_URL / WIEC_MEDIA_ROOT as Wiec does)
# WIEC_DRILL_AFTER_RESTORE, if set, is a shell command run against the restored copy
# (DATABASE_URL and WIEC_MEDIA_ROOT name it) before the checks: the drill's own test
# damages the copy with it, to see the drill fail.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
DB_URL=${DATABASE_URL:-sqlite:///$(pwd)/db.sqlite3}
MEDIA=${WIEC_MEDIA_ROOT:-$(pwd)/media}
WORK=$(mktemp -d)
DRILL_DB=
cleanup() {
    rm -rf "$WORK"
    if [ -n "$DRILL_DB" ]; then
        dropdb --if-exists --maintenance-db="$DB_URL" "$DRILL_DB" || true
    fi
}
trap cleanup EXIT
manage() { DATABASE_URL=$1 WIEC_MEDIA_ROOT=$2 "$PY" manage.py "${@:3}"; }

echo "1/4 Recounting the live database"
manage "$DB_URL" "$MEDIA" recount_results > "$WORK/before.txt"
manage "$DB_URL" "$MEDIA" database_inventory > "$WORK/inventory-before.txt"

echo "2/4 Backing up"
BACKUP=$(DATABASE_URL=$DB_URL WIEC_MEDIA_ROOT=$MEDIA bash scripts/backup.sh "$WORK/backup")

echo "3/4 Restoring into a fresh database"
case "$DB_URL" in
    postgres://*|postgresql://*)
        DRILL_DB="wiec_drill_$(date +%s)_$$"
        createdb --maintenance-db="$DB_URL" "$DRILL_DB"  # on the server of DATABASE_URL
        # The same URL with the database's name changed; a query (?sslmode=...) stays.
        base=${DB_URL%%\?*}
        RESTORED_URL="${base%/*}/$DRILL_DB${DB_URL#"$base"}" ;;
    *) RESTORED_URL="sqlite:///$WORK/restored.sqlite3" ;;
esac
DATABASE_URL=$RESTORED_URL WIEC_MEDIA_ROOT=$WORK/media bash scripts/restore.sh "$BACKUP"
if [ -n "${WIEC_DRILL_AFTER_RESTORE:-}" ]; then
    DATABASE_URL=$RESTORED_URL WIEC_MEDIA_ROOT=$WORK/media PY=$PY \
        bash -c "$WIEC_DRILL_AFTER_RESTORE"
fi

echo "4/4 Recounting the restored database"
failed=0
if ! manage "$RESTORED_URL" "$WORK/media" recount_results > "$WORK/after.txt"; then
    echo "The restored database does not recount to its stored results." >&2
    failed=1
fi
diff -u --label live --label restored "$WORK/before.txt" "$WORK/after.txt" >&2 || failed=1
manage "$RESTORED_URL" "$WORK/media" database_inventory > "$WORK/inventory-after.txt"
# The structure must be the same; rows and sequences at least what was there before
# the backup (the live site may have written since the count, never the other way).
diff -u --label live --label restored \
    <(grep -Ev '^(rows|sequence) ' "$WORK/inventory-before.txt") \
    <(grep -Ev '^(rows|sequence) ' "$WORK/inventory-after.txt") >&2 || failed=1
awk 'NR == FNR { if ($1 == "rows" || $1 == "sequence") was[$1 " " $2] = $3; next }
     ($1 " " $2) in was && $3 + 0 < was[$1 " " $2] + 0 {
         printf "%s %s: %s before the backup, %s restored\n", $1, $2, was[$1 " " $2], $3; bad = 1 }
     { seen[$1 " " $2] = 1 }
     END { for (k in was) if (!(k in seen)) { print k ": missing after the restore"; bad = 1 }
           exit bad }' "$WORK/inventory-before.txt" "$WORK/inventory-after.txt" >&2 || failed=1
if [ -d "$MEDIA" ]; then
    (cd "$MEDIA" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum) > "$WORK/m1"
    (cd "$WORK/media" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum) > "$WORK/m2"
    diff -u --label live --label restored "$WORK/m1" "$WORK/m2" >&2 || failed=1
fi
cat "$WORK/after.txt"
if [ "$failed" != 0 ]; then
    echo "Drill FAILED: the restored copy differs (see above)." >&2
    exit 1
fi
tables=$(grep -c '^rows ' "$WORK/inventory-after.txt")
echo "Drill passed: every published result, all $tables tables and every uploaded file are back after the restore."

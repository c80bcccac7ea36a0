#!/usr/bin/env bash
# Back up Wiec: the database and the uploaded files, into one dated folder.
#   scripts/backup.sh [DEST]            (DEST defaults to backups/<date-time>)
# Reads DATABASE_URL (PostgreSQL or SQLite, as Wiec does) and WIEC_MEDIA_ROOT.
# The keys (WIEC_SECRET_KEY, WIEC_IDENTITY_HMAC_KEY, WIEC_BALLOT_HMAC_KEY) are NOT in
# the backup, on purpose: keep them apart, in the city's password safe (README).
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=${1:-backups/$(date +%Y%m%d-%H%M%S)}
DB_URL=${DATABASE_URL:-sqlite:///$(pwd)/db.sqlite3}
MEDIA=${WIEC_MEDIA_ROOT:-$(pwd)/media}
mkdir -p "$DEST"
case "$DB_URL" in
    postgres://*|postgresql://*)
        # --enable-row-security: the owner is under row-level security (FORCE, see
        # docs/tenancy.md); with wiec.city_id unset it still reads every row.
        pg_dump --format=custom --no-owner --enable-row-security \
            --file="$DEST/database.pgdump" "$DB_URL"
        echo postgres > "$DEST/kind" ;;
    sqlite://*)
        # .backup takes a consistent copy even while the site writes (WAL).
        sqlite3 "${DB_URL#sqlite://}" ".backup '$DEST/database.sqlite3'"
        echo sqlite > "$DEST/kind" ;;
    *) echo "Unsupported DATABASE_URL: $DB_URL" >&2; exit 2 ;;
esac
if [ -d "$MEDIA" ]; then
    tar -czf "$DEST/media.tar.gz" -C "$MEDIA" .
else
    tar -czf "$DEST/media.tar.gz" --files-from /dev/null
fi
(cd "$DEST" && sha256sum database.* media.tar.gz > SHA256SUMS)
echo "$DEST"

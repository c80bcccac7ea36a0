#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an EMPTY database and media folder.
#   DATABASE_URL=... WIEC_MEDIA_ROOT=... scripts/restore.sh BACKUP_DIR
# Refuses a database that already has tables, so a restore never mixes two states.
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=${1:?usage: restore.sh BACKUP_DIR}
DB_URL=${DATABASE_URL:?set DATABASE_URL to the empty database to restore into}
MEDIA=${WIEC_MEDIA_ROOT:?set WIEC_MEDIA_ROOT to the empty folder for the uploads}
(cd "$SRC" && sha256sum --check --quiet SHA256SUMS)
case "$(cat "$SRC/kind")" in
    postgres)
        tables=$(psql "$DB_URL" -tAc "select count(*) from pg_tables where schemaname='public'")
        [ "$tables" = 0 ] || { echo "The target database is not empty." >&2; exit 2; }
        pg_restore --no-owner --exit-on-error --dbname="$DB_URL" "$SRC/database.pgdump" ;;
    sqlite)
        target=${DB_URL#sqlite://}
        [ ! -s "$target" ] || { echo "The target database file exists: $target" >&2; exit 2; }
        cp "$SRC/database.sqlite3" "$target" ;;
esac
mkdir -p "$MEDIA"
[ -z "$(ls -A "$MEDIA")" ] || { echo "The media folder is not empty: $MEDIA" >&2; exit 2; }
tar -xzf "$SRC/media.tar.gz" -C "$MEDIA"
echo "Restored $SRC"

"""What a restore must bring back besides the results: every table's rows and, on
PostgreSQL, the row-level security policies, the triggers, their functions and the
sequences (``scripts/backup_drill.sh`` compares the live database with the restored).
"""

import hashlib

from django.core.management.base import BaseCommand
from django.db import connection

POSTGRES = {
    "policy": (
        "SELECT tablename || ' ' || policyname || ' ' || cmd || ' ' || "
        "array_to_string(roles, ',') || ' using ' || coalesce(qual, '-') || "
        "' check ' || coalesce(with_check, '-') "
        "FROM pg_policies WHERE schemaname = 'public'"
    ),
    "row-security": (
        "SELECT relname || ' enabled ' || relrowsecurity::text "
        "|| ' forced ' || relforcerowsecurity::text "
        "FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' "
        "AND (relrowsecurity OR relforcerowsecurity)"
    ),
    "trigger": (
        "SELECT pg_get_triggerdef(t.oid) || ' enabled ' || t.tgenabled::text FROM pg_trigger t "
        "JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal"
    ),
    "function": (
        "SELECT p.proname || ' ' || pg_get_function_identity_arguments(p.oid), p.prosrc "
        "FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace"
    ),
    "sequence": (
        "SELECT sequencename || ' ' || coalesce(last_value, 0)::text FROM pg_sequences "
        "WHERE schemaname = 'public'"
    ),
    # A CHECK's and a partial index's condition are named, not spelled out: PostgreSQL
    # prints ``x IN (...)`` differently once a dump has re-read it, with the same meaning.
    "constraint": (
        "SELECT conrelid::regclass::text || ' ' || conname || ' ' || CASE WHEN contype = 'c' "
        "THEN 'CHECK' ELSE pg_get_constraintdef(oid) END "
        "FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
    ),
    "index": (
        "SELECT tablename || ' ' || split_part(indexdef, ' WHERE ', 1) || "
        "CASE WHEN indexdef LIKE '% WHERE %' THEN ' (partial)' ELSE '' END "
        "FROM pg_indexes WHERE schemaname = 'public'"
    ),
}
SQLITE = {
    "schema": (
        "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master "
        "WHERE name NOT LIKE 'sqlite_%'"
    ),
}


class Command(BaseCommand):
    help = (
        "Print every table's row count and the database's policies, triggers, functions, "
        "constraints, indexes and sequences, one sorted line each (for the backup drill)."
    )

    def handle(self, *args, **options) -> None:
        lines = []
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
                lines.append(f"rows {table} {cursor.fetchone()[0]}")
            queries = POSTGRES if connection.vendor == "postgresql" else SQLITE
            for kind, sql in queries.items():
                cursor.execute(sql)
                for row in cursor.fetchall():
                    if kind == "function":  # its body, shortened to a fingerprint
                        digest = hashlib.sha256(row[1].encode()).hexdigest()[:16]
                        row = (f"{row[0]} {digest}",)
                    lines.append(f"{kind} {' '.join(row[0].split())}")
        self.stdout.write("\n".join(sorted(lines)))

"""Database triggers that keep a record's references inside its own municipality.

A proposal's pool, a consultation's district, an official's districts: each must
belong to the same municipality as the record that refers to it.  Code checks it
too, but the database refuses a row that breaks it, whatever wrote it (a bug, a
shell, a script).  :func:`same_city` writes the trigger for PostgreSQL and for
SQLite from two SQL expressions over ``NEW``: the municipality of the row and the
municipality of what it refers to.  A row referring to nothing (``NULL``) passes.

:class:`StaysWithReferrers` guards the other direction: a row that records of a
municipality refer to (a proposal category in use) cannot be moved to another one.

The error is an integrity error (SQLSTATE 23514 on PostgreSQL, ``RAISE(ABORT)`` on
SQLite), so Django raises ``IntegrityError`` and the transaction rolls back.
On PostgreSQL the check looks with row-level security's ``wiec.city_id`` empty
(:func:`wiec.places.tenancy.unscoped_body`): a policy must not hide the other
municipality's row it compares with.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import migrations

from wiec.places import tenancy


@dataclass(frozen=True)
class SameCity:
    """``ref_city`` must equal ``row_city`` on every insert and update of ``table``.

    Both are SQL expressions that may use ``NEW.<column>``.
    """

    name: str
    table: str
    row_city: str
    ref_city: str

    def create(self, vendor: str) -> list[str]:
        ref, row = self.ref_city, self.row_city
        mismatch = f"({ref}) IS NOT NULL AND ({ref}) IS DISTINCT FROM ({row})"
        if vendor == "postgresql":
            return _refusing_trigger(
                self.name,
                self.table,
                "INSERT OR UPDATE",
                mismatch,
                f"{self.name}: a reference to another municipality",
            )
        if vendor == "sqlite":
            mismatch = mismatch.replace("IS DISTINCT FROM", "IS NOT")
            return [
                f"CREATE TRIGGER IF NOT EXISTS {self.name}_{event.lower()} BEFORE {event} "
                f"ON {self.table} FOR EACH ROW WHEN {mismatch} BEGIN "
                f"SELECT RAISE(ABORT, '{self.name}: a reference to another municipality'); END"
                for event in ("INSERT", "UPDATE")
            ]
        return []

    def drop(self, vendor: str) -> list[str]:
        if vendor == "postgresql":
            return [
                f"DROP TRIGGER IF EXISTS {self.name} ON {self.table}",
                f"DROP FUNCTION IF EXISTS {self.name}()",
            ]
        if vendor == "sqlite":
            return [f"DROP TRIGGER IF EXISTS {self.name}_{e}" for e in ("insert", "update")]
        return []


@dataclass(frozen=True)
class StaysWithReferrers:
    """A ``table`` row referred to from records of a municipality cannot be moved to
    another one: an update of its ``city_id`` to a municipality is refused while
    ``strangers`` finds a row referring to it from elsewhere. Moving it to none (a
    shared row, which every municipality may use) passes.

    ``strangers`` is an SQL query over ``NEW`` selecting those rows (``NEW.city_id``
    is the municipality it moves to). The trigger on ``table`` reads the referring
    tables, so SQLite cannot rebuild those while it exists: a migration that alters
    one wraps its operations in :func:`around_rebuild` with this check too.
    """

    name: str
    table: str
    strangers: str

    def create(self, vendor: str) -> list[str]:
        moved = "NEW.city_id IS NOT NULL AND NEW.city_id IS DISTINCT FROM OLD.city_id"
        message = f"{self.name}: moving it would leave {tenancy.TRIGGER_MARK}"
        if vendor == "postgresql":
            condition = f"{moved} AND EXISTS ({self.strangers})"
            return _refusing_trigger(self.name, self.table, "UPDATE OF city_id", condition, message)
        if vendor == "sqlite":
            moved = moved.replace("IS DISTINCT FROM", "IS NOT")
            return [
                f"CREATE TRIGGER IF NOT EXISTS {self.name}_update BEFORE UPDATE OF city_id "
                f"ON {self.table} FOR EACH ROW WHEN {moved} AND EXISTS ({self.strangers}) "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            ]
        return []

    def drop(self, vendor: str) -> list[str]:
        if vendor == "postgresql":
            return [
                f"DROP TRIGGER IF EXISTS {self.name} ON {self.table}",
                f"DROP FUNCTION IF EXISTS {self.name}()",
            ]
        if vendor == "sqlite":
            return [f"DROP TRIGGER IF EXISTS {self.name}_update"]
        return []


def _refusing_trigger(name: str, table: str, events: str, condition: str, message: str):
    """PostgreSQL: a row trigger on ``table`` that refuses ``events`` when ``condition``
    holds, as a check violation (23514) carrying ``message``; it reads unscoped, since
    what it compares with may belong to another municipality."""
    body = f"""
BEGIN
    IF {condition} THEN
        RAISE EXCEPTION '{message}' USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END"""
    return [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$"
        f"{tenancy.unscoped_body(body)}\n$$ LANGUAGE plpgsql",
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE TRIGGER {name} BEFORE {events} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()",
    ]


def city_of(table: str, key: str, column: str = "city_id") -> str:
    """SQL: the municipality of the ``table`` row whose id is ``key`` (an SQL expression)."""
    return f"SELECT {column} FROM {table} WHERE id = {key}"


def same_city(*checks: SameCity | StaysWithReferrers) -> migrations.RunPython:
    """A migration operation that creates the triggers (and drops them going back)."""

    def forwards(apps, schema_editor):
        for check in checks:
            for sql in check.create(schema_editor.connection.vendor):
                schema_editor.execute(sql)

    def backwards(apps, schema_editor):
        for check in checks:
            for sql in check.drop(schema_editor.connection.vendor):
                schema_editor.execute(sql)

    return migrations.RunPython(forwards, backwards)


def around_rebuild(
    checks: tuple[SameCity | StaysWithReferrers, ...] | list[SameCity | StaysWithReferrers],
    *operations: migrations.operations.base.Operation,
):
    """``operations`` with the triggers ``checks`` dropped before and made again after.

    SQLite rebuilds a table to add or alter a column, and a municipality trigger that
    reads the table would break the rebuild; so a migration that changes a table with
    such triggers wraps its schema operations in this (PostgreSQL gets the same, harmless,
    drop and create).
    """
    triggers = same_city(*checks)
    return [
        migrations.RunPython(triggers.reverse_code, triggers.code),
        *operations,
        same_city(*checks),
    ]

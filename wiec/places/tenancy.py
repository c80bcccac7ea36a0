"""Row-level security on PostgreSQL: the database's second wall between municipalities.

The first wall is the code (every page's query scoped by ``current_city()``) and the
same-municipality triggers (:mod:`wiec.places.integrity`). The second: every table of
a municipality's records (:func:`tenant_tables`, found from the models: each model
with a ``city`` foreign key to ``places.City``, outside the network's own apps) has a
policy that shows and accepts only the rows of the municipality named in the
connection's ``wiec.city_id`` setting, or of none (``city_id IS NULL``: shared rows).

It cannot lock the platform out: while ``wiec.city_id`` is unset or empty every row
is visible, as for network-wide pages (``/siec/``, the admin), migrations, the
network index's refresh and the task worker outside ``activated(city)``.
:class:`~wiec.places.middleware.RowSecurityMiddleware` sets it for a municipality's
request and :func:`~wiec.places.selectors.activated` for a task's or command's
block, each restoring what was there before. The same-municipality triggers run with
it empty (``SET wiec.city_id = ''`` on their functions), so they still see the row
they compare with.

``FORCE ROW LEVEL SECURITY`` makes the policy hold for the tables' owner, the role the
application connects as. A superuser bypasses every policy: connect as the owner, not
as ``postgres``. ``WIEC_ROW_LEVEL_SECURITY`` (on by default with PostgreSQL) turns it
off: ``migrate`` then removes the policies. SQLite has no row-level security.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps as global_apps
from django.conf import settings
from django.db import connection as default_connection

SETTING = "wiec.city_id"
POLICY = "wiec_same_municipality"
#: A second, permissive policy naming no column: with ``wiec.city_id`` unset every row
#: passes even if a migration drops ``city_id`` (and with it the first policy).
OPEN_POLICY = "wiec_unscoped"
#: Apps whose rows are the network's, shown on every municipality's pages (the Map of
#: Participation's index, good practices, events, members): they carry a municipality
#: as a fact about the row, not as its owner.
NETWORK_WIDE_APPS = frozenset({"network"})
#: Models with a municipality that the policy must not hide: the audit log names the
#: municipality an event happened in, but deleting an account pseudonymises the
#: person's events in every municipality at once (RODO art. 17), from whichever
#: municipality's page the deletion is asked. Its page filters by the code instead.
UNSCOPED_MODELS = frozenset({"core.auditevent"})
#: The marker of a same-municipality trigger function (its error message).
TRIGGER_MARK = "a reference to another municipality"

_VALUE = f"NULLIF(current_setting('{SETTING}', true), '')"
CONDITION = f"({_VALUE} IS NULL OR city_id IS NULL OR city_id = {_VALUE}::bigint)"

#: What a same-municipality trigger runs first, so that the policy hides nothing from
#: it (a non-superuser may not pin a setting on a function with ``ALTER FUNCTION SET``).
UNSCOPED = f"PERFORM set_config('{SETTING}', '', true);"
_RESCOPED = f"PERFORM set_config('{SETTING}', coalesce(wiec_scope, ''), true);"


def unscoped_body(source: str) -> str:
    """A trigger function's body that looks with ``wiec.city_id`` empty, then restores it.

    ``source`` is a body of :class:`wiec.places.integrity.SameCity` (``BEGIN ... RETURN
    NEW; END``). An error raised in between aborts the transaction, and the rollback
    undoes the local setting anyway.
    """
    if UNSCOPED in source:
        return source
    head, _begin, rest = source.partition("BEGIN")
    return (
        f"{head}DECLARE wiec_scope text := current_setting('{SETTING}', true);\n"
        f"BEGIN\n    {UNSCOPED}" + rest.replace("RETURN NEW;", f"{_RESCOPED}\n    RETURN NEW;")
    )


_UNSET = object()
_scoped: ContextVar[object] = ContextVar("wiec_row_security", default=_UNSET)


def enabled(connection=default_connection) -> bool:
    return connection.vendor == "postgresql" and bool(
        getattr(settings, "WIEC_ROW_LEVEL_SECURITY", False)
    )


def tenant_models(apps=global_apps) -> list[type]:
    """Every model whose rows belong to one municipality through their own ``city``."""
    found = []
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label in NETWORK_WIDE_APPS or meta.proxy or not meta.managed:
            continue
        if meta.label_lower in UNSCOPED_MODELS:
            continue
        field = next((f for f in meta.concrete_fields if f.name == "city"), None)
        if (
            field is not None
            and field.many_to_one
            and field.related_model._meta.label_lower == "places.city"
            and field.column == "city_id"
        ):
            found.append(model)
    return found


def child_models(apps=global_apps) -> dict[type, tuple[str, type]]:
    """Models that belong to a municipality through a parent of :func:`tenant_models`
    (a proposal through its required edition): each with its foreign key's column and parent."""
    roots = set(tenant_models(apps))
    found = {}
    for model in apps.get_models():
        meta = model._meta
        if model in roots or meta.app_label in NETWORK_WIDE_APPS or meta.proxy:
            continue
        if not meta.managed:
            continue
        parents = [
            f
            for f in meta.concrete_fields
            if f.many_to_one
            and not f.null  # a person's optional link (a user's district) is not a parent
            and f.related_model in roots
            and f.target_field.column == "id"
        ]
        if parents:
            found[model] = (parents[0].column, parents[0].related_model)
    return found


def tenant_tables(apps=global_apps) -> dict[str, tuple[str, str]]:
    """Each table under the policy, with its condition and the column it needs: the
    roots' own ``city_id``, and their direct children's parent (which the parent's
    policy must let through)."""
    tables = {m._meta.db_table: (CONDITION, "city_id") for m in tenant_models(apps)}
    for model, (column, parent) in child_models(apps).items():
        tables.setdefault(
            model._meta.db_table,
            (
                f"({_VALUE} IS NULL OR {column} IS NULL OR EXISTS "
                f"(SELECT 1 FROM {parent._meta.db_table} parent WHERE parent.id = {column}))",
                column,
            ),
        )
    return dict(sorted(tables.items()))


def _quote(connection, name: str) -> str:
    return connection.ops.quote_name(name)


def install_sql(connection, table: str, condition: str = CONDITION) -> list[str]:
    t = _quote(connection, table)
    return [
        f"DROP POLICY IF EXISTS {POLICY} ON {t}",
        f"CREATE POLICY {POLICY} ON {t} USING {condition} WITH CHECK {condition}",
        f"DROP POLICY IF EXISTS {OPEN_POLICY} ON {t}",
        f"CREATE POLICY {OPEN_POLICY} ON {t} USING ({_VALUE} IS NULL) "
        f"WITH CHECK ({_VALUE} IS NULL)",
        f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {t} FORCE ROW LEVEL SECURITY",
    ]


def remove_sql(connection, table: str) -> list[str]:
    t = _quote(connection, table)
    return [
        f"ALTER TABLE {t} NO FORCE ROW LEVEL SECURITY",
        f"ALTER TABLE {t} DISABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS {POLICY} ON {t}",
        f"DROP POLICY IF EXISTS {OPEN_POLICY} ON {t}",
    ]


def _state(cursor) -> tuple[set[str], set[str]]:
    """The tables whose policies are in place and enforced; and every table that has
    row security on or one of the policies (what switching it off must undo)."""
    cursor.execute(
        "SELECT c.relname, c.relrowsecurity AND c.relforcerowsecurity, c.relrowsecurity, "
        "(SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname IN (%s, %s)) "
        "FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'",
        [POLICY, OPEN_POLICY],
    )
    rows = cursor.fetchall()
    return (
        {name for name, on, _any, n in rows if on and n == 2},
        {name for name, _on, any_on, n in rows if any_on or n},
    )


def _columns(cursor) -> set[tuple[str, str]]:
    cursor.execute(
        "SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
        "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' "
        "AND a.attnum > 0 AND NOT a.attisdropped"
    )
    return set(cursor.fetchall())


def apply(connection=default_connection, apps=global_apps) -> list[str]:
    """Bring the database in line with the setting; returns the tables changed.

    Idempotent and cheap when nothing is to do (one query), so it runs after every
    ``migrate`` (and a test's flush) and covers tables created by later migrations.
    """
    if connection.vendor != "postgresql":
        return []
    changed = []
    with connection.cursor() as cursor:
        enforced, with_policy = _state(cursor)
        if enabled(connection):
            wanted = tenant_tables(apps)
            columns = _columns(cursor)
            for table, (condition, column) in wanted.items():
                # A table of an older schema (a migration test going back) may lack it.
                if (table, column) in columns and table not in enforced:
                    for sql in install_sql(connection, table, condition):
                        cursor.execute(sql)
                    changed.append(table)
            for table in sorted(with_policy - set(wanted)):
                for sql in remove_sql(connection, table):
                    cursor.execute(sql)
                changed.append(table)
            cursor.execute(
                "SELECT DISTINCT p.proname, p.prosrc FROM pg_trigger t "
                "JOIN pg_proc p ON p.oid = t.tgfoid "
                "WHERE p.prosrc LIKE %s AND p.prosrc NOT LIKE %s",
                [f"%{TRIGGER_MARK}%", f"%{UNSCOPED}%"],
            )
            for name, source in cursor.fetchall():
                cursor.execute(
                    f"CREATE OR REPLACE FUNCTION {_quote(connection, name)}() RETURNS trigger "
                    f"AS $wiec$\n{unscoped_body(source)}\n$wiec$ LANGUAGE plpgsql"
                )
        else:
            for table in sorted(with_policy):
                for sql in remove_sql(connection, table):
                    cursor.execute(sql)
                changed.append(table)
    return changed


def request_queries(connection=default_connection) -> int:
    """What it costs a municipality's request: one statement to scope, one to restore."""
    return 2 if enabled(connection) else 0


def current_scope() -> object:
    """The municipality id this context has put into ``wiec.city_id`` (or ``None``)."""
    return _scoped.get()


def _aborted(connection) -> bool:
    raw = connection.connection
    if raw is None:
        return False
    from psycopg import pq

    return raw.info.transaction_status == pq.TransactionStatus.INERROR


@contextmanager
def scoped(city_id: int | None, connection=default_connection) -> Iterator[None]:
    """Set ``wiec.city_id`` to ``city_id`` (``None``: every municipality) for the block.

    Session-wide on the connection (so it holds across the block's transactions) and
    restored on the way out. If the block leaves its transaction broken, the rollback
    undoes the setting made inside it, so nothing is run then.
    """
    if not enabled(connection) or _scoped.get() == city_id:
        yield
        return
    value = "" if city_id is None else str(int(city_id))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting(%s, true), set_config(%s, %s, false)",
            [SETTING, SETTING, value],
        )
        previous = cursor.fetchone()[0] or ""
    token = _scoped.set(city_id)
    try:
        yield
    finally:
        _scoped.reset(token)
        if previous != value and not _aborted(connection):
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, %s, false)", [SETTING, previous])

"""Django's database sessions, read with one plain query.

``load`` runs on every request of every signed-in person.  Django's own reads the row
through the ORM (``objects.get``), which costs more to build than the database takes
to answer; this reads the same row, under the same conditions, with a prepared
statement's worth of SQL.  Writing, expiry and cleanup stay Django's.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def load(self) -> dict[str, Any]:
        model = self.model
        connection = connections[router.db_for_read(model)]
        qn = connection.ops.quote_name
        column = {f.name: qn(f.column) for f in model._meta.concrete_fields}
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {column['session_data']} FROM {qn(model._meta.db_table)} "
                f"WHERE {column['session_key']} = %s AND {column['expire_date']} > %s",
                [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None  # as Django's: a missing or expired key is dropped
            return {}
        return self.decode(row[0])

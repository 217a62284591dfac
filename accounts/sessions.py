"""Sessions stay in the database (a suspension ends a member's sessions by deleting their rows),
read with one fixed SQL statement instead of an ORM query built on every request.

Building `Session.objects.get(...)` costs about 200 µs of Python per request; the statement
below is the same query (a live session by key), prepared once per connection on PostgreSQL.
Everything else (writing, expiry, cycling keys) is Django's database session store.
"""

from functools import cache

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone


@cache
def _live_session_sql(model, alias: str) -> str:
    quote = connections[alias].ops.quote_name
    return "SELECT {data} FROM {table} WHERE {key} = %s AND {expires} > %s".format(  # noqa: S608
        table=quote(model._meta.db_table),
        key=quote(model._meta.get_field("session_key").column),
        data=quote(model._meta.get_field("session_data").column),
        expires=quote(model._meta.get_field("expire_date").column),
    )


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        model = self.model
        using = router.db_for_read(model)
        connection = connections[using]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_live_session_sql(model, using), [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        # Only the data is read (`load` decodes it); the row's other columns are not needed.
        return model.from_db(using, ["session_key", "session_data"], [self.session_key, row[0]])

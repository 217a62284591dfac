"""Sessions stay in the database (a suspension ends a member's sessions by deleting their rows),
in `accounts.MemberSession`, which also records the member each session belongs to.

Built on Django's documented extension points for database-backed sessions: `get_model_class`
names the model, `create_model_instance` fills the member id whenever the session is saved, and
`load` (public) reads a live session with one fixed SQL statement instead of an ORM query built
on every request (building `objects.get(...)` costs about 200 µs of Python; the statement is the
same query, prepared once per connection on PostgreSQL). A miss (expired, ended or forged key)
goes through Django's own `load`, which also forgets the key; misses are rare.
"""

from functools import cache

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone


def member_id_of(data: dict) -> int | None:
    """The logged-in member's id a session's data holds, or None for a visitor's."""
    try:
        return int(data.get(SESSION_KEY))
    except (TypeError, ValueError):
        return None


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
    @classmethod
    def get_model_class(cls):
        from accounts.session_models import MemberSession  # noqa: PLC0415  (accounts.session_models imports this module)

        return MemberSession

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        session.member_id = member_id_of(data)
        return session

    def load(self):
        model = self.get_model_class()
        using = router.db_for_read(model)
        connection = connections[using]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_live_session_sql(model, using), [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            return super().load()
        return self.decode(row[0])

"""Hot fixed-shape queries (the read pages', the member load on every request), built and
compiled to SQL once per process and shape.

Building a queryset (filters, the visibility rule's `Q`, annotations, `select_related`) and
compiling it to SQL cost more Python time on a thread or forum page than PostgreSQL takes to run
the query (see bench/README.md). The SQL of these queries changes only with the viewer (their
whole `forums.visibility.Viewer` value but their id: blocks, mutes, moderator scope) and a few
counts, never with the ids they read. So each is built
once through the ORM, from the same selectors and rules, with a marker value in place of each
id; the compiled statement is kept with the place of each marker, and each later call runs it
with the real values, turning the rows into model instances or dicts exactly as the ORM would.

Only integers and strings that are query parameters (or integers in LIMIT/OFFSET) may vary;
anything else that changes the SQL (a viewer's blocked members, the number of ids in an `IN`)
belongs in the shape's key.
"""

from collections.abc import Callable, Hashable

from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import get_related_populators

# Marker values no real id, position or slug takes (ints within a 32-bit column's range:
# Django checks lookups on integer fields against it).
_INT_MARKER_BASE = 1_987_650_000
_TEXT_MARKER = "\x1fmarker-{}\x1f"


def int_marker(number: int) -> int:
    return _INT_MARKER_BASE + number


def text_marker(number: int) -> str:
    return _TEXT_MARKER.format(number)


class CompiledQuery:
    """One queryset's SQL, with the places its marker values took, and how to read its rows."""

    def __init__(
        self, queryset: QuerySet, markers: dict[str, Hashable], *, as_dicts: bool, optional=()
    ):
        self.db = queryset.db
        compiler = queryset.query.get_compiler(using=self.db)
        sql, params = compiler.as_sql()
        by_value = {value: name for name, value in markers.items()}
        self.params = list(params)
        self.param_slots = [
            (index, by_value[value])
            for index, value in enumerate(self.params)
            if isinstance(value, Hashable) and value in by_value
        ]
        # LIMIT and OFFSET are written into the SQL, not passed as parameters.
        self.text_slots = [
            (str(value), name)
            for name, value in markers.items()
            if type(value) is int and str(value) in sql
        ]
        placed = {name for _index, name in self.param_slots} | {n for _t, n in self.text_slots}
        # An optional marker (the viewer's id) may be absent: a rule that does not depend on
        # who the viewer is (a global moderator's) leaves it out of the SQL.
        missing = set(markers) - placed - set(optional)
        if missing:
            raise ValueError(f"markers not found in the compiled query: {missing}")
        self.sql = sql
        self.compiler = compiler
        # The value converters (dates, JSON, decimals...) of each column, looked up once.
        self.converters = compiler.get_converters(
            [column[0] for column in compiler.select[: compiler.col_count]]
        )
        self.as_dicts = as_dicts
        if as_dicts:
            query = queryset.query
            self.names = [*query.extra_select, *query.values_select, *query.annotation_select]
        else:
            klass_info = compiler.klass_info
            select = compiler.select
            self.model = klass_info["model"]
            fields = klass_info["select_fields"]
            self.model_slice = slice(fields[0], fields[-1] + 1)
            self.init_list = [column[0].target.attname for column in select[self.model_slice]]
            self.related_populators = get_related_populators(klass_info, select, self.db)
            self.annotation_col_map = compiler.annotation_col_map

    def run(self, **values) -> list:
        params = self.params.copy()
        for index, name in self.param_slots:
            params[index] = values[name]
        sql = self.sql
        for text, name in self.text_slots:
            sql = sql.replace(text, str(int(values[name])))
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        if self.as_dicts:
            names = self.names
            return [dict(zip(names, row, strict=True)) for row in rows]
        return [self._instance(row) for row in rows]

    def _instance(self, row):
        instance = self.model.from_db(self.db, self.init_list, row[self.model_slice])
        for populator in self.related_populators:
            populator.populate(row, instance)
        for name, position in (self.annotation_col_map or {}).items():
            setattr(instance, name, row[position])
        return instance


_compiled: dict[tuple, CompiledQuery] = {}
# Viewers with blocks, mutes or a moderator scope have shapes of their own; the process keeps
# at most this many compiled queries.
MAX_COMPILED = 2000


def compiled(
    key: tuple,
    build: Callable[..., QuerySet],
    markers: dict[str, Hashable],
    *,
    as_dicts=False,
    optional=(),
) -> CompiledQuery:
    """Return the query `build(**markers)` makes, compiled once per process, database
    connection's vendor and `key` (which must name everything that changes its SQL: for a
    viewer, their whole `forums.visibility.Viewer` value with a marker id)."""
    full_key = (*key, connections["default"].vendor)
    query = _compiled.get(full_key)
    if query is None:
        query = CompiledQuery(build(**markers), markers, as_dicts=as_dicts, optional=optional)
        if len(_compiled) >= MAX_COMPILED:
            _compiled.pop(next(iter(_compiled)))  # the oldest: shapes seen once stay few
        _compiled[full_key] = query
    return query

"""Constant SQL statements, prepared once per database connection on PostgreSQL.

The storefront runs the same few statements for every visitor (a grid's cards, a product's
variants and photos). PostgreSQL spent about three times as long planning them (two joins,
three correlated subqueries) as running them; prepared, each is planned once per connection.
Django's own queries keep client-side binding (their SQL text changes with every value), so
only what runs through ``fetch_prepared`` is prepared. ``DATABASE_PREPARED_STATEMENTS=false``
turns this off for a pooler that cannot keep prepared statements (PgBouncer in transaction
mode); the statements then run unprepared.
"""

from django.db import connection

try:
    import psycopg
except ImportError:  # pragma: no cover - psycopg is a dependency; SQLite needs none of this
    psycopg = None


def fetch_prepared(sql: str, params: list | tuple = ()) -> list[tuple]:
    """All rows of ``sql`` (``%s`` placeholders, constant text): prepared on PostgreSQL, plain
    elsewhere. The cursor is Django's wrapper, so test query counts and execute wrappers see
    it like any other query."""
    if connection.vendor != "postgresql" or psycopg is None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    # A server-side binding cursor: its statement text is the same for every call, so the
    # connection's prepare_threshold (settings: 0, prepare at once) applies to it.
    raw = psycopg.Cursor(connection.connection)
    wrap = connection.make_debug_cursor if connection.queries_logged else connection.make_cursor
    with connection.wrap_database_errors, wrap(raw) as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if connection.queries_logged and connection.queries_log:
        # Django's query log reads the SQL back from the cursor; a prepared one does not keep it.
        connection.queries_log[-1]["sql"] = connection.ops.compose_sql(sql, params)
    return rows


def id_list_condition(column: str, ids: list[int]) -> tuple[str, list]:
    """``column`` among ``ids`` as one placeholder on PostgreSQL (``= ANY(%s)``: the same
    statement for any number of ids), as ``IN (%s, …)`` elsewhere."""
    ids = [int(pk) for pk in ids]
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s::bigint[])", [ids]
    return f"{column} IN ({', '.join(['%s'] * len(ids))})", ids

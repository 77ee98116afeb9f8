"""Slicing querysets into Relay connections: at most ``MAX_PAGE_SIZE`` items a page."""

from django.utils.translation import gettext as _
from graphql import GraphQLError
from graphql_relay import cursor_to_offset, offset_to_cursor

MAX_PAGE_SIZE = 100

CONNECTION_ARGUMENTS = ("first", "last", "after", "before")


def _offset(cursor: str | None, name: str) -> int | None:
    if cursor is None:
        return None
    offset = cursor_to_offset(cursor)
    if offset is None or offset < 0:
        raise GraphQLError(_("Argument '%(name)s' is not a valid cursor.") % {"name": name})
    return offset


def check_page_size(first: int | None, last: int | None) -> None:
    if first is not None and last is not None:
        raise GraphQLError(_("Mixing 'first' and 'last' is not supported."))
    if first is None and last is None:
        raise GraphQLError(_("You must provide a 'first' or 'last' value to properly paginate."))
    for name, value in (("first", first), ("last", last)):
        if value is not None and not 0 <= value <= MAX_PAGE_SIZE:
            raise GraphQLError(
                _("Argument '%(name)s' must be between 0 and %(max)d; got %(value)d.")
                % {"name": name, "max": MAX_PAGE_SIZE, "value": value}
            )


def paginate(queryset, connection_type, *, first=None, last=None, after=None, before=None, **_):
    """One page of ``queryset`` (already ordered, or a list already loaded) as
    ``connection_type``; totalCount is lazy."""
    check_page_size(first, last)
    start = (_offset(after, "after") + 1) if after is not None else 0
    end = _offset(before, "before")
    counted = {}

    def count_items() -> int:
        if "total" not in counted:
            counted["total"] = len(queryset) if isinstance(queryset, list) else queryset.count()
        return counted["total"]

    if first is not None:
        stop = start + first + 1
        if end is not None:
            stop = min(stop, end)
        rows = list(queryset[start:stop]) if stop > start else []
        has_next = len(rows) > first
        rows = rows[:first]
        has_previous = start > 0
    else:
        upper = end if end is not None else count_items()
        lower = max(start, upper - last)
        rows = list(queryset[lower:upper]) if upper > lower else []
        start = lower
        has_previous = lower > 0
        has_next = end is not None and end < count_items()

    edge_type = connection_type.Edge
    edges = [
        edge_type(node=row, cursor=offset_to_cursor(start + index))
        for index, row in enumerate(rows)
    ]
    page_info = connection_type._meta.fields["page_info"].type.of_type(
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
        has_previous_page=has_previous,
        has_next_page=has_next,
    )
    connection = connection_type(edges=edges, page_info=page_info)
    connection.count_items = count_items
    connection.nodes = rows
    return connection

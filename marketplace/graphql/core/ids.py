"""Saleor-style global IDs: base64("Type:pk")."""

import binascii

from graphql_relay import from_global_id, to_global_id

__all__ = ["InvalidIdError", "from_global_id_or_error", "to_global_id"]


class InvalidIdError(ValueError):
    """The ID is not a valid global ID, or is one of another type."""


def from_global_id_or_error(global_id: str, only_type: str | None = None) -> tuple[str, str]:
    """Decode ``global_id`` into (type, pk); refuse malformed IDs and IDs of another type."""
    try:
        type_name, pk = from_global_id(str(global_id))
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError):
        raise InvalidIdError(f"Couldn't resolve id: {global_id}.")
    if not type_name or not pk:
        raise InvalidIdError(f"Couldn't resolve id: {global_id}.")
    if only_type and type_name != only_type:
        raise InvalidIdError(f"Must receive a {only_type} id.")
    return type_name, pk


def pk_from_global_id(global_id: str, only_type: str) -> int:
    """The integer primary key behind a global ID of ``only_type``."""
    _type, pk = from_global_id_or_error(global_id, only_type)
    try:
        return int(pk)
    except ValueError:
        raise InvalidIdError(f"Couldn't resolve id: {global_id}.")

"""The base of every domain's error: a stable code for clients and a message for people."""

from enum import StrEnum


class DomainError(Exception):
    """Raised by a service when a business rule refuses the operation.

    ``code`` is a member of the domain's ``<Domain>ErrorCode`` enum (a stable API);
    ``message`` is translated text for people; ``field`` names the input at fault.
    """

    def __init__(self, code: StrEnum, message: str = "", *, field: str | None = None, **params):
        self.code = code
        self.message = str(message or code.value)
        self.field = field
        self.params = params
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

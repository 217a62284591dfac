"""Path converters shared by every app's URLconf."""

from django.urls import register_converter

# The largest value of a 64-bit primary key (PostgreSQL bigint, SQLite INTEGER).
MAX_ID = 2**63 - 1


class IdConverter:
    """A row id: digits up to the largest 64-bit key.

    Django's `int` converter accepts any length, and a larger number than the database can hold
    reached the query and answered 500; here it simply does not match, so the address is a 404.
    """

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError(value)  # no match: the resolver answers 404
        return number

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(IdConverter, "id")

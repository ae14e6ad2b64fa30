"""Domain exceptions. The API maps them to HTTP statuses in one table (``api/errors.py``);
the CLI prints their message on one line and exits non-zero."""

from __future__ import annotations


class ZoneAtlasError(Exception):
    """Base of every error a user can cause; ``str(error)`` is the message they see."""


class NotFound(ZoneAtlasError):
    """A record that the request names does not exist."""


class ParcelNotFound(NotFound):
    def __init__(self, code: str) -> None:
        super().__init__(f"no parcel with code {code!r}")
        self.code = code


class ZoneNotFound(NotFound):
    def __init__(self, slug: str) -> None:
        super().__init__(f"no zone {slug!r}; run `zoneatlas demo --no-serve` to build the demo")
        self.slug = slug


class InvalidParameter(ZoneAtlasError):
    """A query parameter or option has a value we cannot use."""

    def __init__(self, parameter: str, reason: str) -> None:
        super().__init__(f"{parameter}: {reason}")
        self.parameter = parameter
        self.reason = reason


class ImportRejected(ZoneAtlasError):
    """An import file failed validation; nothing was stored.

    ``problems`` holds one ``(row, message)`` pair per problem; row numbers start at 1
    for the first feature or data line.
    """

    def __init__(self, source: str, problems: list[tuple[int | None, str]]) -> None:
        self.source = source
        self.problems = problems
        lines = [f"row {row}: {msg}" if row is not None else msg for row, msg in problems]
        shown = "; ".join(lines[:50])
        more = f"; ... and {len(lines) - 50} more" if len(lines) > 50 else ""
        super().__init__(f"{source}: {len(problems)} problem(s), nothing imported: {shown}{more}")


class UnsupportedFormat(ZoneAtlasError):
    """A file extension we cannot read or write."""

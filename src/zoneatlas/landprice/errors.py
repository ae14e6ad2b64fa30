"""Errors of the land price engine. Both are :class:`~zoneatlas.errors.ZoneAtlasError`, so the
CLI prints them on one line and the API answers 4xx with the message."""

from __future__ import annotations

from dataclasses import dataclass

from zoneatlas.errors import ZoneAtlasError


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a table set: the field path (``uses.residential.far_table[2].far``)
    and what is wrong with it."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class TableSetInvalid(ZoneAtlasError):
    """A land price table set failed validation; ``problems`` lists every problem found."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:50])
        more = f"; ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{source}: {len(problems)} problem(s) in the table set: {shown}{more}")

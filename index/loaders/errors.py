"""The error every loader raises: it names the file and, when known, the line or field."""

from __future__ import annotations


class LoaderError(ValueError):
    """A source that cannot be read as articles, with where the problem is."""

    def __init__(self, origin: str, reason: str, *, line: int | None = None, field: str | None = None) -> None:
        self.origin = origin
        self.reason = reason
        self.line = line
        self.field = field
        where = origin
        if line is not None:
            where += f", line {line}"
        if field is not None:
            where += f", field {field!r}"
        super().__init__(f"{where}: {reason}")

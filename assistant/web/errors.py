"""The API's error shape, `{"error": {"message", "type", "code"}}` (OpenAI's), and its readable messages."""

from __future__ import annotations


class ApiError(Exception):
    """An error to answer with: status, message and a machine-readable code."""

    def __init__(self, status: int, message: str, code: str) -> None:
        super().__init__(message)
        self.status, self.code = status, code


def error_body(status: int, message: str, code: str) -> dict[str, dict[str, str]]:
    """The JSON body of an error response."""
    kind = "invalid_request_error" if status < 500 else "server_error"
    return {"error": {"message": message, "type": kind, "code": code}}


def validation_message(errors: list[dict]) -> str:
    """Pydantic errors as one line naming each field, e.g. `filters.since: ...` (never echoing the input)."""
    parts = []
    for error in errors:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path"))
        message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts) or "invalid request"

"""Request body limits of the API, answered with the API's JSON error (a 413) before a large body is read."""

from __future__ import annotations

import json
from collections.abc import Callable

from assistant.web.errors import error_body
from assistant.web.headers import ASGIApp, Message, Receive, Scope, Send


class BodyTooLarge(Exception):
    """A request body over its limit, found while it was being read."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"request body over the limit of {limit:,} bytes.")
        self.limit = limit


class BodyLimit:
    """ASGI middleware: refuses bodies longer than `limit_for(method, path)` bytes (None: no limit here)."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str, str], int | None]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self.limit_for(scope.get("method", ""), scope.get("path", "")) if scope["type"] == "http" else None
        if limit is None:
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _too_large(send, BodyTooLarge(limit))
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge(limit)
            return message

        await self.app(scope, counted, send)


async def _too_large(send: Send, error: BodyTooLarge) -> None:
    """Send the 413 JSON error."""
    body = json.dumps(error_body(413, str(error), "too_large"))
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body.encode()})

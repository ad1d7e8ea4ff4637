"""One body limit for every route (the API's and Gradio's), chunked or not: a JSON 413, nothing of the body kept."""

from __future__ import annotations

import json
from collections.abc import Callable

from assistant.web.errors import error_body
from assistant.web.headers import ASGIApp, Message, Receive, Scope, Send


class BodyTooLarge(Exception):
    """A request body over its limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"request body over the limit of {limit:,} bytes.")
        self.limit = limit


class BodyLimit:
    """ASGI middleware: refuses bodies longer than `limit_for(method, path)` bytes with a 413 JSON error.

    A declared Content-Length over the limit is refused before anything is read; a chunked body is counted as it
    arrives, and once over the limit the app sees a disconnect and whatever it answers is replaced by the 413.
    """

    def __init__(self, app: ASGIApp, limit_for: Callable[[str, str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("method", ""), scope.get("path", ""))
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await too_large(send, BodyTooLarge(limit))
            return
        seen, over, started = 0, False, False

        async def counted() -> Message:
            nonlocal seen, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                over = True
                return {"type": "http.disconnect"}
            return message

        async def answer(message: Message) -> None:
            nonlocal started
            if over and not started:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, answer)
        except Exception:
            if not over:
                raise
        if over and not started:
            await too_large(send, BodyTooLarge(limit))


async def too_large(send: Send, error: BodyTooLarge) -> None:
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

"""What Gradio's own pages are corrected to: declared Persian right-to-left in the HTML itself (not only by a
script). Error bodies, an unknown route's 404 among them, are `assistant/web/failures.py`'s."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Asgi = Callable[[Message, Receive, Send], Awaitable[None]]

_HTML_TAG = re.compile(rb"<html\s+lang=\"en\"")
_DECLARED = b'<html lang="fa" dir="rtl"'


def _corrected(content_type: str, body: bytes) -> bytes:
    """The body with the page's language declared, when it is an HTML page."""
    if content_type.startswith("text/html"):
        return _HTML_TAG.sub(_DECLARED, body, count=1)
    return body


class GradioResponses:
    """ASGI middleware over a mounted Gradio app applying `_corrected` to its HTML pages (small)."""

    def __init__(self, app: Asgi) -> None:
        self.app = app

    async def __call__(self, scope: Message, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        held: Message | None = None
        chunks: list[bytes] = []

        async def corrected_send(message: Message) -> None:
            nonlocal held
            if message["type"] == "http.response.start":
                headers = {key.lower(): value for key, value in message.get("headers", [])}
                content_type = headers.get(b"content-type", b"").decode("latin-1")
                if content_type.startswith("text/html"):
                    held = message
                    return
            elif message["type"] == "http.response.body" and held is not None:
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                await _send_whole(send, held, b"".join(chunks))
                return
            await send(message)

        await self.app(scope, receive, corrected_send)


async def _send_whole(send: Send, start: Message, body: bytes) -> None:
    """Send a held response start and its body, corrected, with the length that fits it."""
    headers = {key.lower(): value for key, value in start.get("headers", [])}
    content_type = headers.get(b"content-type", b"").decode("latin-1")
    body = _corrected(content_type, body)
    kept = [(key, value) for key, value in start.get("headers", []) if key.lower() != b"content-length"]
    await send({**start, "headers": [*kept, (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})

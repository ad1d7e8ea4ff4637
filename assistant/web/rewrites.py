"""The one ASGI middleware that holds a response back to rewrite its body (error bodies, Gradio's pages); every
other response streams through untouched."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from assistant.web.headers import ASGIApp, Message, Receive, Scope, Send


class BodyRewrite(Protocol):
    """Which responses one rewrite holds back, and what it sends instead."""

    def wants(self, status: int, content_type: bytes) -> bool:
        """True when a response with this status and content type is to be held back and rewritten."""

    def rewrite(self, status: int, content_type: bytes, body: bytes) -> tuple[bytes, bytes] | None:
        """The (content type, body) to send instead, or None to send the response as it was."""


Failed = Callable[[Scope, Exception], tuple[int, bytes, bytes]]
"""What to answer (status, content type, body) when the app raised before it started a response."""


class Rewrites:
    """Buffers the responses the first willing rewrite wants, sends its body with the length that fits it, and
    answers an escaped exception with `failed` (the app's errors never reach the client as a bare page)."""

    def __init__(self, app: ASGIApp, rewrites: Sequence[BodyRewrite], failed: Failed) -> None:
        self.app, self.rewrites, self.failed = app, tuple(rewrites), failed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        held: tuple[Message, BodyRewrite] | None = None
        chunks: list[bytes] = []

        async def rewriting(message: Message) -> None:
            nonlocal started, held
            if message["type"] == "http.response.start":
                started = True
                content_type = _header(message, b"content-type")
                wanting = [r for r in self.rewrites if r.wants(message["status"], content_type)]
                if wanting:
                    held = (message, wanting[0])
                    return
            if held is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            start, rewrite = held
            body = b"".join(chunks)
            content_type = _header(start, b"content-type")
            replaced = rewrite.rewrite(start["status"], content_type, body)
            await _send_whole(send, start["status"], *(replaced or (content_type, body)), start)
            held = None

        try:
            await self.app(scope, receive, rewriting)
        except Exception as error:
            status, content_type, body = self.failed(scope, error)
            if not started:
                await _send_whole(send, status, content_type, body)


def _header(message: Message, name: bytes) -> bytes:
    """A response header's value (b"" when absent)."""
    return next((value for key, value in message.get("headers", []) if key.lower() == name), b"")


async def _send_whole(
    send: Send, status: int, content_type: bytes, body: bytes, original: Message | None = None
) -> None:
    """Send a whole response, keeping the original's other headers (WWW-Authenticate, Retry-After, CSP…)."""
    kept = [
        (name, value)
        for name, value in (original or {}).get("headers", [])
        if name.lower() not in (b"content-type", b"content-length")
    ]
    headers = [*kept, (b"content-type", content_type), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})

"""Security headers on every response: which portals may frame the app (CSP frame-ancestors), no MIME sniffing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def frame_ancestors(origins: Sequence[str]) -> str:
    """The Content-Security-Policy that lets only this app and the allowed origins frame its pages."""
    return "frame-ancestors " + ("*" if "*" in origins else " ".join(("'self'", *origins)))


class SecurityHeaders:
    """ASGI middleware setting Content-Security-Policy (frame-ancestors) and X-Content-Type-Options on responses."""

    def __init__(self, app: ASGIApp, allowed_origins: Sequence[str]) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", frame_ancestors(allowed_origins).encode("latin-1")),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"strict-origin-when-cross-origin"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                ours = {name for name, _ in self.headers}
                kept = [(name, value) for name, value in message.get("headers", []) if name.lower() not in ours]
                message["headers"] = [*kept, *self.headers]
            await send(message)

        await self.app(scope, receive, with_headers)

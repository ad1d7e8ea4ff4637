"""Security headers on every response: a Content-Security-Policy whose `script-src` admits only this server's
scripts and the page's own inline ones (by hash), who may frame the pages, X-Frame-Options, no MIME sniffing."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

EMBED_PREFIX = "/embed"
MAX_HASHED_PAGE_BYTES = 4 * 1024 * 1024
"""HTML pages up to this size get their inline scripts hashed into the CSP; a larger one runs no inline script."""
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)


def frame_ancestors(origins: Sequence[str]) -> str:
    """The CSP directive that lets only this app and the allowed origins frame a page."""
    return "frame-ancestors " + ("*" if "*" in origins else " ".join(("'self'", *origins)))


def script_hashes(page: bytes) -> list[str]:
    """The CSP sources (`'sha256-…'`) of a page's inline scripts."""
    return [
        f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'" for body in _INLINE_SCRIPT.findall(page)
    ]


def policy(frame: str, inline_scripts: Sequence[str] = ()) -> bytes:
    """The Content-Security-Policy header value.

    `'unsafe-eval'` is there because Gradio 6 compiles its HTML components' templates with `new Function`;
    inline scripts and event-handler attributes stay refused unless hashed, which is what stops injected markup.
    """
    scripts = " ".join(("'self'", "'unsafe-eval'", *inline_scripts))
    return f"script-src {scripts}; object-src 'none'; base-uri 'self'; form-action 'self'; {frame}".encode("latin-1")


class SecurityHeaders:
    """ASGI middleware setting the CSP, X-Frame-Options (where portals may not frame) and X-Content-Type-Options.

    `page_scripts` are the hashes of inline scripts a page adds at run time (Gradio inserts the `head` scripts).
    """

    def __init__(self, app: ASGIApp, allowed_origins: Sequence[str], page_scripts: Sequence[str] = ()) -> None:
        self.app = app
        self.page_scripts = list(page_scripts)
        self.embed_frame = frame_ancestors(allowed_origins)
        self.embed_options = [] if allowed_origins else [(b"x-frame-options", b"SAMEORIGIN")]

    def _frame(self, path: str) -> tuple[str, list[tuple[bytes, bytes]]]:
        """The frame-ancestors directive and X-Frame-Options of a path: portals may frame the chat-only page only."""
        if path == EMBED_PREFIX or path.startswith(EMBED_PREFIX + "/"):
            return self.embed_frame, self.embed_options
        return "frame-ancestors 'self'", [(b"x-frame-options", b"SAMEORIGIN")]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        frame, options = self._frame(scope.get("path", ""))
        fixed = [
            *options,
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"strict-origin-when-cross-origin"),
        ]
        ours = {name for name, _ in fixed} | {b"content-security-policy", b"x-frame-options"}
        start: Message | None = None
        page = b""

        async def send_start(message: Message, csp: bytes) -> None:
            kept = [(name, value) for name, value in message.get("headers", []) if name.lower() not in ours]
            message["headers"] = [*kept, *fixed, (b"content-security-policy", csp)]
            await send(message)

        async def with_headers(message: Message) -> None:
            nonlocal start, page
            if message["type"] == "http.response.start":
                content_type = dict(message.get("headers", [])).get(b"content-type", b"")
                if content_type.startswith(b"text/html"):
                    start = message
                    return
                await send_start(message, policy(frame))
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            page += message.get("body", b"")
            if message.get("more_body") and len(page) <= MAX_HASHED_PAGE_BYTES:
                return
            hashes = script_hashes(page) if len(page) <= MAX_HASHED_PAGE_BYTES else []
            hashes += self.page_scripts
            await send_start(start, policy(frame, hashes))
            start = None
            await send({"type": "http.response.body", "body": page, "more_body": message.get("more_body", False)})
            page = b""

        await self.app(scope, receive, with_headers)

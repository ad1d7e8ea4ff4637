"""The last net under every route (ours or Gradio's): errors always in the `{"error": …}` shape, never echoing
the input, and an unexpected failure logged in one line."""

from __future__ import annotations

import json
import logging

from assistant.web.errors import error_body, validation_message
from assistant.web.headers import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("khabar.web")
_INTERNAL = error_body(500, "internal error; the server log has the details.", "internal_error")


def _rewritten(status: int, body: bytes) -> dict | None:
    """Our error body for a 500 that is not ours, or for FastAPI's 422 `{"detail": …}` (which echoes the input)."""
    if status == 500:
        return _INTERNAL
    try:
        detail = json.loads(body).get("detail")
    except (ValueError, AttributeError):
        return None
    if detail is None:
        return None
    message = validation_message(detail) if isinstance(detail, list) else str(detail)[:500]
    codes = {401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed", 413: "too_large"}
    return error_body(status, message, codes.get(status, "invalid_request"))


class JsonFailures:
    """ASGI middleware: a non-JSON 500 (Starlette's plain-text page), an escaped exception, or a 4xx `{"detail"}`
    body (Gradio's own FastAPI errors) become our JSON error."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        held: Message | None = None
        body = b""

        async def checked(message: Message) -> None:
            nonlocal started, held, body
            if message["type"] == "http.response.start":
                started = True
                status = message["status"]
                content_type = dict(message.get("headers", [])).get(b"content-type", b"")
                is_json = content_type.startswith(b"application/json")
                if (status == 500 and not is_json) or (400 <= status < 500 and is_json):
                    held = message
                    return
            if held is None:
                await send(message)
                return
            body += message.get("body", b"")
            if message.get("more_body"):
                return
            replaced = _rewritten(held["status"], body)
            if replaced is None:
                await send(held)
                await send({"type": "http.response.body", "body": body})
            else:
                await _send_json(send, held["status"], replaced, held)
            held = None

        try:
            await self.app(scope, receive, checked)
        except Exception as error:
            log.error(
                "khabar: %s %s failed: %s: %.200s", scope.get("method"), scope.get("path"), type(error).__name__, error
            )
            if not started:
                await _send_json(send, 500, _INTERNAL)


async def _send_json(send: Send, status: int, body: dict, original: Message | None = None) -> None:
    """Send a JSON error, keeping the original response's other headers (WWW-Authenticate, Retry-After…)."""
    data = json.dumps(body, ensure_ascii=False).encode()
    kept = [
        (name, value)
        for name, value in (original or {}).get("headers", [])
        if name.lower() not in (b"content-type", b"content-length")
    ]
    headers = [*kept, (b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})

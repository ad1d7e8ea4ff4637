"""The last net under every route: an unexpected failure (ours or Gradio's) is one log line and a JSON 500."""

from __future__ import annotations

import json
import logging

from assistant.web.errors import error_body
from assistant.web.headers import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("khabar.web")
_BODY = json.dumps(error_body(500, "internal error; the server log has the details.", "internal_error")).encode()


class JsonFailures:
    """ASGI middleware: a 500 that is not JSON (Starlette's plain-text page) or an escaped exception → JSON 500."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, replaced = False, False

        async def checked(message: Message) -> None:
            nonlocal started, replaced
            if replaced:
                return
            if message["type"] == "http.response.start":
                started = True
                content_type = dict(message.get("headers", [])).get(b"content-type", b"")
                if message["status"] == 500 and not content_type.startswith(b"application/json"):
                    replaced = True
                    await _send_500(send)
                    return
            await send(message)

        try:
            await self.app(scope, receive, checked)
        except Exception as error:
            log.error(
                "khabar: %s %s failed: %s: %s", scope.get("method"), scope.get("path"), type(error).__name__, error
            )
            if not started:
                await _send_500(send)


async def _send_500(send: Send) -> None:
    """Send the JSON 500."""
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(_BODY)).encode())]
    await send({"type": "http.response.start", "status": 500, "headers": headers})
    await send({"type": "http.response.body", "body": _BODY})

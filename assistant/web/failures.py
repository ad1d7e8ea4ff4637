"""The last net under every route (ours or Gradio's): errors always in the `{"error": …}` shape, never echoing
the input, and an unexpected failure logged in one line."""

from __future__ import annotations

import json
import logging

from assistant.web.errors import error_body, validation_message
from assistant.web.headers import Scope

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


class JsonErrors:
    """A `BodyRewrite`: a non-JSON 500 (Starlette's plain-text page) or a 4xx `{"detail"}` body (FastAPI's and
    Gradio's own errors) becomes our JSON error."""

    def wants(self, status: int, content_type: bytes) -> bool:
        """A 500 that is not JSON, or a JSON 4xx."""
        is_json = content_type.startswith(b"application/json")
        return (status == 500 and not is_json) or (400 <= status < 500 and is_json)

    def rewrite(self, status: int, content_type: bytes, body: bytes) -> tuple[bytes, bytes] | None:
        """Our JSON error for this body, or None when it is already ours."""
        replaced = _rewritten(status, body)
        return None if replaced is None else (b"application/json", _encoded(replaced))


def internal_error(scope: Scope, error: Exception) -> tuple[int, bytes, bytes]:
    """Log an exception that escaped a route in one line; the JSON 500 to answer with."""
    log.error("khabar: %s %s failed: %s: %.200s", scope.get("method"), scope.get("path"), type(error).__name__, error)
    return 500, b"application/json", _encoded(_INTERNAL)


def _encoded(body: dict) -> bytes:
    """A JSON error body as sent."""
    return json.dumps(body, ensure_ascii=False).encode()

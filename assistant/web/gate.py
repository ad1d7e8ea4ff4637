"""The one sign-in check in front of every route (Gradio's and the API's): a bearer key or a session cookie.

Keys are entered once at /auth/login (or, for the chat-only page, in its `?key=` link) and kept as an
HttpOnly, SameSite session cookie; the caller's role is put in the ASGI scope for the routes to read.
Failed keys are throttled per client address and logged in one line each.
"""

from __future__ import annotations

import html
import json
import logging
from dataclasses import dataclass
from urllib.parse import parse_qs

from starlette.datastructures import Headers, QueryParams

from assistant.web.auth import Access, AccessError, Role, bearer_token
from assistant.web.errors import error_body
from assistant.web.headers import ASGIApp, Receive, Scope, Send
from assistant.web.sessions import COOKIE, FAILURE_WINDOW_SECONDS, SESSION_SECONDS, Sessions, Throttle
from assistant.web.settings import ServerSettings

log = logging.getLogger("khabar.auth")
ROLE = "khabar_role"
"""The scope["state"] key holding the caller's Role."""
TOKEN_GIVEN = "khabar_token_given"
PUBLIC_PATHS = ("/healthz", "/readyz", "/widget.js", "/docs", "/openapi.json")
PUBLIC_PREFIXES = ("/docs-assets/",)
SIGN_IN, SIGN_OUT = "/auth/login", "/auth/logout"
EMBED = "/embed"


def _public(path: str) -> bool:
    """Whether a path holds nothing of the index (health, the widget script, the API's own documentation)."""
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


def _is_upload(path: str) -> bool:
    """Whether the path is Gradio's file upload (of the full page or the chat-only one)."""
    return path.rstrip("/").endswith("/gradio_api/upload")


def _local_path(target: str | None, default: str = "/") -> str:
    """A redirect target that stays on this server (an absolute path, never `//host` or a URL)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return default


def sign_in_page(message: str = "", target: str = "/") -> str:
    """The HTML form that asks for a key (no script; it posts to /auth/login)."""
    note = f'<p class="note" role="alert">{html.escape(message)}</p>' if message else ""
    return (
        '<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>ورود · khabar</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><style>'
        "body{font-family:Vazirmatn,'Noto Sans Arabic',Tahoma,sans-serif;max-width:26rem;margin:4rem auto;"
        "padding:0 1rem}"
        "input,button{font:inherit;padding:.5rem;margin:.25rem 0;width:100%;box-sizing:border-box}"
        ".note{color:#b91c1c}</style></head><body><h1>خبر · khabar</h1>"
        f'{note}<form id="kh-signin" method="post" action="{SIGN_IN}">'
        '<label for="kh-key">کلید دسترسی · Access key</label>'
        '<input id="kh-key" name="key" type="password" autocomplete="current-password" required autofocus>'
        f'<input type="hidden" name="next" value="{html.escape(_local_path(target))}">'
        '<button id="kh-signin-enter" type="submit">ورود · Sign in</button></form></body></html>'
    )


@dataclass(frozen=True)
class Caller:
    """Who is calling: the role, and whether a key was given with the request (for the right refusal)."""

    role: Role
    token_given: bool


class Gatekeeper:
    """Keys, sessions and the failure throttle, shared by the gate middleware, the API guard and the UI."""

    def __init__(self, settings: ServerSettings) -> None:
        self.access = Access(settings)
        self.sessions = Sessions()
        self.throttle = Throttle()

    def caller(self, headers: Headers, path: str) -> Caller:
        """The caller of a request: its bearer key, else its session cookie, else anyone (when no keys are set)."""
        token = bearer_token(headers.get("authorization"))
        if token is not None:
            role = self.access.key_role(token)
            if role is Role.NONE and path.startswith(EMBED + "/") and self.access.is_embed_key(token):
                role = Role.READER
            return Caller(Role.READER if role is Role.NONE and self.access.open else role, True)
        session = self.sessions.get(_cookie(headers))
        if session is not None and (not session.embed_only or path.startswith(EMBED + "/")):
            return Caller(session.role, False)
        return Caller(Role.READER if self.access.open else Role.NONE, False)

    def role_of(self, headers: Headers | dict[str, str], path: str = "/") -> Role:
        """The role of a request's headers (the UI's check of the admin, bound to the signed-in session)."""
        return self.caller(headers if isinstance(headers, Headers) else Headers(headers=dict(headers)), path).role

    def failed(self, client: str, path: str) -> None:
        """Count and log one failed key from this client (one line, never the key)."""
        count = self.throttle.fail(client)
        log.warning(
            "khabar: rejected key from %s on %s (%d in %.0f s)", client, path[:100], count, FAILURE_WINDOW_SECONDS
        )

    def check_throttle(self, client: str) -> None:
        """AccessError 429 while this client must wait after too many failed keys."""
        wait = self.throttle.wait_seconds(client)
        if wait:
            raise AccessError(f"too many rejected keys from this address; retry in {wait} s.", 429, wait)


def _cookie(headers: Headers) -> str | None:
    """The session id of the request's cookie header."""
    for part in headers.get("cookie", "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == COOKIE:
            return value
    return None


def _client(scope: Scope) -> str:
    """The client's address (the throttle's key)."""
    client = scope.get("client")
    return client[0] if client else "unknown"


def session_cookie(session_id: str, secure: bool, embed: bool = False, clear: bool = False) -> str:
    """The Set-Cookie value of a session: HttpOnly, SameSite (None+Secure for a portal's frame over https)."""
    same_site = "None" if embed and secure else "Lax"
    parts = [f"{COOKIE}={'' if clear else session_id}", "Path=/", "HttpOnly", f"SameSite={same_site}"]
    parts.append("Max-Age=0" if clear else f"Max-Age={SESSION_SECONDS}")
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


async def _respond(
    send: Send, status: int, body: bytes, content_type: str, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    """Send a whole response."""
    head = [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode())]
    head.append((b"cache-control", b"no-store"))
    await send({"type": "http.response.start", "status": status, "headers": head + (headers or [])})
    await send({"type": "http.response.body", "body": body})


async def _json_error(send: Send, status: int, message: str, retry_after: int | None = None) -> None:
    """Send the API's JSON error."""
    code = {401: "unauthorized", 403: "forbidden", 429: "rate_limited"}.get(status, "http_error")
    headers = [(b"www-authenticate", b"Bearer")] if status == 401 else []
    if retry_after:
        headers.append((b"retry-after", str(retry_after).encode()))
    await _respond(send, status, json.dumps(error_body(status, message, code)).encode(), "application/json", headers)


async def _page(send: Send, status: int, message: str, target: str, retry_after: int | None = None) -> None:
    """Send the sign-in page."""
    headers = [(b"retry-after", str(retry_after).encode())] if retry_after else []
    await _respond(send, status, sign_in_page(message, target).encode(), "text/html; charset=utf-8", headers)


async def _redirect(send: Send, target: str, cookie: str) -> None:
    """Send a 303 to a local path, setting the cookie."""
    headers = [(b"location", target.encode("latin-1", "replace")), (b"set-cookie", cookie.encode())]
    await _respond(send, 303, b"", "text/plain", headers)


async def _form(receive: Receive) -> dict[str, str]:
    """The fields of an urlencoded body (the body limit in front of the gate bounds its size)."""
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if message["type"] != "http.request" or not message.get("more_body"):
            break
    try:
        fields = parse_qs(body.decode("utf-8", "replace"), max_num_fields=8)
    except ValueError:  # more fields than a sign-in form has: read as a form without a key
        return {}
    return {name: values[0] for name, values in fields.items()}


def _secure(scope: Scope, headers: Headers) -> bool:
    """Whether the browser reached us over https (directly or through a proxy saying so)."""
    return scope.get("scheme") == "https" or headers.get("x-forwarded-proto", "") == "https"


class Gate:
    """ASGI middleware: refuses what the caller may not reach, handles sign-in and sign-out, records the role."""

    def __init__(self, app: ASGIApp, keeper: Gatekeeper) -> None:
        self.app = app
        self.keeper = keeper

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        path, method = scope.get("path", ""), scope.get("method", "GET")
        headers = Headers(scope=scope)
        if scope["type"] == "http" and (method == "OPTIONS" or _public(path)):
            await self.app(scope, receive, send)
            return
        try:
            if path in (SIGN_IN, SIGN_OUT) and scope["type"] == "http":
                await self._sign(scope, receive, send, headers)
                return
            if scope["type"] == "http" and path.rstrip("/") == EMBED and "key" in QueryParams(scope["query_string"]):
                await self._embed_sign_in(scope, send, headers)
                return
            caller = self._caller(scope, headers, path)
        except AccessError as error:
            await self._refuse(scope, send, error, path)
            return
        scope.setdefault("state", {})[ROLE] = caller.role
        scope["state"][TOKEN_GIVEN] = caller.token_given
        try:
            if caller.role is Role.NONE and not path.startswith(("/api/", "/v1/")):
                self.keeper.access.require(caller.role, Role.READER, caller.token_given)
            if _is_upload(path) and (not self.keeper.access.writes_enabled or caller.role is not Role.ADMIN):
                raise AccessError("uploads need the admin's signed-in session.", 403)
        except AccessError as error:
            await self._refuse(scope, send, error, path)
            return
        await self.app(scope, receive, send)

    def _caller(self, scope: Scope, headers: Headers, path: str) -> Caller:
        """The caller, with a failed key counted (AccessError 429 while the client is throttled)."""
        client = _client(scope)
        if bearer_token(headers.get("authorization")) is not None:
            self.keeper.check_throttle(client)
        caller = self.keeper.caller(headers, path)
        if caller.token_given and caller.role is Role.NONE:
            self.keeper.failed(client, path)
            raise AccessError("invalid API key.", 401)
        return caller

    async def _refuse(self, scope: Scope, send: Send, error: AccessError, path: str) -> None:
        """A refusal: the sign-in page for a page a browser opens, JSON for everything else."""
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        wants_page = scope.get("method") == "GET" and path.rstrip("/") in ("", EMBED)
        if wants_page and error.status in (401, 429):
            await _page(send, error.status, "" if error.status == 401 else str(error), path, error.retry_after)
        else:
            await _json_error(send, error.status, str(error), error.retry_after)

    async def _sign(self, scope: Scope, receive: Receive, send: Send, headers: Headers) -> None:
        """GET /auth/login: the form; POST /auth/login: check the key, start a session; POST /auth/logout: end it."""
        method, path, secure = scope.get("method"), scope["path"], _secure(scope, headers)
        if path == SIGN_OUT and method == "POST":
            self.keeper.sessions.end(_cookie(headers))
            await _redirect(send, "/", session_cookie("", secure, clear=True))
            return
        if method == "GET" and path == SIGN_IN:
            target = QueryParams(scope["query_string"]).get("next")
            await _page(send, 200, "", _local_path(target))
            return
        if method != "POST":
            await _json_error(send, 405, f"{method} is not allowed on {path}.")
            return
        fields = await _form(receive)
        target = _local_path(fields.get("next"))
        client = _client(scope)
        try:
            self.keeper.check_throttle(client)
        except AccessError as error:
            await _page(send, 429, str(error), target, error.retry_after)
            return
        key = fields.get("key", "").strip()
        if not key:  # no key given (or the body was cut off at the limit): nothing was guessed, nothing counted
            await _page(send, 401, "کلیدی وارد نشد. · No key given.", target)
            return
        role = self.keeper.access.key_role(key)
        if role is Role.NONE:
            self.keeper.failed(client, path)
            await _page(send, 401, "کلید درست نیست. · Wrong key.", target)
            return
        self.keeper.sessions.end(_cookie(headers))
        session = self.keeper.sessions.start(role)
        await _redirect(send, target, session_cookie(session, secure))

    async def _embed_sign_in(self, scope: Scope, send: Send, headers: Headers) -> None:
        """GET /embed/?key=K: a read-only session for the chat-only page, then the page without the key in its URL."""
        client = _client(scope)
        self.keeper.check_throttle(client)
        key = QueryParams(scope["query_string"]).get("key", "")
        access = self.keeper.access
        embed_only = access.is_embed_key(key)
        if not embed_only and access.key_role(key) is not Role.READER:
            self.keeper.failed(client, EMBED + "/")
            raise AccessError("invalid API key.", 401)
        session = self.keeper.sessions.start(Role.READER, embed_only=embed_only)
        await _redirect(send, EMBED + "/", session_cookie(session, _secure(scope, headers), embed=True))

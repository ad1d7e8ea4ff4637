"""Who a request is: keys checked against the API keys, the embed keys and the admin token, in constant time."""

from __future__ import annotations

import hmac
from enum import Enum

from assistant.web.settings import ServerSettings


class Role(Enum):
    """What a caller may do: nothing, read (ask, search, list), or also write (ingest, remove)."""

    NONE = 0
    READER = 1
    ADMIN = 2


class AccessError(Exception):
    """A request refused for its credentials; `status` is 401 (no or unknown key), 403 (not allowed) or 429."""

    def __init__(self, message: str, status: int, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer TOKEN` header, or None."""
    scheme, _, token = (authorization or "").partition(" ")
    return (token.strip() or None) if scheme.lower() == "bearer" else None


def _matches(token: str, candidates: tuple[str, ...]) -> bool:
    """Whether the token equals one of the candidates; every candidate is compared, each in constant time."""
    given = token.encode("utf-8")
    found = False
    for candidate in candidates:
        found |= hmac.compare_digest(given, candidate.encode("utf-8"))
    return found


class Access:
    """Decides the role of a key under the server settings; never stores or prints a key it is given."""

    def __init__(self, settings: ServerSettings) -> None:
        self._api_keys = settings.api_keys
        self._embed_keys = settings.embed_keys
        self._admin = (settings.admin_token,) if settings.admin_token else ()
        self.open = settings.open_access
        self.writes_enabled = bool(self._admin)

    def key_role(self, token: str) -> Role:
        """ADMIN for the admin token, READER for an API key, NONE for anything else (an embed key included)."""
        if _matches(token, self._admin):
            return Role.ADMIN
        return Role.READER if _matches(token, self._api_keys) else Role.NONE

    def is_embed_key(self, token: str) -> bool:
        """Whether the key may read through the chat-only page (/embed/) and nothing else."""
        return _matches(token, self._embed_keys)

    def require(self, role: Role, needed: Role, token_given: bool) -> None:
        """Nothing when `role` is at least `needed`; AccessError saying what is missing otherwise."""
        if role.value >= needed.value:
            return
        if needed is Role.ADMIN and not self.writes_enabled:
            raise AccessError("writes are disabled: start the server with KHABAR_ADMIN_TOKEN set.", 403)
        if not token_given and role is Role.NONE:
            raise AccessError("missing credentials: send 'Authorization: Bearer <key>' or sign in at /auth/login.", 401)
        if role is Role.NONE:
            raise AccessError("invalid API key.", 401)
        raise AccessError("this needs the admin token.", 403)

"""Who a request is: bearer tokens checked against the API keys and the admin token, in constant time."""

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
    """A request refused for its credentials; `status` is 401 (no or unknown token) or 403 (not allowed)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


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
    """Decides the role of a token under the server settings; never stores or prints a token it is given."""

    def __init__(self, settings: ServerSettings) -> None:
        self._api_keys = settings.api_keys
        self._admin = (settings.admin_token,) if settings.admin_token else ()
        self.open = settings.open_access
        self.writes_enabled = bool(self._admin)

    def role(self, token: str | None) -> Role:
        """ADMIN for the admin token; READER for an API key, or for anyone when no keys are configured."""
        if token and _matches(token, self._admin):
            return Role.ADMIN
        if self.open or (token and _matches(token, self._api_keys)):
            return Role.READER
        return Role.NONE

    def require(self, token: str | None, needed: Role) -> Role:
        """The caller's role when it is at least `needed`; AccessError saying what is missing otherwise."""
        role = self.role(token)
        if role.value >= needed.value:
            return role
        if needed is Role.ADMIN and not self.writes_enabled:
            raise AccessError("writes are disabled: start the server with KHABAR_ADMIN_TOKEN set.", 403)
        if token is None:
            raise AccessError("missing credentials: send 'Authorization: Bearer <key>'.", 401)
        if role is Role.NONE:
            raise AccessError("invalid API key.", 401)
        raise AccessError("this needs the admin token.", 403)

    def is_admin(self, token: str | None) -> bool:
        """Whether the token is the admin token."""
        return bool(token) and _matches(token, self._admin)

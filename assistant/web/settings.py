"""Typed settings of `khabar serve`: where it listens, who may read and write, which portals may embed it."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field

from index.loaders.fetch import FetchPolicy

_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$|^https?://\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")
_TOKEN = re.compile(r"^[!-~]{8,512}$")


def is_loopback(host: str) -> bool:
    """Whether a host name or address is this machine only (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ServerSettings:
    """Host and port, keys, the admin token, the origins allowed to call or frame the app, the body limit, and
    the hosts URL ingest may fetch although they are private (`fetch_allow`)."""

    host: str = "127.0.0.1"
    port: int = 7860
    api_keys: tuple[str, ...] = field(default=(), repr=False)
    admin_token: str | None = field(default=None, repr=False)
    embed_keys: tuple[str, ...] = field(default=(), repr=False)
    allowed_origins: tuple[str, ...] = ()
    max_request_bytes: int = 256 * 1024
    fetch_allow: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 0 <= self.port <= 65535:
            raise ValueError(f"port must be between 0 and 65535. Currently, port is {self.port}")
        named = (
            ("KHABAR_API_KEYS", self.api_keys),
            ("KHABAR_EMBED_KEYS", self.embed_keys),
            ("KHABAR_ADMIN_TOKEN", (self.admin_token or "",)),
        )
        for name, tokens in named:
            for token in tokens:
                if token and not _TOKEN.match(token):
                    raise ValueError(f"{name}: each key must be 8-512 printable ASCII characters without spaces.")
        for origin in self.allowed_origins:
            if origin != "*" and not _ORIGIN.match(origin):
                raise ValueError(
                    f"KHABAR_ALLOWED_ORIGINS: {origin!r} is not an origin like https://portal.example.com (no path)."
                )
        if not self.api_keys and not is_loopback(self.host):
            raise ValueError(
                f"refusing to serve on {self.host} without API keys: set KHABAR_API_KEYS (comma-separated) "
                "or serve on 127.0.0.1."
            )
        FetchPolicy(allow=self.fetch_allow)  # a malformed KHABAR_FETCH_ALLOW entry is refused here, by name
        if self.max_request_bytes <= 0:
            raise ValueError(f"max_request_bytes must be greater than 0. Currently, it is {self.max_request_bytes}")

    @property
    def open_access(self) -> bool:
        """True when no API keys are configured: reading needs no key (the server listens on loopback only)."""
        return not self.api_keys

    @property
    def url(self) -> str:
        """The base URL of the server as this machine reaches it."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

"""Fetching a URL for ingest without reaching inside the network: every address checked after DNS, pinned, and
checked again after each redirect; a size and a time limit per fetch."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

from index.loaders.decode import MAX_FILE_BYTES
from index.loaders.errors import LoaderError

USER_AGENT = "khabar"
TIMEOUT_SECONDS = 20.0
"""The most a fetch may take, redirects and body included (hand-set: a slow news site answers within seconds)."""
MAX_REDIRECTS = 5
_READ_BYTES = 64 * 1024
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class FetchPolicy:
    """Which hosts a fetch may reach although they are not public, and the limits of one fetch.

    `allow` names hosts, addresses or networks (`intranet.example`, `10.1.2.3`, `10.0.0.0/8`), each optionally
    with `:port`; anything else that resolves to a loopback, private, link-local, multicast or reserved address
    is refused.
    """

    allow: tuple[str, ...] = ()
    timeout_seconds: float = TIMEOUT_SECONDS
    max_bytes: int = MAX_FILE_BYTES

    def __post_init__(self) -> None:
        for entry in self.allow:
            _split_entry(entry)
        if self.timeout_seconds <= 0:
            raise ValueError(f"timeout_seconds must be greater than 0. Currently, it is {self.timeout_seconds}")
        if self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be greater than 0. Currently, it is {self.max_bytes}")

    def allows(self, host: str, address: Address, port: int) -> bool:
        """Whether this host, resolved to this address, may be fetched on this port."""
        if address.is_global and not address.is_multicast:
            return True
        for entry in self.allow:
            name, entry_port = _split_entry(entry)
            if entry_port is not None and entry_port != port:
                continue
            try:
                if address in ipaddress.ip_network(name, strict=False):
                    return True
            except ValueError:
                if name.lower().rstrip(".") == host.lower().rstrip("."):
                    return True
        return False


def _split_entry(entry: str) -> tuple[str, int | None]:
    """An allow-list entry as (host or network, port or None); ValueError naming a malformed one."""
    text = entry.strip()
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port = rest.removeprefix(":") or None
    elif text.count(":") == 1:
        host, port = text.split(":")
    else:
        host, port = text, None
    if not host or (port is not None and not port.isdigit()):
        raise ValueError(f"KHABAR_FETCH_ALLOW: {entry!r} is not a host, address or network with an optional :port")
    return host, int(port) if port else None


def fetch(url: str, policy: FetchPolicy) -> tuple[bytes, Message]:
    """The body and headers of a GET (redirects followed); LoaderError naming the URL and what was refused or failed."""
    deadline = time.monotonic() + policy.timeout_seconds
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        response, connection = _request(current, policy, deadline)
        try:
            if response.status in (301, 302, 303, 307, 308) and response.getheader("location"):
                current = urljoin(current, response.getheader("location"))
                continue
            if response.status >= 400:
                raise LoaderError(url, f"HTTP {response.status} {response.reason}")
            return _body(response, connection, url, policy, deadline), response.msg
        finally:
            connection.close()
    raise LoaderError(url, f"more than {MAX_REDIRECTS} redirects")


def _resolve(url: str, policy: FetchPolicy) -> tuple[str, str, int, str, Address]:
    """Scheme, host, port, path and the one checked address to connect to; LoaderError when refused."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LoaderError(url, "not an http(s) URL")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise LoaderError(url, "invalid port") from None
    host = parts.hostname
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise LoaderError(url, f"cannot resolve {host}: {error}") from None
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    refused = [a for a in addresses if not policy.allows(host, a, port)]
    if refused or not addresses:
        raise LoaderError(
            url,
            f"refused: {host} resolves to {refused[0] if refused else 'nothing'}, not a public address "
            "(name it in KHABAR_FETCH_ALLOW to allow it)",
        )
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, host, port, path, addresses[0]


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to an address already checked, whatever the host name resolves to by now."""

    def __init__(self, host: str, port: int, address: Address, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = str(address)

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """An HTTPS connection to an address already checked; the certificate is checked against the host name."""

    def __init__(self, host: str, port: int, address: Address, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = str(address)

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _request(url: str, policy: FetchPolicy, deadline: float):
    """The response to a GET of one URL (no redirect followed) and its connection."""
    scheme, host, port, path, address = _resolve(url, policy)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise LoaderError(url, f"timed out after {policy.timeout_seconds:g} s")
    kind = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
    connection = kind(host, port, address, remaining)
    try:
        connection.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
        return connection.getresponse(), connection
    except TimeoutError:
        connection.close()
        raise LoaderError(url, f"timed out after {policy.timeout_seconds:g} s") from None
    except (OSError, http.client.HTTPException) as error:
        connection.close()
        raise LoaderError(url, f"cannot fetch: {error}") from None


def _body(
    response: http.client.HTTPResponse,
    connection: http.client.HTTPConnection,
    url: str,
    policy: FetchPolicy,
    deadline: float,
) -> bytes:
    """The response body, refused past the size limit or the deadline."""
    declared = response.getheader("content-length")
    if declared and declared.isdigit() and int(declared) > policy.max_bytes:
        raise LoaderError(url, f"response over the limit of {policy.max_bytes} bytes")
    chunks, size = [], 0
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            if connection.sock is not None:
                connection.sock.settimeout(remaining)
            chunk = response.read1(_READ_BYTES)
            if not chunk:
                break
            size += len(chunk)
            if size > policy.max_bytes:
                raise LoaderError(url, f"response over the limit of {policy.max_bytes} bytes")
            chunks.append(chunk)
    except TimeoutError:
        raise LoaderError(url, f"timed out after {policy.timeout_seconds:g} s") from None
    except (OSError, http.client.HTTPException) as error:
        raise LoaderError(url, f"cannot fetch: {error}") from None
    return b"".join(chunks)

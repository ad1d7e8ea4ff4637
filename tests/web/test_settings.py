"""Server settings and access: loopback without keys, constant-time key checks, keys never shown."""

from __future__ import annotations

import pytest
from starlette.datastructures import Headers

from assistant.cli import main
from assistant.commands.common import EXIT_USAGE
from assistant.config import server_settings
from assistant.web.auth import Access, AccessError, Role, bearer_token
from assistant.web.gate import Gatekeeper
from assistant.web.headers import frame_ancestors
from assistant.web.settings import ServerSettings, is_loopback

KEYS = {"KHABAR_API_KEYS": " key-one-123456, key-two-123456 ,", "KHABAR_ADMIN_TOKEN": "admin-123456"}


def test_settings_come_from_flags_and_the_environment():
    settings = server_settings("0.0.0.0", 8080, KEYS | {"KHABAR_ALLOWED_ORIGINS": "https://a.example/, http://b:81"})
    assert (settings.host, settings.port) == ("0.0.0.0", 8080)
    assert settings.api_keys == ("key-one-123456", "key-two-123456") and settings.admin_token == "admin-123456"
    assert settings.allowed_origins == ("https://a.example", "http://b:81")
    assert "key-one" not in repr(settings) and "admin-123456" not in repr(settings)
    portal = server_settings(
        None, None, {"KHABAR_EMBED_KEYS": "embed-123456", "KHABAR_FETCH_ALLOW": "10.0.0.0/8, wiki:8080"}
    )
    assert portal.embed_keys == ("embed-123456",) and portal.fetch_allow == ("10.0.0.0/8", "wiki:8080")
    assert "embed-123456" not in repr(portal)
    defaults = server_settings(None, None, {})
    assert (defaults.host, defaults.port, defaults.open_access) == ("127.0.0.1", 7860, True)


def test_non_loopback_host_without_keys_is_refused():
    with pytest.raises(ValueError, match=r"refusing to serve on 0\.0\.0\.0 without API keys"):
        ServerSettings(host="0.0.0.0")
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost") and not is_loopback("10.0.0.1")


def test_serve_command_refuses_a_public_host_without_keys(monkeypatch, capsys):
    monkeypatch.delenv("KHABAR_API_KEYS", raising=False)
    assert main(["serve", "--host", "0.0.0.0"]) == EXIT_USAGE
    assert "KHABAR_API_KEYS" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"port": 70000}, "port must be between 0 and 65535"),
        ({"api_keys": ("short",)}, "KHABAR_API_KEYS: each key must be 8-512"),
        ({"admin_token": "has space inside"}, "KHABAR_ADMIN_TOKEN"),
        ({"allowed_origins": ("https://portal.example/path",)}, "is not an origin"),
        ({"embed_keys": ("tiny",)}, "KHABAR_EMBED_KEYS: each key must be 8-512"),
        ({"fetch_allow": ("intranet:http",)}, "KHABAR_FETCH_ALLOW: 'intranet:http' is not a host"),
    ],
)
def test_bad_settings_say_what_is_wrong(kwargs, message):
    with pytest.raises(ValueError, match=message):
        ServerSettings(**kwargs)


def test_roles_from_bearer_tokens():
    settings = ServerSettings(api_keys=("key-one-123456",), admin_token="admin-123456", embed_keys=("embed-123456",))
    access = Access(settings)
    assert bearer_token("Bearer key-one-123456") == "key-one-123456" and bearer_token("Basic x") is None
    assert access.key_role("admin-123456") is Role.ADMIN and access.key_role("key-one-123456") is Role.READER
    assert access.key_role("key-one-12345") is Role.NONE and access.key_role("embed-123456") is Role.NONE
    assert access.is_embed_key("embed-123456") and not access.is_embed_key("key-one-123456")
    keeper = Gatekeeper(settings)
    embed = Headers(headers={"authorization": "Bearer embed-123456"})
    assert keeper.role_of(embed, "/embed/config") is Role.READER and keeper.role_of(embed, "/config") is Role.NONE
    with pytest.raises(AccessError, match="admin token") as refused:
        access.require(Role.READER, Role.ADMIN, token_given=True)
    assert refused.value.status == 403
    with pytest.raises(AccessError, match="missing credentials") as missing:
        access.require(Role.NONE, Role.READER, token_given=False)
    assert missing.value.status == 401


def test_open_access_reads_without_keys_and_never_writes_without_an_admin_token():
    keeper = Gatekeeper(ServerSettings())
    assert keeper.role_of({}) is Role.READER
    assert keeper.role_of({"authorization": "Bearer anything-at-all"}) is Role.READER
    with pytest.raises(AccessError, match="writes are disabled"):
        keeper.access.require(Role.READER, Role.ADMIN, token_given=True)


def test_frame_ancestors_lists_self_and_the_allowed_origins():
    assert frame_ancestors(()) == "frame-ancestors 'self'"
    assert frame_ancestors(("https://p.example",)) == "frame-ancestors 'self' https://p.example"
    assert frame_ancestors(("*",)) == "frame-ancestors *"

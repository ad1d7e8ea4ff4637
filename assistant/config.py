"""Settings from the command line and the environment: the one place that reads KHABAR_* variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from assistant.web.settings import ServerSettings
from index.embeddings.settings import BUNDLED_MODEL, EmbedderSettings
from index.loaders.fetch import FetchPolicy
from index.settings import IndexSettings


def default_home() -> Path:
    """The per-user data directory used when neither --index nor KHABAR_HOME is given."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("khabar", appauthor=False))


def index_settings(
    index_dir: str | None, chroma_url: str | None, model: str | None, env: Mapping[str, str] = os.environ
) -> IndexSettings:
    """Index settings: flags first, then KHABAR_HOME / KHABAR_CHROMA_URL / KHABAR_MODEL, then defaults."""
    home = Path(index_dir or env.get("KHABAR_HOME") or default_home()).expanduser()
    return IndexSettings(
        home=home,
        chroma_url=chroma_url or env.get("KHABAR_CHROMA_URL") or None,
        collection=env.get("KHABAR_COLLECTION", "khabar"),
        embedder=EmbedderSettings(model=model or env.get("KHABAR_MODEL") or BUNDLED_MODEL),
    )


def _listed(value: str | None) -> tuple[str, ...]:
    """The non-empty items of a comma-separated variable."""
    return tuple(item.strip() for item in (value or "").split(",") if item.strip())


def server_settings(host: str | None, port: int | None, env: Mapping[str, str] = os.environ) -> ServerSettings:
    """Server settings: flags first, then KHABAR_API_KEYS, KHABAR_ADMIN_TOKEN, KHABAR_EMBED_KEYS,
    KHABAR_ALLOWED_ORIGINS and KHABAR_FETCH_ALLOW."""
    return ServerSettings(
        host=host or "127.0.0.1",
        port=7860 if port is None else port,
        api_keys=_listed(env.get("KHABAR_API_KEYS")),
        admin_token=(env.get("KHABAR_ADMIN_TOKEN") or "").strip() or None,
        embed_keys=_listed(env.get("KHABAR_EMBED_KEYS")),
        allowed_origins=tuple(origin.rstrip("/") for origin in _listed(env.get("KHABAR_ALLOWED_ORIGINS"))),
        fetch_allow=_listed(env.get("KHABAR_FETCH_ALLOW")),
    )


def shared_dir(value: str | None, env: Mapping[str, str] = os.environ) -> Path:
    """The shared data folder that holds the eval sets and corpora: the flag, then KHABAR_SHARED, then ../shared."""
    return Path(value or env.get("KHABAR_SHARED") or "../shared").expanduser()


def fetch_policy(env: Mapping[str, str] = os.environ) -> FetchPolicy:
    """What URL ingest may fetch: public addresses, and the private hosts KHABAR_FETCH_ALLOW names."""
    return FetchPolicy(allow=_listed(env.get("KHABAR_FETCH_ALLOW")))

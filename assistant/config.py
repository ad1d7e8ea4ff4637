"""Settings from the command line and the environment: the one place that reads KHABAR_* variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from index.embeddings.base import BUNDLED_MODEL, EmbedderSettings
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

"""Settings from the command line and the environment: the one place that reads KHABAR_* variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from assistant.answering.generative_model import LLMSettings
from assistant.web.settings import ServerSettings
from index.embeddings.settings import BUNDLED_MODEL, EmbedderSettings
from index.loaders.fetch import FetchPolicy
from index.settings import IndexSettings


def default_home() -> Path:
    """The per-user data directory used when neither --index nor KHABAR_HOME is given."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("khabar", appauthor=False))


def embedder_settings(model: str | None = None, env: Mapping[str, str] = os.environ) -> EmbedderSettings:
    """Embedder settings: the flag, then KHABAR_MODEL, then the bundled e5; KHABAR_PRECISION (auto, fp32, bf16 or
    int8) for the bundled e5's arithmetic; ValueError naming a wrong precision."""
    return EmbedderSettings(
        model=model or env.get("KHABAR_MODEL") or BUNDLED_MODEL,
        precision=env.get("KHABAR_PRECISION") or "auto",  # type: ignore[arg-type]  # validated by the settings
    )


def index_settings(
    index_dir: str | None, chroma_url: str | None, model: str | None, env: Mapping[str, str] = os.environ
) -> IndexSettings:
    """Index settings: flags first, then KHABAR_HOME / KHABAR_CHROMA_URL and the embedder's settings, then
    defaults; ValueError naming a wrong precision."""
    home = Path(index_dir or env.get("KHABAR_HOME") or default_home()).expanduser()
    return IndexSettings(
        home=home,
        chroma_url=chroma_url or env.get("KHABAR_CHROMA_URL") or None,
        collection=env.get("KHABAR_COLLECTION", "khabar"),
        embedder=embedder_settings(model, env),
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


def llm_settings(env: Mapping[str, str] = os.environ) -> LLMSettings:
    """The chat model: KHABAR_LLM_URL, KHABAR_LLM_MODEL, KHABAR_LLM_KEY, KHABAR_LLM_PROVIDER (openai or ollama),
    KHABAR_LLM_TIMEOUT (seconds) and KHABAR_LLM_PASSAGES (how many it reads); ValueError naming a wrong variable."""
    timeout, passages = env.get("KHABAR_LLM_TIMEOUT", "").strip(), env.get("KHABAR_LLM_PASSAGES", "").strip()
    try:
        seconds = float(timeout) if timeout else LLMSettings.timeout
    except ValueError:
        raise ValueError(f"KHABAR_LLM_TIMEOUT must be a number of seconds. Currently, it is {timeout!r}") from None
    if passages and not passages.isdigit():
        raise ValueError(f"KHABAR_LLM_PASSAGES must be a whole number. Currently, it is {passages!r}")
    provider = (env.get("KHABAR_LLM_PROVIDER") or "openai").strip().lower()
    if provider not in ("openai", "ollama"):
        raise ValueError(f"KHABAR_LLM_PROVIDER must be 'openai' or 'ollama'. Currently, it is {provider!r}")
    return LLMSettings(
        url=(env.get("KHABAR_LLM_URL") or "").strip() or None,
        model=(env.get("KHABAR_LLM_MODEL") or "").strip() or None,
        key=(env.get("KHABAR_LLM_KEY") or "").strip() or None,
        provider=provider,  # type: ignore[arg-type]
        timeout=seconds,
        passages=int(passages) if passages else LLMSettings.passages,
    )

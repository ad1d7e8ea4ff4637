"""The chat model a newsroom plugs in: settings, and the LangChain chat model built from them on first use."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Provider = Literal["openai", "ollama"]


@dataclass(frozen=True)
class LLMSettings:
    """Where the chat model is (an OpenAI-compatible base URL, or Ollama's), its name, key and limits."""

    url: str | None = None
    model: str | None = None
    key: str | None = field(default=None, repr=False)
    provider: Provider = "openai"
    timeout: float = 30.0
    max_tokens: int = 400
    passages: int = 3  # the top three: a small local model reads a long Persian prompt slowly (~1 token per 2 letters)

    def __post_init__(self) -> None:
        if self.timeout <= 0:
            raise ValueError(f"timeout must be greater than 0 seconds. Currently, timeout is {self.timeout}")
        if self.max_tokens <= 0:
            raise ValueError(f"max_tokens must be greater than 0. Currently, max_tokens is {self.max_tokens}")
        if self.passages <= 0:
            raise ValueError(f"passages must be greater than 0. Currently, passages is {self.passages}")
        if self.provider not in ("openai", "ollama"):
            raise ValueError(f"provider must be 'openai' or 'ollama'. Currently, provider is {self.provider!r}")

    @property
    def configured(self) -> bool:
        """True when a model server is named."""
        return bool(self.url)


def chat_model(settings: LLMSettings):
    """The LangChain chat model for the settings: `ChatOpenAI` or `ChatOllama`, imported only when needed."""
    if settings.provider == "ollama":
        from langchain_ollama import ChatOllama

        return ChatOllama(
            model=settings.model or "llama3.2", base_url=settings.url, temperature=0, num_predict=settings.max_tokens,
            client_kwargs={"timeout": settings.timeout},
        )  # fmt: skip
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=settings.model or "default", base_url=settings.url, api_key=settings.key or "not-needed",
        temperature=0, max_tokens=settings.max_tokens, timeout=settings.timeout, max_retries=0,
    )  # fmt: skip

"""The assistant as a LangChain `Runnable`: a question (or {"question", "history"}) in, a cited `Answer` out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from langchain_core.runnables import Runnable, RunnableConfig

from assistant.answer import Answer
from assistant.app import AnswererMode, Assistant, AssistantSettings, answerers_for


class KhabarRunnable(Runnable[str | dict, Answer]):
    """Answers with verified citations; compose it with `|` like any Runnable."""

    def __init__(self, assistant: Assistant, k: int = 5) -> None:
        if k <= 0:
            raise ValueError(f"k must be greater than 0. Currently, k is {k}")
        self.assistant = assistant
        self.k = k

    def invoke(self, input: str | dict, config: RunnableConfig | None = None, **kwargs: Any) -> Answer:
        """The answer to a question, or to {"question": ..., "history": [earlier questions]}."""
        if isinstance(input, dict):
            if "question" not in input:
                raise ValueError("the input dict needs a 'question' key")
            return self.assistant.ask(input["question"], k=self.k, history=list(input.get("history") or []))
        return self.assistant.ask(input, k=self.k)


def open_assistant(index_dir: str | Path, answerer: AnswererMode = "auto") -> Assistant:
    """An assistant over an index directory, its model loaded; the chat model from KHABAR_LLM_* (see config)."""
    from assistant.config import index_settings, llm_settings
    from index.embeddings import make_embedder
    from index.news_index import NewsIndex

    news_index = NewsIndex(index_settings(str(index_dir), None, None))
    llm = llm_settings()
    settings = AssistantSettings(answerers=answerers_for(answerer, llm), llm=llm)
    return Assistant(news_index, make_embedder(news_index.settings.embedder), settings)

"""khabar inside LangChain: the index as a `BaseRetriever`, the assistant as a `Runnable`."""

from assistant.langchain.retriever import KhabarRetriever
from assistant.langchain.runnable import KhabarRunnable, open_assistant

__all__ = ["KhabarRetriever", "KhabarRunnable", "open_assistant"]

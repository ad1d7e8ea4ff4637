"""The plain LangChain pipeline a user would write: split 1000/200, the same embedder, langchain_chroma."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from langchain_chroma import Chroma
from langchain_text_splitters import RecursiveCharacterTextSplitter

from index.article import Article
from index.embeddings.base import Embedder


def split(articles: Iterable[Article]) -> tuple[list[str], list[dict]]:
    """Chunks of 1000 characters with 200 of overlap, with their article ids."""
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    texts, metadatas = [], []
    for article in articles:
        for piece in splitter.split_text(f"{article.title}\n{article.text}"):
            texts.append(piece)
            metadatas.append({"article_id": article.id})
    return texts, metadatas


def store(directory: Path, embedder: Embedder) -> Chroma:
    """The baseline's Chroma collection in a directory."""
    return Chroma(collection_name="baseline", embedding_function=embedder, persist_directory=str(directory))


def ingest(articles: list[Article], directory: Path, embedder: Embedder) -> int:
    """Split and add every article with `add_texts`; returns the tokens embedded."""
    texts, metadatas = split(articles)
    store(directory, embedder).add_texts(texts, metadatas=metadatas)
    return sum(embedder.count_tokens(text) for text in texts)

"""The vector store contract on embedded Chroma (a PersistentClient in a temporary directory)."""

from __future__ import annotations

import pytest
from store_contract import VectorStoreContract

from index.store.chroma import SEARCH_BREADTH, ChromaVectorStore, chroma_client, search_breadth


@pytest.fixture
def make_store(tmp_path):
    """Stores on new collections of one embedded Chroma."""
    names: list[str] = []

    def make(fingerprint: str, reuse: bool = False) -> ChromaVectorStore:
        if not reuse:
            names.append(f"contract-{len(names)}")
        return ChromaVectorStore(tmp_path, None, names[-1], fingerprint)

    return make


class TestEmbeddedChroma(VectorStoreContract):
    """Embedded Chroma passes the contract."""


def test_an_index_built_with_chromas_default_search_breadth_is_widened_when_opened(tmp_path):
    built_before = chroma_client(tmp_path, None).get_or_create_collection(
        "built-before", embedding_function=None, metadata={"khabar_fingerprint": "e5", "hnsw:space": "cosine"}
    )
    assert search_breadth(built_before) == 100  # Chroma's own
    store = ChromaVectorStore(tmp_path, None, "built-before", "e5")
    assert store.count() == 0
    assert search_breadth(chroma_client(tmp_path, None).get_collection("built-before")) == SEARCH_BREADTH

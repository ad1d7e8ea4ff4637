"""The vector store contract on embedded Chroma (a PersistentClient in a temporary directory)."""

from __future__ import annotations

import pytest
from store_contract import VectorStoreContract

from index.store.chroma import ChromaVectorStore


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

"""The vector store contract, ingest and ask against a real `chroma run` server on 127.0.0.1."""

from __future__ import annotations

import json

import pytest
from conftest import SEED_ID, SEEDS, free_port
from store_contract import VectorStoreContract

from assistant.cli import main
from assistant.commands.common import EXIT_INDEX, EXIT_OK
from index.store.chroma import ChromaVectorStore


@pytest.fixture
def make_store(chroma_server, tmp_path):
    """Stores on new collections of the server."""
    url, _ = chroma_server
    names: list[str] = []

    def make(fingerprint: str, reuse: bool = False) -> ChromaVectorStore:
        if not reuse:
            names.append(f"contract-{tmp_path.name[-40:].strip('_')}-{len(names)}")
        return ChromaVectorStore(tmp_path, url, names[-1], fingerprint)

    return make


class TestChromaServer(VectorStoreContract):
    """A `chroma run` server passes the contract."""


def test_ingest_and_ask_through_the_server(chroma_server, tmp_path, capsys):
    url, server_data = chroma_server
    home = tmp_path / "home"
    assert main(["ingest", str(SEEDS), "--index", str(home), "--chroma-url", url]) == EXIT_OK
    assert not (home / "chroma").exists(), "vectors must live on the server, not in the local directory"
    assert any(server_data.iterdir())
    capsys.readouterr()
    assert (
        main(
            [
                "ask",
                "نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟",
                "--json",
                "--index",
                str(home),
                "--chroma-url",
                url,
            ]
        )
        == EXIT_OK
    )
    answer = json.loads(capsys.readouterr().out)
    assert answer["citations"][0]["article_id"] == SEED_ID and "شمخانی" in answer["text"]
    assert main(["stats", "--json", "--index", str(home), "--chroma-url", url]) == EXIT_OK
    figures = json.loads(capsys.readouterr().out)
    assert figures["chroma"] == url and figures["vectors"] == figures["chunks"] > 0
    assert main(["stats", "--index", str(home)]) == EXIT_INDEX
    assert f"keeps its vectors on the Chroma server {url}: open it with --chroma-url {url}" in capsys.readouterr().err
    assert not (home / "chroma").exists(), "a server's index opened without one must not start a local Chroma"


def test_an_unreachable_server_is_a_clear_index_error(tmp_path, capsys):
    url = f"http://127.0.0.1:{free_port()}"
    assert main(["stats", "--index", str(tmp_path / "home"), "--chroma-url", url]) == EXIT_INDEX
    assert f"Cannot reach the Chroma server at {url}" in capsys.readouterr().err

"""Shared fixtures: the seed, the shared corpus, one embedder per run, a `chroma run` server, and no network but
loopback."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED = SEEDS / "000_e8a22bdbff0c4942.txt"
SEED_ID = "000_e8a22bdbff0c4942"
SHARED = Path(os.environ.get("KHABAR_SHARED", REPO.parent / "shared"))
CORPUS = Path(os.environ.get("KHABAR_CORPUS", SHARED / "corpus" / "farsnews"))
EVAL = Path(os.environ.get("KHABAR_EVAL", SHARED / "eval"))


def need_shared(path: Path) -> Path:
    """The path in ../shared, or skip the test saying what is missing."""
    if not path.exists():
        pytest.skip(f"{path} is absent: set KHABAR_SHARED to the shared data directory to run this test")
    return path


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch):
    """Unit tests may talk to servers on this machine only; any other address fails loudly."""
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else None
        if host is not None:
            try:
                allowed = ipaddress.ip_address(host).is_loopback
            except ValueError:
                allowed = host == "localhost"
            if not allowed:
                raise OSError(f"network access to {host} is blocked in tests")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """KHABAR_HOME points into the test's temporary directory, never at a real index."""
    monkeypatch.setenv("KHABAR_HOME", str(tmp_path / "khabar-home"))
    monkeypatch.delenv("KHABAR_CHROMA_URL", raising=False)
    monkeypatch.delenv("KHABAR_MODEL", raising=False)


@pytest.fixture(scope="session")
def embedder():
    """The bundled multilingual-e5-small, loaded once per test run."""
    from index.embeddings import EmbedderSettings, make_embedder

    return make_embedder(EmbedderSettings())


def seed_among_news(home: Path, embedder, articles: int):
    """A NewsIndex at `home` holding the seed and the first `articles` articles of the shared FarsNews corpus."""
    from itertools import islice

    from index.ingest import Ingestor
    from index.loaders import load_source
    from index.news_index import NewsIndex
    from index.settings import IndexSettings

    news = sorted(need_shared(CORPUS).glob("*.json"))[0]
    news_index = NewsIndex(IndexSettings(home=home))
    ingestor = Ingestor(news_index, embedder)
    ingestor.ingest(load_source(SEEDS))
    ingestor.ingest(islice(load_source(news), articles))
    return news_index


@pytest.fixture(scope="session")
def seed_alone(tmp_path_factory, embedder):
    """An index of the seed article only, indexed once per run for the tests that only read it."""
    from index.ingest import Ingestor
    from index.loaders import load_source
    from index.news_index import NewsIndex
    from index.settings import IndexSettings

    news_index = NewsIndex(IndexSettings(home=tmp_path_factory.mktemp("seed-alone")))
    Ingestor(news_index, embedder).ingest(load_source(SEEDS))
    yield news_index
    news_index.close()


@pytest.fixture(scope="session")
def seed_among_40(tmp_path_factory, embedder):
    """The seed among the first 40 FarsNews articles, indexed once per run for the tests that only read it."""
    news_index = seed_among_news(tmp_path_factory.mktemp("seed-among-40"), embedder, 40)
    yield news_index
    news_index.close()


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    """`chroma run` on 127.0.0.1: its URL and its data directory; stopped after the module."""
    executable = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    data = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    log = open(data / "server.log", "wb")  # noqa: SIM115 - closed in teardown
    server = subprocess.Popen(
        [executable, "run", "--path", str(data / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).read()
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"chroma run did not start: {(data / 'server.log').read_text(errors='replace')[-2000:]}")
            time.sleep(0.3)
    yield f"http://127.0.0.1:{port}", data / "db"
    server.terminate()
    server.wait(timeout=20)
    log.close()


def draft_of(answerer_class, news_index, embedder, question: str):
    """An answerer's draft for a question, over the passages the assistant would retrieve (k = 5)."""
    from assistant.retrieval.hybrid import HybridRetriever

    retriever = HybridRetriever(news_index, embedder)
    query = retriever.prepare(question)
    return answerer_class(news_index, embedder).answer(query, retriever.search(query, k=5))

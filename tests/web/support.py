"""What the web and browser tests share: the seed index built once per run, and a real `khabar serve` subprocess."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from index.embeddings.base import Embedder
from index.ingest import Ingestor
from index.loaders import load_source
from index.news_index import NewsIndex
from index.settings import IndexSettings

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
SEED_ID = "000_e8a22bdbff0c4942"
SEED_TEXT = (SEEDS / f"{SEED_ID}.txt").read_text(encoding="utf-8")
READER_KEY = "reader-key-0123456789"
ADMIN_TOKEN = "admin-token-0123456789"
PORTAL = "https://portal.example.com"
QUESTION = "نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟"
XSS_ARTICLE = {
    "id": "xss-1",
    "title": "کتابخانه <script>window.khabarPwned = 'title'</script>",
    "text": (
        "کتابخانه مرکزی شهر نمونه روز شنبه بازگشایی شد.\n"
        "در این خبر <script>window.khabarPwned = 'script'</script> و "
        "<img src=x onerror=\"window.khabarPwned = 'img'\"> آمده است که کتابخانه مرکزی تا ساعت ده شب باز است."
    ),
    "url": "javascript:window.khabarPwned='link'",
    "source": "خبرگزاری نمونه",
}
"""An article whose title and text hold a script and an image with onerror, and whose link is javascript:."""
XSS_QUESTION = "کتابخانه مرکزی تا چه ساعتی باز است؟"

_built: dict[str, Path] = {}


def seed_index(tmp_path_factory, embedder: Embedder) -> Path:
    """An index directory holding the seed article, built once per test run; copy it before writing to it."""
    if "seed" not in _built:
        home = tmp_path_factory.mktemp("seed-index")
        news_index = NewsIndex(IndexSettings(home))
        try:
            Ingestor(news_index, embedder).ingest(load_source(SEEDS))
        finally:
            news_index.close()
        _built["seed"] = home
    return _built["seed"]


def copy_index(source: Path, destination: Path) -> Path:
    """A private copy of an index directory."""
    return Path(shutil.copytree(source, destination))


@dataclass
class Server:
    """A running `khabar serve`: its base URL and the files its output goes to."""

    url: str
    process: subprocess.Popen
    stdout: Path
    stderr: Path

    def output(self) -> str:
        """Everything the server printed so far."""
        return self.stdout.read_text(encoding="utf-8") + self.stderr.read_text(encoding="utf-8")


def _wait_for_url(process: subprocess.Popen, stdout: Path, stderr: Path, deadline: float) -> str:
    """The base URL the server prints once it listens."""
    while True:
        match = re.search(r"chat at (http://127\.0\.0\.1:\d+)/", stdout.read_text(encoding="utf-8"))
        if match:
            return match.group(1)
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"khabar serve did not start:\n{stderr.read_text(encoding='utf-8')}")
        time.sleep(0.2)


@contextmanager
def running_server(index: Path, folder: Path, env: dict[str, str]) -> Iterator[Server]:
    """`khabar serve --port 0` on the index with these KHABAR_* variables, ready (model loaded) until exit."""
    stdout, stderr = folder / "serve.out", folder / "serve.err"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("KHABAR_")} | env
    command = [sys.executable, "-m", "assistant.cli", "serve", "--index", str(index), "--port", "0"]
    with stdout.open("w") as out, stderr.open("w") as err:
        process = subprocess.Popen(command, cwd=REPO, env=environment, stdout=out, stderr=err)
    try:
        deadline = time.monotonic() + 120
        server = Server(_wait_for_url(process, stdout, stderr, deadline), process, stdout, stderr)
        while httpx.get(f"{server.url}/readyz").status_code != 200:
            if time.monotonic() > deadline:
                raise RuntimeError("khabar serve never became ready")
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

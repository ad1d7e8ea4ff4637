"""The Makefile asks for PyTorch's CPU build where its index answers, falls back quietly where not, and installs
chromium without recommended extras or a system upgrade."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


class _Index(BaseHTTPRequestHandler):
    """A stand-in for the PyTorch wheel index: every page exists."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        """Keep the test output quiet."""


@pytest.fixture
def venv(tmp_path) -> Path:
    """A venv whose python is this one and whose pip only records its arguments."""
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").symlink_to(sys.executable)
    pip = bin_dir / "pip"
    pip.write_text(f'#!/bin/sh\necho "$@" >> {tmp_path / "pip.log"}\n')
    pip.chmod(0o755)
    return tmp_path / "venv"


def _install_torch(venv: Path, index: str) -> subprocess.CompletedProcess:
    """`make install-torch` with this venv and CPU index."""
    return subprocess.run(
        ["make", "-s", "--no-print-directory", "install-torch", f"VENV={venv}", f"TORCH_CPU_INDEX={index}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_cpu_wheel_index_is_used_when_it_answers(venv):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Index)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    index = f"http://127.0.0.1:{server.server_address[1]}/whl/cpu"
    try:
        run = _install_torch(venv, index)
    finally:
        server.shutdown()
    assert run.returncode == 0, run.stderr
    assert (venv.parent / "pip.log").read_text().split() == [
        "install",
        "--quiet",
        "--index-url",
        index,
        "torch==2.13.0",
    ]


def test_an_unreachable_index_falls_back_quietly_to_the_default_one(venv):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    run = _install_torch(venv, f"http://127.0.0.1:{closed_port}/whl/cpu")
    assert run.returncode == 0 and run.stdout == "" and run.stderr == ""
    assert (venv.parent / "pip.log").read_text().split() == ["install", "--quiet", "torch==2.13.0"]


def test_chromium_is_installed_without_recommends_or_an_upgrade(tmp_path):
    missing = tmp_path / "no-chromium"
    run = subprocess.run(
        ["make", "-n", "--no-print-directory", str(missing), f"CHROMIUM={missing}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert "apt-get install -y -qq --no-install-recommends chromium fonts-noto-core" in run.stdout
    assert "upgrade" not in run.stdout

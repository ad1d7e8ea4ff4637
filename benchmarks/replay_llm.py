"""An OpenAI-compatible chat server on 127.0.0.1 that streams a reply the benchmark sets, at a model's token rate."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CHARS_PER_TOKEN = 3
"""Characters per streamed token: a multilingual tokenizer's rate on Persian news text (Llama 3's is about 3)."""


class Replay:
    """The reply to stream next and how fast: `rate` tokens a second, `CHARS_PER_TOKEN` characters each."""

    def __init__(self, rate: float) -> None:
        if rate <= 0:
            raise ValueError(f"rate must be greater than 0 tokens a second. Currently, rate is {rate}")
        self.rate = rate
        self.reply = ""


def _handler(replay: Replay) -> type[BaseHTTPRequestHandler]:
    """A handler streaming `replay.reply` as chat-completion chunks."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet
            pass

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            head = {"id": "chatcmpl-replay", "created": 0, "model": "replay", "object": "chat.completion.chunk"}
            text = replay.reply
            try:
                for start in range(0, len(text), CHARS_PER_TOKEN):
                    time.sleep(1 / replay.rate)
                    delta = {"index": 0, "delta": {"content": text[start : start + CHARS_PER_TOKEN]}}
                    chunk = json.dumps({**head, "choices": [{**delta, "finish_reason": None}]}, ensure_ascii=False)
                    self.wfile.write(f"data: {chunk}\n\n".encode())
                    self.wfile.flush()
                stop = json.dumps({**head, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
                self.wfile.write(f"data: {stop}\n\ndata: [DONE]\n\n".encode())
            except OSError:  # the client hung up
                return

    return Handler


@contextmanager
def replay_server(replay: Replay) -> Iterator[str]:
    """Serve the replay on a free loopback port; yields the base URL (…/v1)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(replay))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()

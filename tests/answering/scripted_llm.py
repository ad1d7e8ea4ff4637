"""A scripted OpenAI-compatible chat server on 127.0.0.1 whose replies carry the faults a test chooses."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Script:
    """What the next replies are: text streamed in small pieces (`pace` seconds apart), a pause first, a hang after
    the second piece, an error status, or garbage."""

    reply: str = ""
    delay: float = 0.0
    pace: float = 0.0
    hang: float = 0.0
    status: int = 200
    garbage: bool = False
    echo_authorization: bool = False
    requests: list[dict] = field(default_factory=list)


def _pieces(text: str, size: int = 7) -> list[str]:
    """The text in pieces of a few characters, as a model streams tokens."""
    return [text[i : i + size] for i in range(0, len(text), size)]


def _handler(script: Script) -> type[BaseHTTPRequestHandler]:
    """A request handler serving `/v1/chat/completions` from the script."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet
            pass

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
            script.requests.append({"body": body, "authorization": self.headers.get("Authorization", "")})
            time.sleep(script.delay)
            if script.status != 200:
                message = self.headers.get("Authorization", "") if script.echo_authorization else "refused"
                payload = json.dumps({"error": {"message": message, "type": "refused"}}).encode()
                self.send_response(script.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream" if body.get("stream") else "application/json")
            self.end_headers()
            if script.garbage:
                self.wfile.write(b"<html>this is not a chat completion</html>\n\n")
                return
            head = {"id": "chatcmpl-1", "created": 0, "model": body.get("model", "m")}
            if not body.get("stream"):
                message = {"role": "assistant", "content": script.reply}
                choice = {"index": 0, "message": message, "finish_reason": "stop"}
                self.wfile.write(json.dumps({**head, "object": "chat.completion", "choices": [choice]}).encode())
                return
            for number, piece in enumerate(_pieces(script.reply)):
                if number:
                    time.sleep(script.pace)
                if number == 2:
                    time.sleep(script.hang)
                chunk = {**head, "object": "chat.completion.chunk"}
                chunk["choices"] = [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]
                self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
                self.wfile.flush()
            done = {
                **head,
                "object": "chat.completion.chunk",
                "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
            }
            self.wfile.write(f"data: {json.dumps(done)}\n\ndata: [DONE]\n\n".encode())

    return Handler


@contextmanager
def scripted_llm(script: Script) -> Iterator[str]:
    """Serve the script on a free loopback port; yields the base URL (…/v1)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(script))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()

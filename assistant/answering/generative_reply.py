"""A chat model's reply streamed on a worker thread, so one deadline bounds connecting, the first token and the end.

The HTTP client's own timeout applies to each read, so a server that hangs after its headers, or streams a token
just often enough, would hold a plain `for chunk in model.stream(...)` loop far past it. Here the caller waits on a
queue for at most the time left; when the deadline passes it gives up at once, and the worker stops reading (which
closes the connection, so the server stops generating) as soon as its current read returns.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator

_END = object()


class ModelFailure(Exception):
    """The chat model did not deliver a reply: unreachable, too slow, or an error status."""


def failure_reason(error: Exception) -> str:
    """A short reason for a model failure that never holds the key or the request."""
    name = type(error).__name__
    status = getattr(error, "status_code", None)
    if "Timeout" in name or isinstance(error, TimeoutError):
        return "timeout"
    if "Connect" in name or isinstance(error, ConnectionError):
        return "server unreachable"
    return f"server error {status}" if status else name


class ReplyStream:
    """Starts the model on `messages` at once; iterating yields the reply's text until it ends or the deadline."""

    def __init__(self, model: Callable[[], object], messages: list[tuple[str, str]], timeout: float) -> None:
        self.timeout = timeout
        self.deadline = time.monotonic() + timeout
        self._pieces: queue.Queue = queue.Queue()
        self._stopped = threading.Event()
        self._worker = threading.Thread(target=self._read, args=(model, messages), daemon=True, name="khabar-llm")
        self._worker.start()

    def _read(self, model: Callable[[], object], messages: list[tuple[str, str]]) -> None:
        """On the worker: build the model, stream its reply into the queue, then the end or the failure."""
        try:
            stream = model().stream(messages)
            try:
                for chunk in stream:
                    if self._stopped.is_set():
                        break
                    if isinstance(chunk.content, str) and chunk.content:
                        self._pieces.put(chunk.content)
            finally:
                stream.close()  # ends the HTTP response: the server sees the client go
        except ModelFailure as failure:
            self._pieces.put(failure)
        except Exception as error:  # any client error (connect, status, garbage): the caller falls back
            self._pieces.put(ModelFailure(failure_reason(error)))
        else:
            self._pieces.put(_END)

    def waiting(self) -> bool:
        """True while the model has sent nothing yet and the deadline is ahead (time to prepare the checks)."""
        return self._pieces.empty() and time.monotonic() < self.deadline

    def __iter__(self) -> Iterator[str]:
        """The reply's pieces as they arrive; ModelFailure when the model fails or the deadline passes."""
        try:
            while True:
                left = self.deadline - time.monotonic()
                try:
                    if left <= 0:
                        raise queue.Empty
                    piece = self._pieces.get(timeout=left)
                except queue.Empty:
                    raise ModelFailure(f"timeout after {self.timeout:g} s") from None
                if piece is _END:
                    return
                if isinstance(piece, ModelFailure):
                    raise piece
                yield piece
        finally:
            self._stopped.set()

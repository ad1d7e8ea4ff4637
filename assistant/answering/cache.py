"""Answers kept for questions asked again, dropped as soon as the index changes."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from assistant.answer import Answer


class AnswerCache:
    """A thread-safe LRU of answers keyed by the question and how it was asked, valid for one index generation."""

    def __init__(self, size: int = 512) -> None:
        if size < 0:
            raise ValueError(f"size must be 0 or more. Currently, size is {size}")
        self.size = size
        self._answers: OrderedDict[Hashable, Answer] = OrderedDict()
        self._generation: int | None = None
        self._lock = threading.Lock()

    def get(self, key: Hashable, generation: int) -> Answer | None:
        """The answer stored for this key at this generation, if any."""
        with self._lock:
            if generation != self._generation:
                self._answers.clear()
                self._generation = generation
                return None
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
            return answer

    def put(self, key: Hashable, generation: int, answer: Answer) -> None:
        """Keep an answer, forgetting the least recently asked one when full."""
        with self._lock:
            if generation != self._generation or self.size == 0:
                return
            self._answers[key] = answer
            self._answers.move_to_end(key)
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)

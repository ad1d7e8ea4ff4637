"""Sentence-aware chunking sized for the embedder's token window, with sentence overlap."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from index.article import Article
from index.chunk import Chunk, chunk_id
from index.text.normalize import normalize
from index.text.sentences import normalized_sentences, split_sentences
from index.text.spans import Span

TokenCounter = Callable[[str], int]


@dataclass(frozen=True)
class ChunkingSettings:
    """How large chunks are, in the embedder's tokens, and how many sentences they share."""

    target_tokens: int = 200
    max_tokens: int = 480
    overlap_sentences: int = 1

    def __post_init__(self) -> None:
        if self.target_tokens <= 0:
            raise ValueError(f"target_tokens must be greater than 0. Currently, target_tokens is {self.target_tokens}")
        if self.max_tokens < self.target_tokens:
            raise ValueError(
                f"max_tokens must be at least target_tokens ({self.target_tokens}). Currently, it is {self.max_tokens}"
            )
        if self.overlap_sentences < 0:
            raise ValueError(f"overlap_sentences must be 0 or more. Currently, it is {self.overlap_sentences}")

    @property
    def fingerprint(self) -> str:
        """The settings as a short string recorded in the index."""
        return f"sentences/v1 target={self.target_tokens} max={self.max_tokens} overlap={self.overlap_sentences}"


def search_text(title: str, passage: str) -> str:
    """What is embedded and lexically indexed for a passage: its article's title, then the passage."""
    return normalize(f"{title}\n{passage}" if title else passage)


class Chunker:
    """Cuts an article into chunks of whole sentences that fit the embedder's window."""

    def __init__(self, count_tokens: TokenCounter, settings: ChunkingSettings | None = None) -> None:
        self.count_tokens = count_tokens
        self.settings = settings or ChunkingSettings()

    def chunk(self, article: Article) -> list[Chunk]:
        """The article's chunks, in order, each with its span in the article's text."""
        budget = self.settings.max_tokens - self.count_tokens(normalize(article.title))
        budget = max(budget, self.settings.max_tokens // 2)
        target = min(self.settings.target_tokens, budget)
        units = self._units(article.text, budget)
        groups = self._group(units, target)
        chunks = []
        for position, (start, end) in enumerate(groups):
            text = article.text[start:end]
            search = search_text(article.title, text)
            tokens = sum(count for span, count in units if start <= span.start and span.end <= end)
            chunks.append(
                Chunk(
                    chunk_id(article.id, position, text),
                    article.id,
                    position,
                    start,
                    end,
                    text,
                    search,
                    tokens,
                    normalized_sentences(text),
                )
            )
        return chunks

    def _units(self, text: str, budget: int) -> list[tuple[Span, int]]:
        """Sentences with token counts; a sentence longer than the budget is cut at word boundaries."""
        units = []
        for sentence in split_sentences(text):
            count = self.count_tokens(normalize(sentence.of(text)))
            if count <= budget:
                units.append((sentence, count))
            else:
                units.extend(self._cut_long(text, sentence, budget))
        return units

    def _cut_long(self, text: str, sentence: Span, budget: int) -> list[tuple[Span, int]]:
        """Pieces of an over-long sentence, each within the budget, cut between words."""
        pieces, start = [], sentence.start
        while start < sentence.end:
            end = sentence.end
            count = self.count_tokens(normalize(text[start:end]))
            while count > budget:
                ratio = budget / count
                candidate = start + max(1, int((end - start) * ratio * 0.95))
                space = text.rfind(" ", start + 1, candidate)
                end = space if space > start else candidate
                count = self.count_tokens(normalize(text[start:end]))
            pieces.append((Span(start, end), count))
            start = end
            while start < sentence.end and text[start].isspace():
                start += 1
        return pieces

    def _group(self, units: list[tuple[Span, int]], target: int) -> list[tuple[int, int]]:
        """Consecutive sentence groups near the target size, neighbouring groups sharing sentences."""
        groups: list[tuple[int, int]] = []
        first = 0
        while first < len(units):
            last, total = first, units[first][1]
            while last + 1 < len(units) and total + units[last + 1][1] <= target:
                last += 1
                total += units[last][1]
            groups.append((units[first][0].start, units[last][0].end))
            if last + 1 >= len(units):
                break
            first = max(first + 1, last + 1 - self.settings.overlap_sentences)
        return groups

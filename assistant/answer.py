"""The typed answer every face (CLI, API, UI) returns: text, citations and the passages used."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from assistant.display import is_persian
from index.store.manifest import ChunkRecord

NOT_FOUND_FA = "در اخبار موجود پاسخی برای این پرسش پیدا نشد."
NOT_FOUND_EN = "The available news does not answer this question."
UNDATED_NOTE_FA = "{n} خبر بی‌تاریخ بیرون از بازه تاریخ ماند و جستجو نشد."
UNDATED_NOTE_EN = "{n} undated articles were left out by the date filter."


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its article's metadata and how each search ranked it."""

    chunk_id: str
    article_id: str
    title: str
    url: str
    source: str
    published: date | None
    category: str
    text: str
    start: int
    end: int
    score: float
    dense_rank: int | None = None
    lexical_rank: int | None = None
    similarity: float | None = None
    sentences: tuple[str, ...] | None = field(default=None, repr=False, compare=False)
    """The normalized form of each sentence of `text` as the index stored it (None: an index from before that)."""

    @classmethod
    def from_record(
        cls,
        record: ChunkRecord,
        score: float,
        dense_rank: int | None = None,
        lexical_rank: int | None = None,
        similarity: float | None = None,
    ) -> Passage:
        """A passage of a committed chunk, with how it was ranked and how close its vector is to the question's."""
        return cls(
            record.id, record.article_id, record.title, record.url, record.source, record.published,
            record.category, record.text, record.start, record.end, score, dense_rank, lexical_rank, similarity,
            record.sentences,
        )  # fmt: skip

    def to_dict(self) -> dict:
        """The passage as JSON-ready data: its date as an ISO string, without the reader's normalized sentences."""
        data = asdict(self)
        del data["sentences"]
        data["published"] = self.published.isoformat() if self.published else None
        return data


@dataclass(frozen=True)
class Citation:
    """Where a claim of the answer comes from: the article, the verbatim quote with its span, and the span of
    the answer inside the quote when the answer leads with it (article offsets, for the highlight)."""

    n: int
    article_id: str
    chunk_id: str
    title: str
    source: str
    published: date | None
    url: str
    quote: str
    start: int
    end: int
    answer_start: int | None = None
    answer_end: int | None = None


@dataclass(frozen=True)
class Unsupported:
    """A sentence a generated reply wrote that no cited passage supports, removed before anyone saw it, and why."""

    text: str
    reason: str


@dataclass
class Answer:
    """An answer built from real sentences, or a refusal (found=False) with the closest passages."""

    question: str
    text: str
    found: bool
    citations: list[Citation] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    searched: str = ""
    latency_ms: float = 0.0
    answerer: str = ""
    undated_excluded: int = 0
    """How many undated articles a date filter left out of the search."""
    unsupported: list[Unsupported] = field(default_factory=list)
    notice: str = ""

    @property
    def undated_note(self) -> str:
        """The sentence telling how many undated articles the date filter left out, in the question's language."""
        if not self.undated_excluded:
            return ""
        return (UNDATED_NOTE_FA if is_persian(self.question) else UNDATED_NOTE_EN).format(n=self.undated_excluded)

    @property
    def retrieved(self) -> list[str]:
        """Distinct article ids of the passages, best first (up to 10)."""
        return list(dict.fromkeys(p.article_id for p in self.passages))[:10]

    def to_dict(self) -> dict:
        """The answer as JSON-ready data (dates as ISO strings)."""
        data = asdict(self)
        data["retrieved"] = self.retrieved
        data["undated_note"] = self.undated_note
        data["passages"] = [passage.to_dict() for passage in self.passages]
        for citation in data["citations"]:
            citation["published"] = citation["published"].isoformat() if citation["published"] else None
        return data

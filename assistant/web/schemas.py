"""The typed request and response bodies of the HTTP API (pydantic), as published in the OpenAPI schema."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from assistant.app import MAX_QUESTION_CHARS
from assistant.retrieval.filters import SearchFilters
from index.dates import parse_day

MAX_K = 50
MAX_HISTORY = 20
QuestionText = Annotated[str, Field(max_length=4 * MAX_QUESTION_CHARS)]


class Filters(BaseModel):
    """Restrict the search to one agency, one category and a publication date range (inclusive)."""

    model_config = ConfigDict(extra="forbid")

    source: str | None = Field(None, description="agency, e.g. «خبرگزاری مهر»", max_length=200)
    category: str | None = Field(None, max_length=200)
    since: date | None = Field(
        None, description="on or after: Jalali 1400-02-25 or ۱۴۰۰/۰۲/۲۵, or Gregorian 2021-05-15"
    )
    until: date | None = Field(None, description="on or before, in either calendar like since")

    @field_validator("since", "until", mode="before")
    @classmethod
    def _either_calendar(cls, value: object) -> object:
        return parse_day(value) if isinstance(value, str) and value.strip() else value or None

    @model_validator(mode="after")
    def _ordered(self) -> Filters:
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"since ({self.since}) must not be after until ({self.until})")
        return self

    def search_filters(self) -> SearchFilters:
        """The filters as the assistant takes them."""
        return SearchFilters(self.source or None, self.category or None, self.since, self.until)


class AskRequest(BaseModel):
    """A question, how many passages to retrieve, filters, and the earlier questions of the conversation."""

    model_config = ConfigDict(extra="forbid")

    question: QuestionText = Field(..., description="the question, Persian or English")
    k: int = Field(5, ge=1, le=MAX_K, description="passages to retrieve")
    filters: Filters | None = None
    history: list[QuestionText] = Field(
        default_factory=list,
        max_length=MAX_HISTORY,
        description="earlier questions of the conversation, oldest first: a pronoun («او», 'he') is resolved from them",
    )


class SearchRequest(BaseModel):
    """A query for ranked passages, without an answer."""

    model_config = ConfigDict(extra="forbid")

    question: QuestionText
    k: int = Field(10, ge=1, le=MAX_K)
    filters: Filters | None = None


class PassageOut(BaseModel):
    """A retrieved chunk: its text and span in the article, the article's metadata, and its ranks."""

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


class CitationOut(BaseModel):
    """Marker [n] of the answer: the article and the verbatim quote with its character span in the article text."""

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


class AnswerOut(BaseModel):
    """The answer, as `khabar ask --json` prints it: text with [n] markers, found, citations, passages."""

    question: str
    text: str
    found: bool
    citations: list[CitationOut]
    passages: list[PassageOut]
    searched: str = Field(..., description="the normalized text that was searched (follow-ups resolved)")
    latency_ms: float
    retrieved: list[str] = Field(..., description="distinct article ids of the passages, best first")
    undated_excluded: int = Field(0, description="undated articles a date filter left out of the search")
    undated_note: str = Field("", description="that count as a sentence in the question's language, or empty")


class SearchOut(BaseModel):
    """Ranked passages for a query."""

    searched: str
    passages: list[PassageOut]


class ArticleOut(BaseModel):
    """A whole indexed article."""

    id: str
    title: str
    text: str
    url: str
    source: str
    published: date | None
    category: str
    tags: list[str]


class ArticleRowOut(BaseModel):
    """An article in a list, without its text."""

    id: str
    title: str
    source: str
    published: date | None
    category: str
    url: str
    chunks: int


class ArticleListOut(BaseModel):
    """A page of the article list."""

    total: int
    articles: list[ArticleRowOut]


class IngestRequest(BaseModel):
    """Articles to index (records with at least a text; id, title, url, source, published, category, tags)."""

    model_config = ConfigDict(extra="forbid")

    articles: list[dict[str, Any]] = Field(default_factory=list, max_length=10_000)
    urls: list[str] = Field(default_factory=list, max_length=100, description="pages or RSS/Atom feeds to fetch")

    @model_validator(mode="after")
    def _something(self) -> IngestRequest:
        if not self.articles and not self.urls:
            raise ValueError("give 'articles' (a list of article objects) or 'urls'")
        return self


class Failure(BaseModel):
    """An input that did not load or index, and why."""

    origin: str
    reason: str


class IngestOut(BaseModel):
    """What an ingest did."""

    new: int
    updated: int
    unchanged: int
    failed: list[Failure]
    ids: list[str] = Field(..., description="ids of the articles that loaded, in input order")
    chunks_embedded: int
    seconds: float


class RemovedOut(BaseModel):
    """The id of a removed article."""

    removed: str


class StatsOut(BaseModel):
    """What the index holds."""

    model_config = ConfigDict(extra="allow")

    articles: int
    chunks: int
    tokens: int
    vectors: int
    last_ingest: float | None = Field(None, description="Unix time of the last commit")
    sources: dict[str, int]
    embedder: str


class HealthOut(BaseModel):
    """Liveness."""

    status: str


class ReadyOut(BaseModel):
    """Readiness: the index is open and the model loaded."""

    ready: bool
    articles: int
    embedder: str


class ErrorBody(BaseModel):
    """What went wrong, for a person (the OpenAI error shape)."""

    message: str
    type: str
    code: str | None = None


class ErrorOut(BaseModel):
    """Every error response: `{"error": {"message", "type", "code"}}`; never a stack trace."""

    error: ErrorBody


class ParticipantOut(BaseModel):
    """One side of a meeting: as written, its name and title, and the key that groups its spellings."""

    text: str
    name: str
    title: str
    key: str


class EvidenceOut(BaseModel):
    """The sentence saying so, with its character span in the article text."""

    text: str
    start: int
    end: int


class MeetingOut(BaseModel):
    """A meeting: who met whom, status, when (as written, Gregorian, Jalali), where, evidence and the article."""

    id: str
    article_id: str
    title: str
    url: str
    source: str
    published: date | None
    status: str = Field(..., description="happened, planned or denied")
    kind: str = Field(..., description="meeting, call (by phone or video) or transfer (a club's or a coach's talks)")
    place: str
    when_text: str = Field(..., description="the date as the text gives it, e.g. «صبح امروز»")
    date: date | None
    jalali: str
    day: date | None = Field(..., description="the meeting's date, else its article's publication date")
    evidence: EvidenceOut
    who: list[ParticipantOut]
    whom: list[ParticipantOut]
    who_people: list[str] = Field(..., description="the person id of each of `who` (empty when unknown)")
    whom_people: list[str] = Field(..., description="the person id of each of `whom`")


class GraphNodeOut(BaseModel):
    """A person of the graph (their id, or a participant key when unknown) and how many meetings they had."""

    key: str
    label: str
    meetings: int
    person: str = Field(..., description="the person id (their page at /api/people/{id}), empty when unknown")


class CitedMeetingOut(BaseModel):
    """A meeting of an edge: its cited sentence with its span, status, day and article."""

    id: str
    status: str
    kind: str = Field(..., description="meeting, call (by phone or video) or transfer (a club's or a coach's talks)")
    day: date | None
    quote: str
    start: int
    end: int
    article_id: str
    title: str
    url: str


class GraphEdgeOut(BaseModel):
    """Two node keys that met, and the meetings saying so."""

    source: str
    target: str
    meetings: list[CitedMeetingOut]


class MeetingGraphOut(BaseModel):
    """Who met whom: nodes and edges."""

    nodes: list[GraphNodeOut]
    edges: list[GraphEdgeOut]


class PersonOut(BaseModel):
    """One person across the corpus: display name and usual title, every spelling and title, and counts."""

    id: str = Field(..., description="the person's id, for /api/people/{id} and /api/statements?person=")
    name: str
    title: str
    label: str
    spellings: list[str] = Field(..., description="every way the articles write them, most frequent first")
    titles: list[str]
    articles: int
    meetings: int
    statements: int


class ArticleRefOut(BaseModel):
    """The article a sentence comes from: id, title, agency, publication date and link."""

    article_id: str
    title: str
    source: str
    published: date | None
    url: str


class StatementOut(BaseModel):
    """A sentence a person said (or that continues their quote), with its span and its article."""

    id: str
    person: str
    mention: str = Field(..., description="how the sentence names them («وی» for a pronoun, empty when not at all)")
    kind: str = Field(..., description="said, or continued (a quote running on after a colon)")
    sentence: str
    start: int
    end: int
    article: ArticleRefOut


class PersonMeetingOut(BaseModel):
    """One meeting on a person's page: who met whom, status, day, place, the sentence and its article."""

    id: str
    status: str
    day: date | None
    place: str
    who: list[str]
    whom: list[str]
    evidence: EvidenceOut
    article: ArticleRefOut


class PersonPageOut(BaseModel):
    """A person with their meetings and statements, newest first (undated last)."""

    person: PersonOut
    meetings: list[PersonMeetingOut]
    statements: list[StatementOut]

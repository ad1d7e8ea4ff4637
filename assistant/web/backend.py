"""What the API and the UI share: the opened index, the assistant once its model is loaded, and one lock."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from assistant.answer import Answer, Passage
from assistant.app import Assistant, AssistantSettings, Step, check_question
from assistant.retrieval.filters import SearchFilters
from index.article import Article
from index.catalog import ArticleRow, facets, list_articles
from index.embeddings.base import Embedder
from index.ingest import Ingestor, IngestReport
from index.loaders import LoadItem
from index.meetings.persons import PersonPage, PersonSummary, find_people, person_page, person_statements
from index.meetings.query import MeetingFilter, MeetingRecord, find_meetings
from index.meetings.said import StatementRecord
from index.news_index import NewsIndex
from index.progress import Progress


class NotReadyError(RuntimeError):
    """The model is still loading (or failed to load), so nothing can be answered yet."""


class Backend:
    """Serializes every use of one index (SQLite, BM25 and Chroma are shared), brings a replica's cache up to date
    before each read, and loads the embedder once."""

    def __init__(
        self,
        news_index: NewsIndex,
        load_embedder: Callable[[], Embedder],
        settings: AssistantSettings | None = None,
    ) -> None:
        self.index = news_index
        self._load_embedder = load_embedder
        self._settings = settings
        self._lock = threading.RLock()
        self._assistant: Assistant | None = None
        self._ingestor: Ingestor | None = None
        self.load_error: str | None = None

    def load(self) -> None:
        """Load the embedder; a failure is kept in `load_error` for /readyz."""
        try:
            embedder = self._load_embedder()
            with self._lock:
                self._ingestor = Ingestor(self.index, embedder)
                self._assistant = Assistant(self.index, embedder, self._settings)
        except Exception as error:
            self.load_error = f"{type(error).__name__}: {error}"
            raise

    @property
    def ready(self) -> bool:
        """True once questions can be answered."""
        return self._assistant is not None

    def _loaded(self) -> tuple[Assistant, Ingestor]:
        """The assistant and ingestor, or NotReadyError."""
        if self._assistant is None or self._ingestor is None:
            raise NotReadyError(self.load_error or "the embedding model is still loading; retry in a few seconds.")
        return self._assistant, self._ingestor

    def ask(
        self, question: str, k: int = 5, filters: SearchFilters | None = None, history: list[str] | None = None
    ) -> Answer:
        """The cited answer (follow-ups resolved from `history`, the earlier questions)."""
        assistant, _ = self._loaded()
        with self._lock:
            self.index.refresh()
            return assistant.ask(question, k=k, filters=filters, history=history)

    def ask_stream(
        self, question: str, k: int = 5, filters: SearchFilters | None = None, history: list[str] | None = None
    ) -> Iterator[Step]:
        """`ask` as it happens: the model's tokens, each sentence verified or removed, then the Answer.

        One worker thread holds the lock while the answer is written (the stream may be read from several threads).
        """
        assistant, _ = self._loaded()
        steps: queue.Queue = queue.Queue()

        def work() -> None:
            try:
                with self._lock:
                    self.index.refresh()
                    for step in assistant.ask_stream(question, k=k, filters=filters, history=history):
                        steps.put(step)
            except Exception as error:  # handed to the reader, who raises it
                steps.put(error)
            steps.put(None)

        threading.Thread(target=work, name="khabar-answer", daemon=True).start()
        while (step := steps.get()) is not None:
            if isinstance(step, Exception):
                raise step
            yield step

    def search(self, question: str, k: int = 10, filters: SearchFilters | None = None) -> tuple[str, list[Passage]]:
        """What was searched and the ranked passages, without composing an answer."""
        assistant, _ = self._loaded()
        question = check_question(question)
        with self._lock:
            self.index.refresh()
            query = assistant.retriever.prepare(question)
            return query.normalized, assistant.retriever.search(query, k=k, filters=filters)

    def article(self, key: str) -> Article | None:
        """The article with this id or URL."""
        with self._lock:
            self.index.refresh()
            return self.index.manifest.find_article(key)

    def articles(self, query: str = "", limit: int = 50, offset: int = 0) -> tuple[int, list[ArticleRow]]:
        """How many articles match `query` (in id, title, agency or URL), and one page of them, newest first."""
        with self._lock:
            self.index.refresh()
            return list_articles(self.index.manifest.connection, query, limit, offset)

    def meetings(self, where: MeetingFilter) -> list[MeetingRecord]:
        """The meetings matching the filter, newest first, read from the manifest database."""
        with self._lock:
            self.index.refresh()
            return find_meetings(self.index.manifest.connection, where)

    def people(self, text: str = "", limit: int = 20) -> list[PersonSummary]:
        """People named by the words (best first), or the most mentioned ones."""
        with self._lock:
            self.index.refresh()
            return find_people(self.index.manifest.connection, text, limit)

    def person(self, person_id: str, since: date | None = None, until: date | None = None) -> PersonPage | None:
        """One person's page: spellings, titles, meetings and statements in the range, newest first."""
        with self._lock:
            self.index.refresh()
            return person_page(self.index.manifest.connection, person_id, since, until)

    def statements(
        self, person_id: str, since: date | None = None, until: date | None = None, limit: int = 200
    ) -> list[StatementRecord]:
        """One person's statements in the range, newest article first."""
        with self._lock:
            self.index.refresh()
            return person_statements(self.index.manifest.connection, person_id, since, until, limit)

    def facets(self) -> tuple[list[str], list[str]]:
        """The agencies and the categories the index holds, for the filters."""
        with self._lock:
            self.index.refresh()
            return facets(self.index.manifest.connection)

    def ingest(self, items: Iterable[LoadItem], progress: Progress | None = None) -> IngestReport:
        """Index loaded articles (asks wait while the batches commit)."""
        _, ingestor = self._loaded()
        with self._lock:
            return ingestor.ingest(items, progress)

    def remove(self, key: str) -> str | None:
        """Remove the article with this id or URL; its id, or None when unknown."""
        with self._lock:
            return self.index.remove(key)

    def stats(self) -> dict[str, object]:
        """What the index holds (counts, agencies, last ingest, embedder), without server paths."""
        with self._lock:
            self.index.refresh()
            figures = self.index.stats()
        return {key: value for key, value in figures.items() if key not in ("home", "chroma")}

"""Who-met-whom answers from the meetings table: one cited line per meeting, the most relevant first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from assistant.answer import Citation, Passage
from assistant.answering.base import Draft
from assistant.answering.meetings_gate import GATE_PATH, MeetingGate, load_meeting_gate
from assistant.answering.sentence_vectors import SentenceVectors
from assistant.meetings.lines import meeting_line
from assistant.meetings.question import MeetingQuestion, meeting_question
from assistant.meetings.rank import Scored, read_in_articles, rough_scores
from assistant.query.prepared import Query
from index.catalog import chunk_holding
from index.embeddings.base import Embedder
from index.meetings.query import MeetingRecord, meetings_of_articles, participant_word_weights, search_meetings
from index.news_index import NewsIndex

MEANING_WEIGHT = 6.0
"""How much the sentence's similarity to the question adds to a meeting's score."""


@dataclass(frozen=True)
class MeetingAnswerSettings:
    """How meetings are chosen: candidates, lines, the answer's length, and the learned gate that decides whether the
    best one answers at all."""

    candidates: int = 40
    retrieved_articles: int = 8
    embedded: int = 10  # candidates whose sentences are compared in meaning, as the gate was trained
    max_lines: int = 3
    max_chars: int = 400
    next_line_ratio: float = 0.75
    gate_path: Path = field(default=GATE_PATH)

    def __post_init__(self) -> None:
        if self.max_lines <= 0:
            raise ValueError(f"max_lines must be greater than 0. Currently, max_lines is {self.max_lines}")
        if self.max_chars < 80:
            raise ValueError(f"max_chars must be at least 80. Currently, max_chars is {self.max_chars}")


class MeetingAnswerer:
    """Answers who-met-whom questions from the meetings table, or declines so that passage answering runs."""

    def __init__(
        self,
        news_index: NewsIndex,
        embedder: Embedder,
        settings: MeetingAnswerSettings | None = None,
        gate: MeetingGate | None = None,
    ) -> None:
        self.index = news_index
        self.sentence_vectors = SentenceVectors(news_index.vectors, embedder)
        self.settings = settings or MeetingAnswerSettings()
        self._gate = gate

    name = "meetings"

    @property
    def gate(self) -> MeetingGate:
        """The learned gate given, else the one at the settings' path, loaded on first use."""
        return self._gate or load_meeting_gate(self.settings.gate_path)

    def answer(self, query: Query, passages: list[Passage]) -> Draft | None:
        """An answer listing the meetings the question asks about, or None (not such a question, none found, or the
        gate does not take the best one for an answer); with filters in force only the meetings of the retrieved
        articles are considered."""
        asked = meeting_question(query.text)
        if asked is None:
            return None
        gate = self.gate
        candidates = self.candidates(asked, passages, query.filtered)
        ranked = self.ranked(asked, query, passages, candidates, gate.reference)
        if not ranked or not gate.answers(asked, ranked):
            return None
        chosen = self._lines(ranked)
        return self._compose(asked.persian, chosen, passages)

    def candidates(self, asked: MeetingQuestion, passages: list[Passage], only_retrieved: bool) -> list[MeetingRecord]:
        """Meetings whose participants share words with the question, and those of the retrieved articles."""
        db = self.index.manifest.connection
        articles = list(dict.fromkeys(p.article_id for p in passages))[: self.settings.retrieved_articles]
        searched = [] if only_retrieved else search_meetings(db, asked.terms, self.settings.candidates)
        found = {m.id: m for m in searched}
        found.update({m.id: m for m in meetings_of_articles(db, articles)})
        return list(found.values())

    def ranked(
        self,
        asked: MeetingQuestion,
        query: Query,
        passages: list[Passage],
        candidates: list[MeetingRecord],
        reference: Sequence[frozenset[str]] = (),
    ) -> list[Scored]:
        """Candidates scored and sorted, best first; word rarities filled up from the reference meetings' words where
        the index holds fewer (`participant_word_weights`)."""
        if not candidates:
            return []
        weights = participant_word_weights(self.index.manifest.connection, asked.terms, reference)
        order = {a: n for n, a in enumerate(dict.fromkeys(p.article_id for p in passages))}
        rough = rough_scores(asked, candidates, weights, order)[: self.settings.embedded]
        rough = read_in_articles(
            rough, weights, self.index.manifest.article_texts([r.meeting.article_id for r in rough])
        )
        vectors = self.sentence_vectors.of_article_sentences(
            self.index.manifest.connection,
            [(r.meeting.article_id, r.meeting.start, r.meeting.end, r.meeting.evidence) for r in rough],
        )
        similarities = vectors @ query.vector
        scored = [
            replace(r, similarity=float(s), total=r.total + MEANING_WEIGHT * float(s))
            for r, s in zip(rough, similarities, strict=True)
        ]
        # a meeting before a call or a club's talks, whatever their scores: the question asks who met whom
        return sorted(scored, key=lambda s: (s.meeting.kind == "meeting", s.total), reverse=True)

    def _lines(self, ranked: list[Scored]) -> list[Scored]:
        """The best meetings that fit the line and length caps, each at least a share of the best score."""
        chosen = [ranked[0]]
        for candidate in ranked[1:]:
            if len(chosen) >= self.settings.max_lines:
                break
            if candidate.total >= self.settings.next_line_ratio * ranked[0].total:
                chosen.append(candidate)
        return chosen

    def _compose(self, persian: bool, chosen: list[Scored], passages: list[Passage]) -> Draft:
        """The answer, in Persian or English: one line per meeting with its [n] marker, citations of the evidence,
        passages cited first."""
        lines, citations, cited = [], [], []
        used = 0
        for scored in chosen:
            line = meeting_line(scored.meeting, persian, scored.subject_first, self.settings.max_chars // 2)
            number = len(citations) + 1
            text = f"{line} [{number}]"
            if citations and used + len(line) + 1 > self.settings.max_chars:
                break
            used += len(line) + 1
            passage = self._passage(scored.meeting)
            lines.append(text)
            citations.append(self._citation(number, scored.meeting, passage))
            if passage is not None:
                cited.append(passage)
        known = {p.chunk_id for p in cited}
        ordered = cited + [p for p in passages if p.chunk_id not in known]
        return Draft("\n".join(lines), citations, ordered, self.name)

    def _passage(self, meeting: MeetingRecord) -> Passage | None:
        """The indexed chunk that holds the meeting's sentence, as a passage."""
        chunk_id = chunk_holding(self.index.manifest.connection, meeting.article_id, meeting.start, meeting.end)
        if chunk_id is None:
            return None
        record = self.index.manifest.records([chunk_id]).get(chunk_id)
        if record is None:
            return None
        return Passage.from_record(record, 1.0)

    def _citation(self, number: int, meeting: MeetingRecord, passage: Passage | None) -> Citation:
        """The citation of a meeting: its article and its evidence sentence with the sentence's span."""
        return Citation(
            number,
            meeting.article_id,
            passage.chunk_id if passage else "",
            meeting.title,
            meeting.source,
            meeting.published,
            meeting.url,
            meeting.evidence,
            meeting.start,
            meeting.end,
        )

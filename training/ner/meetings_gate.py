"""What the NER would do to meeting extraction: the fair gold set's figures with participants kept only when named.

python -m training.ner.meetings_gate    # a participant stays when its name overlaps a PER/ORG entity
"""

from __future__ import annotations

from dataclasses import replace

from index.article import Article
from index.embeddings.e5_torch_backend import E5TorchEmbedder
from index.embeddings.settings import EmbedderSettings
from index.entities.persian import Entity, PersianNer
from index.meetings.evaluate import DEFAULT_CORPUS, DEFAULT_GOLD, load_articles, measures, table
from index.meetings.extract import extract_meetings
from index.meetings.fold import fold
from index.meetings.gold import load_gold
from index.meetings.model import Meeting, Participant


def _named(participant: Participant, evidence: str, entities: list[Entity]) -> bool:
    """A title alone stays; a name stays when a PER or ORG entity of the sentence overlaps it."""
    if not participant.name:
        return bool(participant.title)
    at = fold(evidence).find(fold(participant.name))
    if at < 0:
        return True
    return any(e.kind in ("PER", "ORG") and e.start < at + len(participant.name) and at < e.end for e in entities)


def main() -> None:
    """Print the gold table with and without the gate."""
    ner = PersianNer(E5TorchEmbedder(EmbedderSettings(threads=1)))
    entities_of: dict[str, list[Entity]] = {}

    def gated(article: Article) -> list[Meeting]:
        kept = []
        for meeting in extract_meetings(article):
            if meeting.evidence not in entities_of:
                entities_of[meeting.evidence] = ner.entities([meeting.evidence])[0]
            entities = entities_of[meeting.evidence]
            who = tuple(p for p in meeting.who if _named(p, meeting.evidence, entities))
            whom = tuple(p for p in meeting.whom if _named(p, meeting.evidence, entities))
            if who and whom:
                kept.append(replace(meeting, who=who, whom=whom))
        return kept

    gold, articles = load_gold(DEFAULT_GOLD), load_articles(DEFAULT_CORPUS)
    rules = [(f"rules, {name}", s) for name, s in measures(gold, articles, extract_meetings) if "meetings" in name]
    gate = [(f"rules + NER gate, {name}", s) for name, s in measures(gold, articles, gated) if "meetings" in name]
    print(table([*rules, *gate]))


if __name__ == "__main__":
    main()

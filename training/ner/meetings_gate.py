"""What the NER would do to meeting extraction: the fair gold set's figures with participants gated by entities.

python -m training.ner.meetings_gate    # two gates: "named" (a PER/ORG entity overlaps the name), "not a place"
"""

from __future__ import annotations

from collections.abc import Callable
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


def _name_at(participant: Participant, evidence: str) -> int:
    """Where the participant's name starts in its sentence (-1: not found as written)."""
    return fold(evidence).find(fold(participant.name)) if participant.name else -1


def _overlaps(entity: Entity, start: int, end: int) -> bool:
    """Whether the entity shares a character with [start, end)."""
    return entity.start < end and start < entity.end


def _named(participant: Participant, evidence: str, entities: list[Entity]) -> bool:
    """A title alone stays; a name stays when a PER or ORG entity of the sentence overlaps it."""
    if not participant.name:
        return bool(participant.title)
    at = _name_at(participant, evidence)
    if at < 0:
        return True
    return any(e.kind in ("PER", "ORG") and _overlaps(e, at, at + len(participant.name)) for e in entities)


def _not_a_place(participant: Participant, evidence: str, entities: list[Entity]) -> bool:
    """A name goes only when a LOC entity overlaps it and no PER or ORG entity does."""
    at = _name_at(participant, evidence)
    if at < 0:
        return True
    touching = [e.kind for e in entities if _overlaps(e, at, at + len(participant.name))]
    return "LOC" not in touching or "PER" in touching or "ORG" in touching


def main() -> None:
    """Print the gold table without and with each gate."""
    ner = PersianNer(E5TorchEmbedder(EmbedderSettings(threads=1)))
    entities_of: dict[str, list[Entity]] = {}

    def gated(keep: Callable[[Participant, str, list[Entity]], bool]) -> Callable[[Article], list[Meeting]]:
        def extract(article: Article) -> list[Meeting]:
            kept = []
            for meeting in extract_meetings(article):
                if meeting.evidence not in entities_of:
                    entities_of[meeting.evidence] = ner.entities([meeting.evidence])[0]
                entities = entities_of[meeting.evidence]
                who = tuple(p for p in meeting.who if keep(p, meeting.evidence, entities))
                whom = tuple(p for p in meeting.whom if keep(p, meeting.evidence, entities))
                if who and whom:
                    kept.append(replace(meeting, who=who, whom=whom))
            return kept

        return extract

    gold, articles = load_gold(DEFAULT_GOLD), load_articles(DEFAULT_CORPUS)
    rows = []
    for label, extract in (("rules", extract_meetings), ("named", gated(_named)), ("not a place", gated(_not_a_place))):
        rows.extend((f"{label}, {name}", s) for name, s in measures(gold, articles, extract) if "meetings" in name)
    print(table(rows))


if __name__ == "__main__":
    main()

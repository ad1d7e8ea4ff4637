"""An article with its chunks as one JSON record: what a replica reads from the shared store to rebuild its cache."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from index.article import Article
from index.chunk import Chunk
from index.store.sentence_forms import decode_sentences, encode_sentences
from index.text.sentences import normalized_sentences

_ARTICLE_FIELDS = ("id", "title", "text", "url", "source", "category", "origin", "published_from", "quoting")


@dataclass(frozen=True)
class Change:
    """The latest change to one article in the shared store: when (`stamp`, ns), its content, or its removal."""

    article_id: str
    stamp: int
    content_hash: str
    removed: bool


def record_json(article: Article, chunks: list[Chunk]) -> str:
    """The article and its chunk spans as JSON (a chunk's verbatim text is its span of the article text), each chunk
    with its normalized sentences, so that a replica normalizes nothing."""
    payload: dict[str, object] = {name: getattr(article, name) for name in _ARTICLE_FIELDS}
    payload["published"] = article.published.isoformat() if article.published else None
    payload["tags"] = list(article.tags)
    payload["chunks"] = [
        [c.id, c.position, c.start, c.end, c.search_text, c.token_count, encode_sentences(c.search_text, c.sentences)]
        for c in chunks
    ]
    return json.dumps(payload, ensure_ascii=False)


def record_from_json(article_id: str, text: str) -> tuple[Article, list[Chunk]]:
    """The article and chunks of a record written by `record_json` (or by a version before chunks carried their
    sentences); a malformed record names the article."""
    try:
        payload = json.loads(text)
        published = payload["published"]
        article = Article(
            **{name: payload[name] for name in _ARTICLE_FIELDS},
            published=date.fromisoformat(published) if published else None,
            tags=tuple(payload["tags"]),
        )
        chunks = [_chunk(article, entry) for entry in payload["chunks"]]
    except (TypeError, ValueError, KeyError) as error:
        raise ValueError(f"The shared record of article {article_id!r} is malformed: {error!r}") from error
    if article.id != article_id:
        raise ValueError(f"The shared record {article_id!r} holds article {article.id!r}.")
    return article, chunks


def _chunk(article: Article, entry: list) -> Chunk:
    """A chunk of a record's article from its entry; its sentences normalized here when the record predates them."""
    chunk_id, position, start, end, search_text, tokens, *stored = entry
    text = article.text[start:end]
    sentences = decode_sentences(search_text, stored[0]) if stored else normalized_sentences(text)
    return Chunk(chunk_id, article.id, position, start, end, text, search_text, tokens, sentences)

"""The article: what every loader produces and everything downstream indexes."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date


@dataclass(frozen=True)
class Article:
    """One news article with its metadata, as loaded from a source."""

    id: str
    title: str
    text: str
    url: str = ""
    source: str = ""
    published: date | None = None
    category: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)
    origin: str = ""
    published_from: str = ""
    """Where the date came from: "source" (the source's own field), "url" (an agency's URL), "text" (a dateline)."""
    quoting: str = ""
    """The agency the article quotes («به نقل از آسوشیتدپرس»), shown beside its publisher `source`."""

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("Article id must not be empty.")
        if not self.text.strip():
            raise ValueError(f"Article {self.id!r} has no text.")

    @property
    def content_hash(self) -> str:
        """A digest of everything indexed about the article, to tell an edit from a re-ingest."""
        payload = asdict(self)
        payload.pop("origin")
        payload["published"] = self.published.isoformat() if self.published else None
        encoded = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return hashlib.sha256(encoded).hexdigest()[:32]


def content_id(text: str) -> str:
    """An article id derived from its text, for sources that give no id, URL or file name."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]

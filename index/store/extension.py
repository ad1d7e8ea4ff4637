"""Data derived from each article (such as meetings), kept in step with the manifest."""

from __future__ import annotations

import sqlite3
from typing import Protocol, runtime_checkable

from index.article import Article


class ArticleExtension(Protocol):
    """Derives rows from an article; its writes run inside the manifest's commit and remove transactions."""

    name: str
    version: str
    schema: str

    def write(self, db: sqlite3.Connection, article: Article) -> None:
        """Replace the rows derived from this article."""

    def delete(self, db: sqlite3.Connection, article_id: str) -> None:
        """Delete the rows derived from this article."""


@runtime_checkable
class ExternalIndex(ArticleExtension, Protocol):
    """An extension whose index lives outside the manifest database (tantivy): inside the transaction `write` and
    `delete` only journal the article, and `apply` brings the outside index up to the journal after the commit."""

    def open(self, db: sqlite3.Connection) -> None:
        """Check the outside index on opening, before the catch-up; start it afresh (forgetting its version, so
        that the catch-up derives it again) when it cannot be trusted."""

    def apply(self, db: sqlite3.Connection) -> None:
        """Apply the journalled articles to the outside index, then clear them from the journal."""

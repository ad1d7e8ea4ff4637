"""Data derived from each article (such as meetings), kept in the manifest database in step with it."""

from __future__ import annotations

import sqlite3
from typing import Protocol

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

"""A replica's local cache (manifest, BM25 rows, meetings) brought up to date in place from the shared change log."""

from __future__ import annotations

import time

from index.store.base import ChangeLog
from index.store.manifest import Manifest

CURSOR_KEY = "change_cursor"
OVERLAP_NS = 30 * 10**9
"""How far before its cursor a replica re-reads the log: a write stamped by its writer's clock up to 30 s before it
landed (a slow batch, clocks apart) is still seen; re-applying what is already in the cache does nothing."""
_BATCH = 100
"""Articles applied per local transaction."""
FULL_READ_SECONDS = OVERLAP_NS / 1e9
"""How often a replica reads the log even though its head did not move: what a writer that died between its entries
and its head wrote is seen within this (the same window the overlap allows a late write)."""


class Replica:
    """Applies the changes stamped since its cursor to the local cache, at most every `interval` seconds."""

    def __init__(
        self, manifest: Manifest, log: ChangeLog, interval: float, full_read_seconds: float = FULL_READ_SECONDS
    ) -> None:
        self._manifest, self._log, self.interval, self.full_read_seconds = manifest, log, interval, full_read_seconds
        self._synced_at: float | None = None
        self._head, self._read_at = "", float("-inf")

    def refresh(self) -> int:
        """Sync unless the last sync is more recent than the interval; returns how many articles changed."""
        if self._synced_at is not None and time.monotonic() - self._synced_at < self.interval:
            return 0
        return self.sync()

    def sync(self) -> int:
        """Apply every change stamped since the cursor (cost in proportion to the changes); returns how many. When the
        log's head has not moved since the last read (and that read is recent), one small read is the whole sync."""
        started = time.monotonic()
        head = self._log.head()
        if head and head == self._head and started - self._read_at < self.full_read_seconds:
            self._synced_at = started
            return 0
        cursor = self._manifest.meta(CURSOR_KEY)
        if cursor is None and self._manifest.article_ids():
            self._publish_unrecorded()
        changes = self._log.changes_since(max(0, int(cursor or 0) - OVERLAP_NS))
        cached = self._manifest.content_hashes([change.article_id for change in changes])
        removed = [c.article_id for c in changes if c.removed and c.article_id in cached]
        changed = [c.article_id for c in changes if not c.removed and cached.get(c.article_id) != c.content_hash]
        if removed:
            self._manifest.remove_all(removed, orphans=False)
        for offset in range(0, len(changed), _BATCH):
            records = self._log.records(changed[offset : offset + _BATCH])
            self._manifest.commit(list(records.values()), orphans=False)
        newest = max([int(cursor or 0), *(change.stamp for change in changes)])
        self._manifest.set_meta(CURSOR_KEY, str(newest))
        self._synced_at = started
        self._head, self._read_at = head, started
        return len(removed) + len(changed)

    def _publish_unrecorded(self) -> None:
        """Record the articles of a cache written before it had a change log (a server index of an older khabar)."""
        recorded = {change.article_id for change in self._log.changes_since(0)}
        for offset in range(0, len(ids := self._manifest.article_ids()), _BATCH):
            articles = [self._manifest.find_article(i) for i in ids[offset : offset + _BATCH] if i not in recorded]
            self._log.publish([(a, self._manifest.chunks_of(a)) for a in articles if a is not None])

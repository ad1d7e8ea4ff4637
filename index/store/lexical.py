"""The BM25 index over the committed chunks, persisted beside the manifest and rebuilt when stale."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np

from index.store.manifest import Manifest
from index.text.tokens import TERMS_VERSION, terms


class LexicalIndex:
    """BM25 (bm25s) over the searched text of every committed chunk, in step with the manifest."""

    def __init__(self, directory: Path, manifest: Manifest) -> None:
        self.directory = directory
        self._manifest = manifest
        self._generation = -1
        self._ids: list[str] = []
        self._positions: dict[str, int] = {}
        self._bm25 = None

    def refresh(self) -> None:
        """Load the saved index, or rebuild it when the manifest has moved on since it was saved."""
        generation = self._manifest.generation
        if generation == self._generation:
            return
        if not self._load(generation):
            self._rebuild(generation)

    def search(self, normalized_query: str, n: int, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        """The best-matching chunks as (id, BM25 score), best first; optionally only the allowed ids."""
        self.refresh()
        tokens = [token for token in terms(normalized_query) if token in self._vocabulary]
        if not tokens or self._bm25 is None:
            return []
        mask = None
        if allowed is not None:
            mask = np.zeros(len(self._ids), dtype=np.float32)
            mask[[self._positions[i] for i in allowed if i in self._positions]] = 1.0
            if not mask.any():
                return []
        k = min(n, len(self._ids))
        documents, scores = self._bm25.retrieve([tokens], k=k, show_progress=False, weight_mask=mask, n_threads=0)
        return [(self._ids[d], float(s)) for d, s in zip(documents[0], scores[0], strict=True) if s > 0]

    def frequencies(self, tokens: list[str]) -> dict[str, int]:
        """How many chunks hold each token (0 for tokens the index does not know)."""
        self.refresh()
        indptr = self._bm25.scores["indptr"] if self._bm25 is not None else np.zeros(1, dtype=np.int64)
        frequencies = {}
        for token in tokens:
            column = self._vocabulary.get(token)
            known = column is not None and column + 1 < len(indptr)
            frequencies[token] = int(indptr[column + 1] - indptr[column]) if known else 0
        return frequencies

    def idf(self, tokens: list[str]) -> dict[str, float]:
        """BM25 inverse document frequency of each token; unseen tokens get the rarest weight."""
        frequencies = self.frequencies(tokens)
        total = len(self._ids)
        return {
            token: float(np.log(1.0 + (total - frequency + 0.5) / (frequency + 0.5)))
            for token, frequency in frequencies.items()
        }

    def rare_terms(self, tokens: list[str], share: float) -> list[str]:
        """The tokens found in at most `share` of the chunks (unknown ones included); none in a tiny index."""
        frequencies = self.frequencies(tokens)
        total = len(self._ids)
        if total * share < 1:
            return []
        return [token for token, frequency in frequencies.items() if frequency <= share * total]

    def known_share(self, normalized_query: str) -> float:
        """The IDF-weighted share of the query's terms that occur in the index (0 when none do)."""
        weights = self.idf(list(dict.fromkeys(terms(normalized_query))))
        total = sum(weights.values())
        known = sum(weight for term, weight in weights.items() if term in self._vocabulary)
        return known / total if total else 0.0

    def _load(self, generation: int) -> bool:
        """Load the persisted index if it was built at this generation."""
        stamp = self.directory / "khabar.json"
        if not stamp.exists() or json.loads(stamp.read_text()) != {"generation": generation, "terms": TERMS_VERSION}:
            return False
        import bm25s

        ids = json.loads((self.directory / "ids.json").read_text())
        self._install(bm25s.BM25.load(str(self.directory), show_progress=False) if ids else None, ids, generation)
        return True

    def _rebuild(self, generation: int) -> None:
        """Build the index from the manifest and save it atomically (a temp dir renamed into place)."""
        import bm25s

        ids, corpus = [], []
        for chunk_id, text in self._manifest.search_texts():
            ids.append(chunk_id)
            corpus.append(terms(text) or ["∅"])
        bm25 = None
        staging = self.directory.with_name(self.directory.name + ".tmp")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        if ids:
            bm25 = bm25s.BM25()
            bm25.index(corpus, show_progress=False)
            bm25.save(str(staging), show_progress=False)
        (staging / "ids.json").write_text(json.dumps(ids))
        (staging / "khabar.json").write_text(json.dumps({"generation": generation, "terms": TERMS_VERSION}))
        shutil.rmtree(self.directory, ignore_errors=True)
        staging.rename(self.directory)
        self._install(bm25, ids, generation)

    def _install(self, bm25, ids: list[str], generation: int) -> None:
        """Make a loaded or built index the current one."""
        self._bm25 = bm25
        self._ids = ids
        self._positions = {chunk_id: i for i, chunk_id in enumerate(ids)}
        self._generation = generation

    @property
    def _vocabulary(self) -> dict[str, int]:
        """Tokens the index knows."""
        return self._bm25.vocab_dict if self._bm25 is not None else {}

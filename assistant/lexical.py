"""The lexical side of retrieval: BM25 over the same chunks, persisted beside the vectors."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np

from assistant.text import terms


class LexicalIndex:
    """BM25 (bm25s) over chunk texts, addressed by chunk id."""

    def __init__(self, bm25: bm25s.BM25 | None, chunk_ids: list[str]) -> None:
        self._bm25 = bm25
        self.chunk_ids = chunk_ids
        self._vocab: dict[str, int] = dict(bm25.vocab_dict) if bm25 is not None else {}

    @classmethod
    def build(cls, chunk_ids: list[str], texts: Sequence[str]) -> LexicalIndex:
        """Index texts (one per chunk id)."""
        if not chunk_ids:
            return cls(None, [])
        bm25 = bm25s.BM25()
        bm25.index([terms(text) or [""] for text in texts], show_progress=False)
        return cls(bm25, list(chunk_ids))

    def save(self, folder: Path) -> None:
        """Write the index into folder."""
        folder.mkdir(parents=True, exist_ok=True)
        if self._bm25 is not None:
            self._bm25.save(str(folder), show_progress=False)
        (folder / "chunk_ids.json").write_text(json.dumps(self.chunk_ids), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """Read an index written by save."""
        chunk_ids = json.loads((folder / "chunk_ids.json").read_text(encoding="utf-8"))
        if not chunk_ids:
            return cls(None, [])
        bm25 = bm25s.BM25.load(str(folder), show_progress=False, mmap=True)
        return cls(bm25, chunk_ids)

    def known(self, query_terms: Sequence[str]) -> list[str]:
        """The query terms that occur somewhere in the corpus."""
        return [t for t in query_terms if t in self._vocab]

    def scores(self, query_terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every chunk, in chunk_ids order."""
        known = self.known(query_terms)
        if self._bm25 is None or not known:
            return np.zeros(len(self.chunk_ids), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def search(
        self, query_terms: Sequence[str], k: int, mask: np.ndarray | None = None
    ) -> list[tuple[str, float]]:
        """The k best (chunk id, score) with a positive score, optionally within a mask."""
        scores = self.scores(query_terms)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        if not len(scores):
            return []
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(self.chunk_ids[i], float(scores[i])) for i in top if scores[i] > 0]

    def document_frequency(self, term: str) -> int:
        """How many chunks contain the term."""
        if self._bm25 is None or term not in self._vocab:
            return 0
        return int(np.count_nonzero(self._bm25.get_scores([term])))

"""Hand-written fakes: an embedder that needs no model."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from assistant.text import terms


class FakeEmbedder:
    """Hashes each term into a bucket: different texts get different, comparable vectors."""

    name = "fake-hash-embedder"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.calls: list[int] = []  # how many texts each call embedded

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Bag of hashed terms, normalised."""
        self.calls.append(len(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for term in terms(text) or ["<empty>"]:
                bucket = int(hashlib.md5(term.encode()).hexdigest(), 16) % self.dim
                out[row, bucket] += 1.0
            out[row] /= np.linalg.norm(out[row])
        return out


class FailingEmbedder(FakeEmbedder):
    """Raises after a number of calls: an ingest that dies half way."""

    def __init__(self, fail_after: int) -> None:
        super().__init__()
        self.fail_after = fail_after

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed, or fail once the budget of calls is spent."""
        if len(self.calls) >= self.fail_after:
            raise RuntimeError("embedder crashed")
        return super().embed(texts)

"""A hash embedder: each term of a text hashed into one of `dim` buckets, normalised. The vectors carry
no meaning beyond shared words and cost next to nothing, so tests run without a model and benchmarks
build large indexes to time everything but the model."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from assistant.text import terms


class HashEmbedder:
    """Hashes each term into a bucket: different texts get different, comparable vectors; the same text
    the same vector in every process."""

    def __init__(self, dim: int = 384, name: str = "hash-embedder-384") -> None:
        self.dim = dim
        self.name = name

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Bag of hashed terms, normalised; a text without terms gets the vector of '<empty>'."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for term in terms(text) or ["<empty>"]:
                bucket = int(hashlib.md5(term.encode()).hexdigest(), 16) % self.dim
                out[row, bucket] += 1.0
            out[row] /= np.linalg.norm(out[row])
        return out

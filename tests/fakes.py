"""Test doubles: the package's hash embedder, counting its calls, and one that fails."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.search.hashing import HashEmbedder


class FakeEmbedder(HashEmbedder):
    """The hash embedder (256 buckets), recording how many texts each call embedded."""

    def __init__(self, dim: int = 256) -> None:
        super().__init__(dim, "fake-hash-embedder")
        self.calls: list[int] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed, and count the texts."""
        self.calls.append(len(texts))
        return super().embed(texts)


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

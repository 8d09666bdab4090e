"""Exact dense search over the served chunks' vectors held in memory (assistant/search/held_vectors.py)."""

from __future__ import annotations

import numpy as np
import pytest

from assistant import Assistant
from assistant.search.held_vectors import HeldVectors
from assistant.search.store import MemoryStore


def _store(n: int = 30, dim: int = 8) -> tuple[MemoryStore, list[str], np.ndarray]:
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(n, dim)).astype(np.float32) * rng.uniform(0.5, 3.0, size=(n, 1))
    ids = [f"doc{i % 5}:v:{i}" for i in range(n)]
    store = MemoryStore()
    store.add(ids, vectors.astype(np.float32), [{"doc_id": f"doc{i % 5}"} for i in range(n)])
    return store, ids, vectors


def test_held_vectors_rank_as_the_exact_cosine_does() -> None:
    store, ids, vectors = _store()
    held = HeldVectors.load(ids, store)
    query = vectors[4] * 2.5 + vectors[9]
    cosine = (vectors @ query) / (np.linalg.norm(vectors, axis=1) * np.linalg.norm(query))
    expected = [ids[i] for i in np.argsort(-cosine)[:7]]
    hits = held.query(query, 7)
    assert [cid for cid, _ in hits] == expected
    for cid, score in hits:
        assert score == pytest.approx(float(cosine[ids.index(cid)]), abs=1e-5)
    assert held.query(query, 100)[-1][0] == ids[int(np.argmin(cosine))]  # k beyond the count: all


def test_a_mask_keeps_only_its_chunks_and_missing_vectors_are_never_found() -> None:
    store, ids, vectors = _store()
    served = [*ids, "doc9:v:99"]  # served, but the store never got its vector
    held = HeldVectors.load(served, store)
    assert held.nbytes == len(served) * vectors.shape[1] * 4
    mask = np.array([cid.startswith("doc2:") for cid in served])
    hits = held.query(vectors[0], 50, mask)
    assert hits and {cid.split(":")[0] for cid in (c for c, _ in hits)} == {"doc2"}
    assert "doc9:v:99" not in dict(held.query(vectors[0], 50))
    assert held.query(vectors[0], 5, np.zeros(len(served), dtype=bool)) == []


def test_the_setting_says_up_to_how_many_chunks_are_held(assistant: Assistant) -> None:
    served = len(assistant.retriever.corpus.live)
    assert assistant.retriever.held is not None and len(assistant.retriever.held.chunk_ids) == served
    for limit, held in ((served, True), (served - 1, False)):
        other = Assistant(
            assistant.settings.model_copy(update={"held_vectors": limit}), embedder=assistant.embedder
        )
        assert (other.retriever.held is not None) is held

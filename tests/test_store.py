"""The vector store contract, run alike on the memory store, embedded Chroma and a Chroma server."""

import uuid
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from conftest import requires_chroma

from assistant.store import ChromaStore, MemoryStore, VectorStore, parse_chroma_url

KINDS = ["memory", "embedded", pytest.param("server", marks=requires_chroma)]


@pytest.fixture(params=KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[VectorStore]:
    """A fresh, empty store of each kind."""
    name = f"contract-{uuid.uuid4().hex[:12]}"
    if request.param == "memory":
        yield MemoryStore()
    elif request.param == "embedded":
        yield ChromaStore.open(tmp_path / "chroma", name)
    else:
        yield ChromaStore.connect(request.getfixturevalue("chroma_url"), name)


def _vectors(n: int, dim: int = 16, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(n, dim)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _fill(store: VectorStore, n: int = 12) -> tuple[list[str], np.ndarray]:
    ids = [f"doc{i % 4}:v:{i}" for i in range(n)]
    vectors = _vectors(n)
    store.add(ids, vectors, [{"doc_id": f"doc{i % 4}"} for i in range(n)])
    return ids, vectors


def test_query_ranks_by_cosine_similarity(store: VectorStore) -> None:
    ids, vectors = _fill(store)
    query = vectors[3] + 0.3 * vectors[7]
    query /= np.linalg.norm(query)
    hits = store.query(query, 5)
    exact = vectors @ query
    expected = [ids[i] for i in np.argsort(-exact)[:5]]
    assert [cid for cid, _ in hits] == expected
    for cid, score in hits:
        assert score == pytest.approx(float(exact[ids.index(cid)]), abs=1e-4)


def test_query_within_articles(store: VectorStore) -> None:
    _ids, vectors = _fill(store)
    hits = store.query(vectors[0], 12, {"doc1", "doc2"})
    assert hits and {cid.split(":")[0] for cid, _ in hits} == {"doc1", "doc2"}
    assert len(hits) == 6
    assert store.query(vectors[0], 5, set()) == []


def test_delete_forgets_ids_and_ignores_unknown_ones(store: VectorStore) -> None:
    ids, vectors = _fill(store)
    store.delete([ids[0], ids[5], "never-stored"])
    assert store.ids() == set(ids) - {ids[0], ids[5]}
    assert ids[0] not in {cid for cid, _ in store.query(vectors[0], 12)}


def test_ids_lists_everything_stored(store: VectorStore) -> None:
    assert store.ids() == set()
    ids, _ = _fill(store)
    assert store.ids() == set(ids)


def test_many_ids_are_deleted_in_batches(store: VectorStore) -> None:
    n = 5200  # more than one delete batch of 5,000
    ids = [f"d:v:{i}" for i in range(n)]
    store.add(ids, _vectors(n, dim=4), [{"doc_id": "d"}] * n)
    store.delete(ids[:5100])
    assert store.ids() == set(ids[5100:])


@pytest.mark.parametrize(
    ("url", "parsed"),
    [
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000, False)),
        ("https://chroma.example.org", ("chroma.example.org", 443, True)),
        ("http://chroma:9000/", ("chroma", 9000, False)),
    ],
)
def test_server_urls(url: str, parsed: tuple[str, int, bool]) -> None:
    assert parse_chroma_url(url) == parsed


@pytest.mark.parametrize(
    "url", ["localhost:8000", "ftp://host:21", "http://:8000", "http://h:99999", "http://h/x"]
)
def test_bad_server_urls_name_the_form(url: str) -> None:
    with pytest.raises(ValueError, match="http://HOST:PORT"):
        parse_chroma_url(url)

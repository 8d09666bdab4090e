"""The vector store contract, run alike on the memory store, embedded Chroma and a Chroma server."""

import uuid
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from conftest import requires_chroma

from assistant import Assistant
from assistant.search.query import Filters
from assistant.search.store import ChromaStore, MemoryStore, VectorStore, parse_chroma_url

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


def test_similarities_rank_the_given_ids_exactly(store: VectorStore) -> None:
    ids, vectors = _fill(store)
    query = vectors[5]
    picked = [ids[i] for i in (1, 5, 9, 10)] + ["never-stored"]
    ranked = store.similarities(query, picked)
    exact = {cid: float(vectors[ids.index(cid)] @ query) for cid in picked[:-1]}
    assert [cid for cid, _ in ranked] == sorted(exact, key=lambda c: -exact[c])
    assert dict(ranked) == pytest.approx(exact, abs=1e-5)
    # The same ranking as a search filtered to those chunks' articles, restricted to them.
    within = [hit for hit in store.query(query, 12, {"doc1", "doc2"}) if hit[0] in exact]
    assert [cid for cid, _ in within] == [cid for cid, _ in ranked]
    assert store.similarities(query, []) == [] == store.similarities(query, ["never-stored"])


def test_delete_forgets_ids_and_ignores_unknown_ones(store: VectorStore) -> None:
    ids, vectors = _fill(store)
    store.delete([ids[0], ids[5], "never-stored"])
    assert store.ids() == set(ids) - {ids[0], ids[5]}
    assert ids[0] not in {cid for cid, _ in store.query(vectors[0], 12)}


def test_ids_lists_everything_stored(store: VectorStore) -> None:
    assert store.ids() == set() and store.count() == 0
    ids, _ = _fill(store)
    assert store.ids() == set(ids) and store.count() == len(ids)


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


@pytest.mark.parametrize(
    ("question", "filters"),
    [
        ("What does Pine County offer returning graduates?", Filters(region="Pine")),
        ("What housing subsidy do engineers get?", Filters(date_from="2022-01-01")),
        ("Compare Harbor City and Pine County on subsidies", Filters()),  # dense search per place
    ],
)
def test_searching_held_vectors_fetched_vectors_or_by_the_stores_filter_agrees(
    assistant: Assistant, monkeypatch: pytest.MonkeyPatch, question: str, filters: Filters
) -> None:
    held = assistant.ask(question, filters).to_json()
    assert assistant.retriever.held is not None and held["citations"]
    store_only = Assistant(
        assistant.settings.model_copy(update={"held_vectors": 0}), embedder=assistant.embedder
    )
    assert store_only.retriever.held is None
    assert store_only.ask(question, filters).to_json() == held  # vectors fetched by id
    monkeypatch.setattr("assistant.search.retrieval.EXACT_LIMIT", 0)  # always the store's filter
    assert store_only.ask(question, filters).to_json() == held


def test_vectors_are_fetched_by_id(store: VectorStore) -> None:
    ids, vectors = _fill(store)
    found, rows = store.vectors([ids[5], "nope", ids[2]])
    assert sorted(found) == sorted([ids[5], ids[2]])
    for cid, row in zip(found, rows, strict=True):
        assert np.allclose(row, vectors[ids.index(cid)], atol=1e-5)


@requires_chroma
def test_answering_from_a_chroma_store_does_not_import_llama_index(tmp_path: Path) -> None:
    """Queries ask the collection for ids and distances only; llama-index (some 50 MB) is imported by
    the first write, which a serving process never makes."""
    import subprocess
    import sys

    writer = ChromaStore.open(tmp_path, "chunks")
    writer.add(["d1:1:0", "d1:1:1"], np.eye(2, 4, dtype=np.float32), [{"doc_id": "d1"}, {"doc_id": "d1"}])
    script = (
        "import sys; from pathlib import Path; import numpy as np; "
        "from assistant.search.store import ChromaStore; "
        f"store = ChromaStore.open(Path({str(tmp_path)!r}), 'chunks'); "
        "print(store.query(np.array([1, 0, 0, 0], dtype=np.float32), 1)); "
        "print(any(m.startswith('llama_index') for m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    found, imported = run.stdout.strip().splitlines()[-2:]
    assert found.startswith("[('d1:1:0', 1.0") and imported == "False", run.stdout + run.stderr

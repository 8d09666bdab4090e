"""BM25 in segments: the same scores as bm25s over the live chunks, updated one ingest at a time."""

import itertools
import random
import sqlite3
from contextlib import closing
from pathlib import Path

import bm25s
import numpy as np
import pytest
from fakes import FakeEmbedder
from legacy_index import write_legacy, write_whole_records

from assistant import Assistant, Settings
from assistant.evaluation.lookalikes import generate
from assistant.index import LEXICAL
from assistant.records import DATABASE, LEGACY
from assistant.search.lexical import LexicalIndex, Segment, merge, plan_merges, tokens
from assistant.text import terms

QUERIES = [
    "talent subsidy yuan graduates",
    "liaison station overseas Chinese",
    "card card exclusive services",  # a repeated term counts twice, as in bm25s
    "zzzz-never-seen talent",
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """Paragraphs of look-alike articles, and one chunk with no terms at all."""
    paragraphs = [p for _, text in generate(120, seed=3) for p in text.split("\n\n") if p.strip()]
    return [*paragraphs, "— … —"]


def _ids(n: int) -> list[str]:
    return [f"c{i}" for i in range(n)]


def _by_id(index: LexicalIndex, query: str) -> dict[str, float]:
    return dict(zip(index.chunk_ids, index.scores(terms(query)).tolist(), strict=True))


@pytest.mark.parametrize("query", QUERIES)
def test_scores_equal_bm25s(texts: list[str], query: str) -> None:
    reference = bm25s.BM25()
    reference.index([tokens(t) for t in texts], show_progress=False)
    ours = LexicalIndex.build(_ids(len(texts)), texts)
    known = [t for t in terms(query) if t in reference.vocab_dict]
    assert ours.known(terms(query)) == known
    expected = np.asarray(reference.get_scores(known))
    assert np.allclose(ours.scores(terms(query)), expected, rtol=1e-5, atol=1e-6)
    assert expected.max() > 0 or not known


def test_segments_with_replaced_and_removed_chunks_score_like_a_fresh_index(texts: list[str]) -> None:
    ids = _ids(len(texts))
    rng = random.Random(0)
    segments = [
        Segment.build(f"s{start}", ids[start : start + 50], [tokens(t) for t in texts[start : start + 50]])
        for start in range(0, len(ids), 50)
    ]
    live = set(rng.sample(ids, len(ids) // 2))
    again = rng.sample(sorted(live), 15)  # indexed again by a later ingest
    segments.append(Segment.build("later", again, [tokens(texts[int(c[1:])]) for c in again]))
    index = LexicalIndex(segments, live)
    order = [c for c in ids if c in live]
    fresh = LexicalIndex.build(order, [texts[int(c[1:])] for c in order])
    assert sorted(index.chunk_ids) == sorted(order)
    for query in QUERIES:
        ours, expected = _by_id(index, query), _by_id(fresh, query)
        assert ours == pytest.approx(expected, rel=1e-5, abs=1e-6)
    for term in ("talent", "subsidi", "zzzz"):
        assert index.document_frequency(term) == fresh.document_frequency(term)
    merged = LexicalIndex([merge(index, list(range(len(segments))), "merged")], live)
    assert len(merged.segments[0].chunk_ids) == len(order)
    for query in QUERIES:
        assert _by_id(merged, query) == pytest.approx(_by_id(fresh, query), rel=1e-5, abs=1e-6)


def test_adding_a_segment_of_new_chunks_equals_opening_all_segments(texts: list[str]) -> None:
    ids = _ids(len(texts))
    live = set(random.Random(1).sample(ids[:100], 70)) | set(ids[100:])
    old = [Segment.build("old", ids[:100], [tokens(t) for t in texts[:100]])]
    new = Segment.build("new", ids[100:], [tokens(t) for t in texts[100:]])
    added = LexicalIndex(old, live).adding(new)
    opened = LexicalIndex([*old, new], live)
    assert added.chunk_ids == opened.chunk_ids
    for query in QUERIES:
        assert _by_id(added, query) == _by_id(opened, query)  # the same statistics, to the bit
    assert added.document_frequency("talent") == opened.document_frequency("talent")


def test_saved_segments_are_read_back_memory_mapped(texts: list[str], tmp_path: Path) -> None:
    segment = Segment.build("seg-1", _ids(len(texts)), [tokens(t) for t in texts])
    segment.save(tmp_path)
    loaded = LexicalIndex.open(tmp_path, ["seg-1"], set(_ids(len(texts))))
    rows = loaded.segments[0].rows
    assert isinstance(rows.base, np.memmap) and not rows.flags.owndata  # mapped, not read in
    assert _by_id(loaded, QUERIES[0]) == _by_id(LexicalIndex([segment]), QUERIES[0])
    assert not list(tmp_path.glob(".*"))  # no temporary folder left behind


def test_merges_keep_the_number_of_segments_logarithmic(texts: list[str]) -> None:
    ids = _ids(len(texts))
    segments: list[Segment] = []
    for start in range(0, len(ids), 10):  # many small ingests
        segments.append(
            Segment.build(
                f"s{start}", ids[start : start + 10], [tokens(t) for t in texts[start : start + 10]]
            )
        )
        index = LexicalIndex(segments)
        for group in reversed(plan_merges(index)):
            segments[group[0] : group[-1] + 1] = [merge(index, group, f"m{start}-{group[0]}")]
        sizes = [len(s.chunk_ids) for s in segments]
        assert all(older > 2 * newer for older, newer in itertools.pairwise(sizes))
    assert sum(len(s.chunk_ids) for s in segments) == len(ids)
    assert len(segments) <= int(np.log2(len(ids))) + 1


def test_a_mostly_replaced_segment_is_compacted(texts: list[str]) -> None:
    ids = _ids(200)
    index = LexicalIndex([Segment.build("big", ids, [tokens(t) for t in texts[:200]])], set(ids[:80]))
    assert plan_merges(index) == [[0]]
    assert merge(index, [0], "compact").chunk_ids == ids[:80]


def _segment_ids(assistant: Assistant) -> dict[str, list[str]]:
    folder = assistant.index.folder / LEXICAL
    snapshot = assistant.index.snapshot()
    return {name: Segment.load(folder, name).chunk_ids for name in snapshot.lexical}


def test_an_ingest_indexes_only_the_chunks_it_added(settings: Settings, data_dir: Path) -> None:
    corpus = data_dir / "corpus"
    for i, (_name, text) in enumerate(generate(40, seed=5)):
        (corpus / f"extra_{i:02d}.txt").write_text(text, encoding="utf-8")
    assistant = Assistant(settings, embedder=FakeEmbedder())
    assistant.ingest()
    first = _segment_ids(assistant)
    assert len(first) == 1
    pine = corpus / "pine_county.txt"
    pine.write_text(pine.read_text(encoding="utf-8") + "\nPine County pays a rent subsidy of 800 yuan.\n")
    assistant.ingest()
    second = _segment_ids(assistant)
    new = {name: ids for name, ids in second.items() if name not in first}
    pine_chunks = next(a for a in assistant.index.snapshot().articles.values() if "pine" in a.path).chunks
    # The big segment is kept as written; the new one holds the changed article's chunks only.
    assert set(first) <= set(second)
    assert list(new.values()) == [[c.id for c in pine_chunks]]
    assert "800 yuan" in assistant.ask("How much is the rent subsidy in Pine County?").answer
    # Scores equal a BM25 rebuilt from scratch over what the snapshot serves.
    served = assistant.index.lexical(assistant.index.snapshot())
    fresh = LexicalIndex.build(*assistant.index.snapshot().chunk_texts())
    assert _by_id(served, "rent subsidy engineers") == pytest.approx(_by_id(fresh, "rent subsidy engineers"))
    # Segment folders that nothing serves are gone.
    on_disk = {p.name for p in (assistant.index.folder / LEXICAL).iterdir()}
    assert on_disk == set(second)


def test_an_index_from_before_segments_is_served_and_then_rewritten(assistant: Assistant) -> None:
    index = assistant.index
    snapshot = index.snapshot()
    snapshot.lexical = []  # as written by a version with one BM25 folder, before index.db
    write_legacy(index.folder, snapshot)
    again = Assistant(assistant.settings, embedder=FakeEmbedder())
    assert "1,500 yuan" in again.ask("What housing subsidy do engineers get in Harbor City?").answer
    version = again.index.version()
    report = again.ingest()  # copies the records into index.db and writes the missing segment
    assert report.chunks_embedded == 0 and len(report.unchanged) == len(snapshot.articles)
    assert sum(len(ids) for ids in _segment_ids(again).values()) == len(snapshot.chunk_ids())
    assert not (index.folder / LEGACY).exists() and again.index.version() != version
    assert again.index.snapshot().articles == snapshot.articles


def test_an_index_of_whole_records_is_served_and_then_split(assistant: Assistant) -> None:
    index = assistant.index
    before = index.snapshot()
    expected = dict(before.articles)
    write_whole_records(index.folder)  # as the version before listings and bodies wrote index.db
    again = Assistant(assistant.settings, embedder=FakeEmbedder())
    assert "1,500 yuan" in again.ask("What housing subsidy do engineers get in Harbor City?").answer
    report = again.ingest()  # splits the records into listings and bodies, in the ingest's commit
    assert report.chunks_embedded == 0 and len(report.unchanged) == len(expected)
    with closing(sqlite3.connect(index.folder / DATABASE)) as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"listings", "bodies", "state"}
    assert dict(again.index.snapshot().articles) == expected


def test_building_in_blocks_gives_the_same_postings(
    texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = Segment.build("whole", _ids(len(texts)), [tokens(t) for t in texts])
    monkeypatch.setattr("assistant.search.lexical._BLOCK", 100)  # a block every few chunks
    blocks = Segment.build("blocks", _ids(len(texts)), [tokens(t) for t in texts])
    assert whole.vocab == blocks.vocab
    for key in ("indptr", "rows", "tfs", "lengths"):
        assert np.array_equal(getattr(whole, key), getattr(blocks, key))

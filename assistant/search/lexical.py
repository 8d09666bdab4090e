"""The lexical side of retrieval: BM25 over the same chunks, in immutable segments on disk.

An ingest writes one new segment holding only the chunks it added; the snapshot names the
segments it serves and which chunk ids are live, so a replaced or removed chunk is simply not
counted. Small segments are merged from their stored postings (never re-tokenized), keeping
their number logarithmic in the corpus. Postings are memory-mapped: worker processes share them
through the page cache instead of each holding a copy. Scores are computed at query time with the
statistics of the live chunks only, so they equal a BM25 index rebuilt from scratch.
"""

from __future__ import annotations

import copy
import json
import math
import os
import secrets
import shutil
from array import array
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from pathlib import Path

import numpy as np

from assistant.text import terms

# bm25s's defaults (its Lucene variant), with which retrieval was tuned.
K1 = 1.5
B = 0.75
_ARRAYS = ("indptr", "rows", "tfs", "lengths")
_BLOCK = 4_000_000  # tokens counted at once while building a segment


def tokens(text: str) -> list[str]:
    """The terms BM25 indexes for a chunk; an empty chunk still counts as one (empty) term."""
    return terms(text) or [""]


@dataclass(frozen=True)
class Segment:
    """A batch of chunks: each term's postings (chunk rows and term frequencies), column-wise."""

    name: str
    chunk_ids: list[str]
    vocab: dict[str, int]  # term -> column
    indptr: np.ndarray  # int64, len(vocab) + 1: column c spans rows[indptr[c]:indptr[c + 1]]
    rows: np.ndarray  # int32 row of each posting
    tfs: np.ndarray  # float32 term frequency of each posting
    lengths: np.ndarray  # float32 terms in each chunk

    @classmethod
    def build(cls, name: str, chunk_ids: Sequence[str], token_lists: Iterable[Sequence[str]]) -> Segment:
        """Postings of tokenized chunks, one token list per chunk id."""
        vocab: dict[str, int] = {}
        lengths = array("i")
        blocks: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        term_ids, rows = array("i"), array("i")
        for row, toks in enumerate(token_lists):
            lengths.append(len(toks))
            term_ids.extend([vocab.setdefault(t, len(vocab)) for t in toks])
            rows.extend([row] * len(toks))
            if len(term_ids) >= _BLOCK:  # count a block at a time: memory stays near the postings
                blocks.append(_count(term_ids, rows, len(chunk_ids)))
                term_ids, rows = array("i"), array("i")
        blocks.append(_count(term_ids, rows, len(chunk_ids)))
        if len(lengths) != len(chunk_ids):
            raise ValueError("one token list per chunk id")
        cols, rows_, tfs = (np.concatenate(parts) for parts in zip(*blocks, strict=True))
        return cls._from_postings(name, list(chunk_ids), list(vocab), cols, rows_, tfs, np.asarray(lengths))

    @classmethod
    def _from_postings(
        cls,
        name: str,
        chunk_ids: list[str],
        vocab_terms: list[str],
        cols: np.ndarray,
        rows: np.ndarray,
        tfs: np.ndarray,
        lengths: np.ndarray,
    ) -> Segment:
        """CSC postings from (column, row, term frequency) triples; repeated pairs are summed."""
        n_rows = max(len(chunk_ids), 1)
        keys = cols.astype(np.int64) * n_rows + rows
        order = np.argsort(keys, kind="stable")
        keys, tf = keys[order], np.asarray(tfs, dtype=np.float32)[order]
        del order
        if len(keys) > 1 and bool(np.any(keys[1:] == keys[:-1])):
            keys, inverse = np.unique(keys, return_inverse=True)
            tf = np.bincount(inverse, weights=tf, minlength=len(keys)).astype(np.float32)
        indptr = np.zeros(len(vocab_terms) + 1, dtype=np.int64)
        np.cumsum(np.bincount(keys // n_rows, minlength=len(vocab_terms)), out=indptr[1:])
        return cls(
            name=name,
            chunk_ids=chunk_ids,
            vocab={t: i for i, t in enumerate(vocab_terms)},
            indptr=indptr,
            rows=(keys % n_rows).astype(np.int32),
            tfs=tf,
            lengths=np.asarray(lengths, dtype=np.float32),
        )

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(rows, term frequencies) of the chunks holding term."""
        col = self.vocab.get(term)
        if col is None:
            return _NO_ROWS, _NO_TFS
        start, end = int(self.indptr[col]), int(self.indptr[col + 1])
        return self.rows[start:end], self.tfs[start:end]

    def save(self, parent: Path) -> None:
        """Write into parent/name atomically: the folder appears complete or not at all."""
        tmp = parent / f".{self.name}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        vocab_terms = sorted(self.vocab, key=self.vocab.__getitem__)
        _write(tmp / "chunk_ids.json", json.dumps(self.chunk_ids).encode())
        _write(tmp / "terms.json", json.dumps(vocab_terms, ensure_ascii=False).encode())
        for key in _ARRAYS:
            with (tmp / f"{key}.npy").open("wb") as fh:
                np.save(fh, getattr(self, key))
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, parent / self.name)
        _fsync_dir(parent)

    @classmethod
    def load(cls, parent: Path, name: str) -> Segment:
        """A saved segment; its arrays are memory-mapped, not read in. Each is kept as a plain
        ndarray view of its map: slicing an np.memmap runs Python code for every slice, which was
        40% of a question's BM25 time."""
        folder = parent / name
        vocab_terms = json.loads((folder / "terms.json").read_text(encoding="utf-8"))
        arrays = {
            key: np.load(folder / f"{key}.npy", mmap_mode="r").view(np.ndarray) for key in _ARRAYS
        }
        return cls(
            name=name,
            chunk_ids=json.loads((folder / "chunk_ids.json").read_text(encoding="utf-8")),
            vocab={t: i for i, t in enumerate(vocab_terms)},
            **arrays,
        )


def _count(term_ids: array[int], rows: array[int], n_rows: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(column, row, term frequency) of each distinct (term, chunk) pair in a block of tokens."""
    keys = np.frombuffer(term_ids, dtype=np.int32).astype(np.int64) * max(n_rows, 1)
    keys += np.frombuffer(rows, dtype=np.int32)
    keys, counts = np.unique(keys, return_counts=True)
    return keys // max(n_rows, 1), keys % max(n_rows, 1), counts.astype(np.float32)


_NO_ROWS = np.zeros(0, dtype=np.int32)
_NO_TFS = np.zeros(0, dtype=np.float32)


def _write(path: Path, data: bytes) -> None:
    with path.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def new_segment_name(generation: int) -> str:
    """A fresh segment name: the generation that wrote it, and a token against any leftover."""
    return f"seg-{generation:06d}-{secrets.token_hex(3)}"


class LexicalIndex:
    """BM25 over the live chunks of a list of segments, addressed by chunk id."""

    def __init__(self, segments: Sequence[Segment], live: Collection[str] | None = None) -> None:
        self.segments = list(segments)
        # A chunk id counts once, in the newest segment holding it, and only while it is live.
        # Vectorised over every row of every segment: 432k chunks in a tenth of a second.
        ids = [cid for seg in self.segments for cid in seg.chunk_ids]
        newest = {cid: k for k, cid in enumerate(ids)}  # a later (newer) row overwrites an older one
        if len(newest) == len(ids):  # no id in two segments: the usual case
            counted = (cid in live for cid in ids) if live is not None else (True for _ in ids)
        else:
            counted = (newest[cid] == k and (live is None or cid in live) for k, cid in enumerate(ids))
        keep = np.fromiter(counted, dtype=bool, count=len(ids))
        flat = np.cumsum(keep, dtype=np.int64) - 1
        flat[~keep] = -1
        bounds = np.cumsum([0, *(len(seg.chunk_ids) for seg in self.segments)])
        self._positions = [flat[bounds[s] : bounds[s + 1]] for s in range(len(self.segments))]
        self.chunk_ids: list[str] = list(compress(ids, keep))
        total_length = sum(
            float(np.asarray(seg.lengths)[keep[bounds[s] : bounds[s + 1]]].sum(dtype=np.float64))
            for s, seg in enumerate(self.segments)
        )
        self._total_length = total_length
        self._avgdl = total_length / max(len(self.chunk_ids), 1)
        self._df = lru_cache(maxsize=100_000)(self._count)

    def adding(self, segment: Segment) -> LexicalIndex:
        """This index with one more segment, of chunks it does not count (an ingest's new ones):
        what it counted keeps its place, so this costs the new chunks only."""
        index = copy.copy(self)
        index.segments = [*self.segments, segment]
        start = len(self.chunk_ids)
        index._positions = [*self._positions, np.arange(start, start + len(segment.chunk_ids))]
        index.chunk_ids = [*self.chunk_ids, *segment.chunk_ids]
        index._total_length = self._total_length + float(np.asarray(segment.lengths).sum(dtype=np.float64))
        index._avgdl = index._total_length / max(len(index.chunk_ids), 1)
        index._df = lru_cache(maxsize=100_000)(index._count)
        return index

    @classmethod
    def build(cls, chunk_ids: Sequence[str], texts: Sequence[str]) -> LexicalIndex:
        """An index in memory over texts (one per chunk id)."""
        return cls([Segment.build("memory", chunk_ids, (tokens(t) for t in texts))])

    @classmethod
    def open(cls, folder: Path, names: Sequence[str], live: Collection[str]) -> LexicalIndex:
        """The saved segments under folder, counting only live chunk ids."""
        return cls([Segment.load(folder, name) for name in names], live)

    def owned_rows(self, segment: int) -> np.ndarray:
        """The rows of a segment that this index counts."""
        return np.flatnonzero(self._positions[segment] >= 0)

    def _postings(self, term: str) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """(positions, tfs, chunk lengths) of the live chunks holding term, segment by segment."""
        found = []
        for seg, positions in zip(self.segments, self._positions, strict=True):
            rows, tfs = seg.postings(term)
            if not len(rows):
                continue
            pos = positions[rows]
            keep = pos >= 0
            found.append((pos[keep], np.asarray(tfs[keep]), np.asarray(seg.lengths[rows[keep]])))
        return found

    def holding(self, term: str) -> np.ndarray:
        """The positions (in chunk_ids) of the live chunks holding term."""
        found = [positions for positions, _, _ in self._postings(term)]
        return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)

    def _count(self, term: str) -> int:
        return sum(len(p) for p, _, _ in self._postings(term))

    def document_frequency(self, term: str) -> int:
        """How many live chunks contain the term."""
        return int(self._df(term))

    def known(self, query_terms: Sequence[str]) -> list[str]:
        """The query terms that occur somewhere in the corpus."""
        return [t for t in query_terms if self.document_frequency(t) > 0]

    def scores(self, query_terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every chunk, in chunk_ids order (a repeated term counts again)."""
        out = np.zeros(len(self.chunk_ids), dtype=np.float32)
        n = len(self.chunk_ids)
        for term in query_terms:
            found = self._postings(term)
            df = sum(len(p) for p, _, _ in found)
            if not df:
                continue
            idf = math.log(1.0 + (n - df + 0.5) / (df + 0.5))
            for positions, tfs, lengths in found:
                norm = K1 * ((1.0 - B) + B * lengths / self._avgdl)
                out[positions] += (idf * tfs / (tfs + norm)).astype(np.float32)
        return out

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
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.chunk_ids[i], float(scores[i])) for i in top if scores[i] > 0]


def merge(index: LexicalIndex, picked: Sequence[int], name: str) -> Segment:
    """One segment holding the counted chunks of the picked segments, from their stored postings."""
    vocab: dict[str, int] = {}
    chunk_ids: list[str] = []
    lengths: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    rows: list[np.ndarray] = []
    tfs: list[np.ndarray] = []
    for s in picked:
        seg = index.segments[s]
        owned = index.owned_rows(s)
        new_row = np.full(len(seg.chunk_ids), -1, dtype=np.int64)
        new_row[owned] = np.arange(len(chunk_ids), len(chunk_ids) + len(owned))
        chunk_ids.extend(seg.chunk_ids[i] for i in owned)
        lengths.append(np.asarray(seg.lengths)[owned])
        terms_in_order = sorted(seg.vocab, key=seg.vocab.__getitem__)
        col_map = np.array([vocab.setdefault(t, len(vocab)) for t in terms_in_order], dtype=np.int64)
        seg_cols = np.repeat(np.arange(len(terms_in_order)), np.diff(np.asarray(seg.indptr)))
        mapped = new_row[np.asarray(seg.rows)]
        keep = mapped >= 0
        cols.append(col_map[seg_cols[keep]] if len(col_map) else seg_cols[keep])
        rows.append(mapped[keep])
        tfs.append(np.asarray(seg.tfs)[keep])
    # Drop terms that only dead chunks held.
    all_cols = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    used = np.unique(all_cols)
    remap = np.full(len(vocab), -1, dtype=np.int64)
    remap[used] = np.arange(len(used))
    vocab_terms = sorted(vocab, key=vocab.__getitem__)
    return Segment._from_postings(
        name,
        chunk_ids,
        [vocab_terms[i] for i in used],
        remap[all_cols],
        np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64),
        np.concatenate(tfs) if tfs else np.zeros(0, dtype=np.float32),
        np.concatenate(lengths) if lengths else np.zeros(0, dtype=np.float32),
    )


def plan_merges(index: LexicalIndex) -> list[list[int]]:
    """Which runs of adjacent segments to merge: the newest while it is at least half the size of
    the one before (sizes then halve from old to new, so there are about log2(chunks) segments),
    and any segment whose chunks are mostly replaced or removed, on its own."""
    sizes = [len(index.owned_rows(s)) for s in range(len(index.segments))]
    groups = [[s] for s in range(len(index.segments))]
    group_sizes = list(sizes)
    while len(groups) >= 2 and group_sizes[-1] * 2 >= group_sizes[-2]:
        last, size = groups.pop(), group_sizes.pop()
        groups[-1].extend(last)
        group_sizes[-1] += size
    plan = []
    for group in groups:
        rows = sum(len(index.segments[s].chunk_ids) for s in group)
        counted = sum(sizes[s] for s in group)
        if len(group) > 1 or counted * 2 < rows:
            plan.append(group)
    return plan

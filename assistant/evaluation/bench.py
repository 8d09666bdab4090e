"""Benchmarks: ingest against the raw encoder, re-ingest, warm query latency and memory, by corpus size.

Each size runs in a child process of its own, so its peak memory is its own; with a burner, once more
beside processes that keep other cores busy, as on a shared server. Numbers, not pass/fail.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import random
import resource
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.core import Assistant
from assistant.evaluation.burner import burning
from assistant.evaluation.cases import load_cases
from assistant.evaluation.scoring import percentile
from assistant.evaluation.workspace import prepare
from assistant.search.embeddings import Embedder, load_embedder
from assistant.settings import Settings

EMBEDDERS = ("model", "hash")
CHANGED_NOTE = "\nA new paragraph about talent, added by the benchmark to measure a re-ingest.\n"


class HashEmbedder:
    """Benchmark-only: hashes terms into 384 buckets. Vectors carry no meaning; it costs next to nothing,
    so a large index can be built to time the store, BM25 and answering at that size."""

    name = "bench-hash-384"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """A normalised bag of hashed words per text."""
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                out[row, int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest()) % 384] += 1
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
        return out


@dataclass(frozen=True)
class BenchSpec:
    """One size to measure."""

    size: int
    work: Path
    questions: Path
    corpus: Path  # the seed articles the look-alikes are added to
    settings: dict[str, Any]  # Settings fields other than the folders
    embedder: str = "model"
    encode_sample: int = 4000
    seed: int = 0
    burner: int = 0  # processes spinning on other cores while this size is measured


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # Linux: kilobytes


def _ms(values: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(1000 * percentile(values, 0.5), 1),
        "p95_ms": round(1000 * percentile(values, 0.95), 1),
    }


def measure(spec: BenchSpec) -> dict[str, Any]:
    """Measure one size in this process (bench() runs it in a child)."""
    # The machine may be shared: the load beside each run says how far to trust its timings.
    out: dict[str, Any] = {"documents": spec.size, "embedder": spec.embedder, "burner": spec.burner}
    out["load_before"] = os.getloadavg()[0]
    folder = spec.work / f"bench-{spec.size}"
    started = time.perf_counter()
    data = prepare(folder, spec.corpus, spec.size, spec.seed)
    out["articles_total"] = sum(1 for p in (data / "corpus").rglob("*.txt"))
    out["generate_s"] = round(time.perf_counter() - started, 1)
    index_dir = folder / "index-fresh"
    shutil.rmtree(index_dir, ignore_errors=True)  # every run times a full ingest from nothing
    settings = Settings(**{**spec.settings, "data_dir": data, "corpus_dir": None, "index_dir": index_dir})
    real = spec.embedder == "model"
    embedder: Embedder = (
        load_embedder(settings)
        if real
        else HashEmbedder()
    )
    embedder.embed(["warm up the model"])
    if real:
        out["encoder"] = embedder.name  # the model and its backend
    assistant = Assistant(settings, embedder=embedder)

    started = time.perf_counter()
    report = assistant.ingest()
    seconds = time.perf_counter() - started
    out["ingest"] = {
        "seconds": round(seconds, 1),
        "chunks": report.chunks_embedded,
        "chunks_per_s": round(report.chunks_embedded / seconds, 1),
    }
    if real:
        # The very texts the ingest embedded, encoded again by sentence-transformers alone.
        _, texts = assistant.index.snapshot().chunk_texts()
        sample = random.Random(spec.seed).sample(texts, min(spec.encode_sample, len(texts)))
        started = time.perf_counter()
        embedder.embed(sample)
        encode = time.perf_counter() - started
        rate = len(sample) / encode
        out["raw_encode"] = {
            "chunks": len(sample),
            "seconds": round(encode, 1),
            "chunks_per_s": round(rate, 1),
        }
        # Ingest time over encode time for the same number of chunks: what reading, cleaning,
        # chunking, the store and BM25 add to the model's own work.
        out["ingest_over_raw_encode_time"] = round(rate / out["ingest"]["chunks_per_s"], 2)

    questions = [case.turns for case in load_cases(spec.questions)]
    assistant.ask(questions[0])  # warm: snapshot, BM25 and model loaded, as in a running app
    latencies = []
    for turns in questions:
        started = time.perf_counter()
        assistant.ask(turns)
        latencies.append(time.perf_counter() - started)
    out["query"] = {"questions": len(questions), **_ms(latencies)}
    if real:
        encodes = []
        for turns in questions:
            started = time.perf_counter()
            embedder.embed([turns[-1]])
            encodes.append(time.perf_counter() - started)
        out["query_encode"] = _ms(encodes)
    # Last, so the questions above ran on the articles as generated; index-fresh is rebuilt next run.
    changed = data / "corpus" / sorted(p.name for p in (data / "corpus").glob("*.txt"))[0]
    original = changed.read_bytes()
    changed.write_bytes(original + CHANGED_NOTE.encode())
    try:
        started = time.perf_counter()
        again = assistant.ingest()
        out["reingest_one_changed"] = {
            "seconds": round(time.perf_counter() - started, 2),
            "chunks_embedded": again.chunks_embedded,
            "updated": len(again.updated),
        }
    finally:
        changed.write_bytes(original)

    out["peak_rss_mb"] = _peak_rss_mb()
    out["load_after"] = os.getloadavg()[0]
    return out


def bench(specs: list[BenchSpec]) -> list[dict[str, Any]]:
    """Measure each size in a fresh child process, one after another; a spec with a burner runs beside
    that many spinning processes, started before its child and stopped after."""
    results = []
    context = multiprocessing.get_context("spawn")
    for spec in specs:
        beside = f", {spec.burner} burner process(es) beside it" if spec.burner else ""
        print(f"bench: {spec.size} look-alike documents ({spec.embedder} embedder{beside})", file=sys.stderr)
        with burning(spec.burner), context.Pool(1) as pool:
            results.append(pool.apply(measure, (spec,)))
    return results


def table(results: list[dict[str, Any]]) -> str:
    """The results as a Markdown table, ratios beside absolute times."""
    lines = [
        "| documents | embedder | burner | chunks | ingest s | ingest chunks/s | raw encode chunks/s "
        "| ingest/raw time | re-ingest 1 changed s (chunks) | query p50 ms | query p95 ms "
        "| query encode p50 ms | peak RSS MB | load avg before/after |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        raw = r.get("raw_encode", {})
        encode = r.get("query_encode", {})
        lines.append(
            f"| {r['articles_total']:,} | {r.get('encoder', r['embedder'])} | {r.get('burner', 0)} "
            f"| {r['ingest']['chunks']:,} "
            f"| {r['ingest']['seconds']} "
            f"| {r['ingest']['chunks_per_s']} | {raw.get('chunks_per_s', '-')} "
            f"| {r.get('ingest_over_raw_encode_time', '-')}x "
            f"| {r['reingest_one_changed']['seconds']} ({r['reingest_one_changed']['chunks_embedded']}) "
            f"| {r['query']['p50_ms']} | {r['query']['p95_ms']} | {encode.get('p50_ms', '-')} "
            f"| {r['peak_rss_mb']} | {r['load_before']:.1f}/{r['load_after']:.1f} |"
        )
    return "\n".join(lines)

"""Benchmarks: ingest against the raw encoder, re-ingest, warm query latency and memory, by corpus size;
then, as a restarted app, the first answer and the memory of a fresh serving process.

Each size runs in a child process of its own, so its peak memory is its own; with a burner, once more
beside processes that keep other cores busy, as on a shared server; with store "server", on a Chroma
server the bench starts. Numbers, not pass/fail.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.core import Assistant
from assistant.evaluation.burner import burning
from assistant.evaluation.cases import load_cases
from assistant.evaluation.processes import chroma_server, in_child, memory_mb
from assistant.evaluation.scoring import percentile
from assistant.evaluation.workspace import prepare
from assistant.index import LEXICAL
from assistant.records import DATABASE
from assistant.search.embeddings import Embedder, load_embedder
from assistant.search.hashing import HashEmbedder
from assistant.settings import Settings

EMBEDDERS = ("model", "hash")
CHANGED_NOTE = "\nA new paragraph about talent, added by the benchmark to measure a re-ingest.\n"


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
    store: str = "embedded"  # or "server": a `chroma run` the bench starts
    reuse_index: bool = False  # serve the index an earlier run left, instead of building it again


def _embedder(kind: str, settings: Settings) -> Embedder:
    """The model the settings name, or (hash) the hash embedder: it costs next to nothing, so a large
    index can be built to time the store, BM25 and answering at that size."""
    return load_embedder(settings) if kind == "model" else HashEmbedder()


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # Linux: kilobytes


def _size_mb(path: Path) -> float:
    files = [path] if path.is_file() else list(path.rglob("*")) if path.exists() else []
    return round(sum(p.stat().st_size for p in files if p.is_file()) / 2**20, 1)


def _ms(values: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(1000 * percentile(values, 0.5), 1),
        "p95_ms": round(1000 * percentile(values, 0.95), 1),
    }


def measure(spec: BenchSpec) -> dict[str, Any]:
    """Measure one size in this process (bench() runs it in a child), on the store it names."""
    if spec.store != "server":
        return _measure(spec, None)
    folder = spec.work / f"bench-{spec.size}" / "chroma-server"
    if not spec.reuse_index:
        shutil.rmtree(folder, ignore_errors=True)
    with chroma_server(folder) as (url, server):
        out = _measure(spec, url)
        out["chroma_server"] = memory_mb(server.pid)
    return out


def _measure(spec: BenchSpec, chroma_url: str | None) -> dict[str, Any]:
    # The machine may be shared: the load beside each run says how far to trust its timings.
    out: dict[str, Any] = {
        "documents": spec.size,
        "embedder": spec.embedder,
        "burner": spec.burner,
        "store": spec.store,
    }
    out["load_before"] = os.getloadavg()[0]
    folder = spec.work / f"bench-{spec.size}"
    started = time.perf_counter()
    data = prepare(folder, spec.corpus, spec.size, spec.seed)
    out["articles_total"] = sum(1 for p in (data / "corpus").rglob("*.txt"))
    out["generate_s"] = round(time.perf_counter() - started, 1)
    index_dir = folder / "index-fresh"
    out["reused_index"] = spec.reuse_index and index_dir.is_dir()
    if not out["reused_index"]:
        shutil.rmtree(index_dir, ignore_errors=True)  # every run times a full ingest from nothing
    fields = {**spec.settings, "data_dir": data, "corpus_dir": None, "index_dir": index_dir}
    settings = Settings(**{**fields, "chroma_url": chroma_url})
    real = spec.embedder == "model"
    embedder = _embedder(spec.embedder, settings)
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
        "articles_per_s": round(out["articles_total"] / seconds, 1),
    }
    vectors = index_dir / "chroma" if chroma_url is None else folder / "chroma-server"
    out["disk_mb"] = {
        "records": _size_mb(assistant.index.folder / DATABASE),
        "bm25_segments": _size_mb(assistant.index.folder / LEXICAL),
        "vectors": _size_mb(vectors),
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
        out["peak_rss_mb"] = _peak_rss_mb()
        out["fresh"] = in_child(serve_fresh, settings, spec.embedder, questions)
    finally:
        changed.write_bytes(original)
    out["load_after"] = os.getloadavg()[0]
    return out


def serve_fresh(settings: Settings, embedder: str, questions: list[list[str]]) -> dict[str, Any]:
    """As a restarted app, in a fresh process: the time from loading the embedder to the first answer
    (embedder, records, BM25 and vectors loaded on the way), then this process's memory once every
    question has been answered."""
    started = time.perf_counter()
    assistant = Assistant(settings, embedder=_embedder(embedder, settings))
    assistant.ask(questions[0])
    first = time.perf_counter() - started
    for turns in questions:
        assistant.ask(turns)
    return {"first_answer_s": round(first, 2), **memory_mb()}


def bench(specs: list[BenchSpec]) -> list[dict[str, Any]]:
    """Measure each size in a fresh child process, one after another; a spec with a burner runs beside
    that many spinning processes, started before its child and stopped after."""
    results = []
    for spec in specs:
        beside = f", {spec.burner} burner process(es) beside it" if spec.burner else ""
        print(
            f"bench: {spec.size} look-alike documents ({spec.embedder} embedder, {spec.store} store{beside})",
            file=sys.stderr,
        )
        with burning(spec.burner):
            results.append(in_child(measure, spec))
    return results


def table(results: list[dict[str, Any]]) -> str:
    """The results as a Markdown table, ratios beside absolute times."""
    lines = [
        "| documents | embedder | store | burner | chunks | ingest s | ingest chunks/s (articles/s) "
        "| raw encode chunks/s | ingest/raw time | re-ingest 1 changed s (chunks) | query p50 ms "
        "| query p95 ms | query encode p50 ms | peak RSS MB | fresh: first answer s | fresh: peak RSS MB "
        "| disk MB records/BM25/vectors | load avg before/after |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in results:
        raw = r.get("raw_encode", {})
        encode = r.get("query_encode", {})
        disk = r["disk_mb"]
        lines.append(
            f"| {r['articles_total']:,} | {r.get('encoder', r['embedder'])} | {r['store']} | {r['burner']} "
            f"| {r['ingest']['chunks']:,} "
            f"| {r['ingest']['seconds']} "
            f"| {r['ingest']['chunks_per_s']} ({r['ingest']['articles_per_s']}) "
            f"| {raw.get('chunks_per_s', '-')} "
            f"| {r.get('ingest_over_raw_encode_time', '-')}x "
            f"| {r['reingest_one_changed']['seconds']} ({r['reingest_one_changed']['chunks_embedded']}) "
            f"| {r['query']['p50_ms']} | {r['query']['p95_ms']} | {encode.get('p50_ms', '-')} "
            f"| {r['peak_rss_mb']} | {r['fresh']['first_answer_s']} | {r['fresh']['peak_rss_mb']} "
            f"| {disk['records']}/{disk['bm25_segments']}/{disk['vectors']} "
            f"| {r['load_before']:.1f}/{r['load_after']:.1f} |"
        )
    return "\n".join(lines)

"""Scale benchmark: ingest and serve N look-alike articles, embedded Chroma or a Chroma server.

    python -m evals.scale_bench --articles 100000 --store embedded --embedder hash
    python -m evals.scale_bench --articles 100000 --store server --embedder hash
    python -m evals.scale_bench --articles 10000 --store embedded --embedder minilm

Reports, as JSON: full ingest time and chunks; index size on disk (snapshot, BM25 segments,
vectors); peak memory of the ingest; a re-ingest after one article changed and ten were added;
then in a fresh process, as a restarted app: time to the first answer, `ask` latency p50/p95 and
that process's memory; in server mode also the Chroma server's memory.

`--embedder hash` is NOT a language model: hashed bag-of-terms vectors of the same dimension
as all-MiniLM-L6-v2 (384), so 100k articles can be ingested in minutes on a CPU. It measures the
pipeline and the stores (parsing, chunking, Chroma, BM25, snapshot), not answer quality; the
embedding time of the real model is measured with `--embedder minilm` on fewer articles.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from assistant import Assistant, Settings
from assistant.evaluation.workspace import prepare
from assistant.search.embeddings import Embedder, load_embedder
from assistant.text import terms

ROOT = Path(__file__).resolve().parent.parent
# Questions timed at every size: facts, a figure, a decline, a multi-region comparison.
QUESTIONS = [
    "What can a graduate get in Liangjiang New Area?",
    "What physical requirement applies to flexibly introduced talent in Lanzhou?",
    "How many exclusive services does the Heilongjiang Talent Card offer?",
    "In which countries has Chun'an County set up talent liaison stations?",
    "How many major talent policies does the Zhejiang Talent Service Platform aggregate?",
    "What is the minimum wage in Beijing?",
    "Which regions offer a talent card?",
    "Compare Lanzhou and Zhejiang on enclaves",
]


class HashEmbedder:
    """Hashed bag of terms, 384 dimensions, unit length: a stand-in for a model, not a model."""

    name = "hashed-terms-384"
    dim = 384

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """crc32 of each term picks a bucket; stable across processes, unlike hash()."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            buckets = [zlib.crc32(t.encode()) % self.dim for t in terms(text)] or [0]
            out[row] = np.bincount(buckets, minlength=self.dim)
        out /= np.linalg.norm(out, axis=1, keepdims=True)
        return out


def embedder_for(kind: str, settings: Settings) -> Embedder:
    """The named embedder."""
    if kind == "hash":
        return HashEmbedder()
    return load_embedder(settings)


def _mb(n_bytes: float) -> float:
    return round(n_bytes / 2**20, 1)


def _size(path: Path) -> int:
    if not path.exists():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # Linux: KiB


def _proc_memory_mb(pid: int) -> dict[str, float]:
    """Resident and peak resident memory of a process, from /proc."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = round(int(value.split()[0]) / 1024, 1)
    return {"rss_mb": fields.get("VmRSS", 0.0), "peak_rss_mb": fields.get("VmHWM", 0.0)}


@contextmanager
def chroma_server(folder: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`chroma run` on a free loopback port with its data in folder."""
    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder.mkdir(parents=True, exist_ok=True)
    executable = Path(sys.executable).parent / "chroma"
    with (folder.parent / "chroma-server.log").open("wb") as log:
        server = subprocess.Popen(
            [str(executable), "run", "--path", str(folder), "--host", "127.0.0.1", "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    if httpx.get(f"{url}/api/v2/heartbeat", timeout=1.0).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.2)
            yield url, server
        finally:
            server.terminate()
            server.wait(timeout=60)


def serve(settings: Settings, embedder_kind: str, rounds: int) -> dict[str, Any]:
    """As a restarted app: the first answer (loads everything), then warm latencies."""
    started = time.perf_counter()
    assistant = Assistant(settings, embedder=embedder_for(embedder_kind, settings))
    assistant.ask(QUESTIONS[0])
    first = time.perf_counter() - started
    after_load = _proc_memory_mb(os.getpid())
    latencies = []
    for _ in range(rounds):
        for question in QUESTIONS:
            t0 = time.perf_counter()
            assistant.ask(question)
            latencies.append(1000 * (time.perf_counter() - t0))
    latencies.sort()
    return {
        "first_answer_s": round(first, 2),
        "asks": len(latencies),
        "ask_p50_ms": round(statistics.median(latencies), 1),
        "ask_p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1),
        "serve_rss_after_load_mb": after_load["rss_mb"],
        "serve_peak_rss_mb": _proc_memory_mb(os.getpid())["peak_rss_mb"],
    }


def _serve_in_new_process(settings: Settings, embedder: str, rounds: int) -> dict[str, Any]:
    env = dict(os.environ)
    if settings.chroma_url:
        env["POLICY_ASSISTANT_CHROMA_URL"] = settings.chroma_url
    argv = [sys.executable, "-m", "evals.scale_bench", "--serve-only", "--data", str(settings.data_dir)]
    argv += ["--index", str(settings.index)]
    argv += ["--embedder", embedder, "--rounds", str(rounds)]
    done = subprocess.run(argv, capture_output=True, text=True, env=env, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _timed(label: str, results: dict[str, Any], fn: Any) -> Any:
    started = time.perf_counter()
    value = fn()
    results[label] = round(time.perf_counter() - started, 1)
    print(f"{label}: {results[label]} s", file=sys.stderr, flush=True)
    return value


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Ingest, measure, serve."""
    work: Path = args.work
    data = prepare(work, ROOT / "corpus", args.articles, seed=0)  # reuses the articles when the count matches
    index_dir = work / f"index-{args.store}-{args.embedder}"
    shutil.rmtree(index_dir, ignore_errors=True)
    results: dict[str, Any] = {"articles": args.articles + 5, "store": args.store, "embedder": args.embedder}
    with _store(work, args.store) as (url, server):
        settings = Settings(data_dir=data, index_dir=index_dir, chroma_url=url)
        assistant = Assistant(settings, embedder=embedder_for(args.embedder, settings))
        report = _timed("ingest_s", results, assistant.ingest)
        results["chunks"] = report.chunks_embedded
        results["ingest_peak_rss_mb"] = _peak_rss_mb()
        folder = assistant.index.folder
        results["disk_mb"] = {
            "snapshot": _mb(_size(folder / "snapshot.json")),
            "bm25_segments": _mb(_size(folder / "lexical")),
            "vectors": _mb(_size(index_dir / "chroma") if url is None else _size(work / "chroma-server")),
        }
        results["bm25_segments"] = len(assistant.index.snapshot().lexical)

        corpus = data / "corpus"
        changed = corpus / "003_5d8ccd6a4b2e3c0d.txt"
        changed.write_text(changed.read_text(encoding="utf-8") + "\nA new paragraph about talent.\n")
        added = corpus / "added"
        added.mkdir(exist_ok=True)
        from assistant.evaluation.lookalikes import generate

        for name, text in generate(10, seed=99):
            (added / name).write_text(text, encoding="utf-8")
        again = _timed("reingest_1_changed_10_added_s", results, assistant.ingest)
        results["reingest_chunks_embedded"] = again.chunks_embedded
        results["bm25_segments_after_reingest"] = len(assistant.index.snapshot().lexical)
        del assistant

        results.update(_serve_in_new_process(settings, args.embedder, args.rounds))
        if server is not None:
            results["chroma_server"] = _proc_memory_mb(server.pid)
        # Put the corpus back as prepare() made it, for the next run.
        shutil.rmtree(added)
        changed.write_text(
            changed.read_text(encoding="utf-8").replace("\nA new paragraph about talent.\n", "")
        )
    return results


@contextmanager
def _store(work: Path, store: str) -> Iterator[tuple[str | None, subprocess.Popen[bytes] | None]]:
    if store == "embedded":
        yield None, None
        return
    shutil.rmtree(work / "chroma-server", ignore_errors=True)
    with chroma_server(work / "chroma-server") as (url, server):
        yield url, server


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its numbers as JSON."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--articles", type=int, default=10_000, help="look-alike articles besides the 5 seeds"
    )
    parser.add_argument("--store", choices=["embedded", "server"], default="embedded")
    parser.add_argument("--embedder", choices=["hash", "minilm"], default="hash")
    parser.add_argument("--work", type=Path, default=Path("/tmp/policy-assistant-scale"))
    parser.add_argument("--rounds", type=int, default=5, help="times each of the 8 questions is asked")
    parser.add_argument("--serve-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--index", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve_only:
        results = serve(Settings(data_dir=args.data, index_dir=args.index), args.embedder, args.rounds)
    else:
        results = run(args)
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())

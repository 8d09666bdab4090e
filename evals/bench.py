"""Benchmarks for the grounded core; numbers, not pass/fail.

    python -m evals.bench --articles 2000 --work /tmp/pa-bench

On the same look-alike articles and the same loaded model, side by side:
  1. our full ingest (read, clean, chunk, embed, write Chroma and BM25) into a fresh index;
  2. raw sentence-transformers encode time of exactly the chunks that ingest embedded;
  3. llama-index's default pipeline (SimpleDirectoryReader + VectorStoreIndex over Chroma);
  4. re-ingest after changing one article (chunks re-embedded, seconds);
  5. warm `ask` latency p50/p95 over a set of questions.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from assistant import Assistant, Settings
from assistant.embeddings import SentenceTransformerEmbedder
from evals import naive
from evals.check import prepare

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
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


def _timed(label: str, results: dict[str, float], fn: Callable[[], T]) -> T:
    started = time.perf_counter()
    value = fn()
    results[label] = round(time.perf_counter() - started, 2)
    print(f"{label}: {results[label]}s", file=sys.stderr)
    return value


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print them as JSON."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/policy-assistant-bench"))
    parser.add_argument("--skip-naive", action="store_true")
    args = parser.parse_args(argv)

    shutil.rmtree(args.work, ignore_errors=True)
    data = prepare(args.work, args.articles, seed=0)
    corpus = data / "corpus"
    settings = Settings(data_dir=data)
    embedder = SentenceTransformerEmbedder(settings.embed_model, settings.embed_batch_size)
    embedder.embed(["warm up the model"])
    results: dict[str, float] = {}

    assistant = Assistant(settings, embedder=embedder)
    report = _timed("ingest_s", results, assistant.ingest)
    results["ingest_chunks_embedded"] = report.chunks_embedded
    # Exactly the texts the ingest embedded, encoded again by sentence-transformers alone.
    _, texts = assistant.index.snapshot().chunk_texts()
    results["chunks"] = len(texts)
    _timed("raw_encode_s", results, lambda: embedder.model.encode(texts, normalize_embeddings=True))
    results["ingest_over_raw_encode"] = round(results["ingest_s"] / results["raw_encode_s"], 3)

    if not args.skip_naive:
        embed = naive.embed_model(settings.embed_model)
        _timed(
            "llama_index_default_s", results, lambda: naive.index(corpus, args.work / "naive-chroma", embed)
        )
        # How much of the text the default pipeline never embeds: its 1024-token chunks are cut
        # at the model's 256 word pieces.
        from llama_index.core.node_parser import SentenceSplitter
        from llama_index.core.schema import MetadataMode

        nodes = SentenceSplitter().get_nodes_from_documents(naive.load_documents(corpus))
        tokenizer = embedder.model.tokenizer
        lengths = [
            len(tokenizer(n.get_content(metadata_mode=MetadataMode.EMBED))["input_ids"]) for n in nodes
        ]
        limit = embedder.max_tokens
        results["llama_index_chunks"] = len(nodes)
        results["llama_index_share_never_embedded"] = round(
            sum(max(0, n - limit) for n in lengths) / max(sum(lengths), 1), 3
        )
        ours = [len(ids) for ids in tokenizer(texts)["input_ids"]]
        results["our_share_never_embedded"] = round(
            sum(max(0, n - limit) for n in ours) / max(sum(ours), 1), 3
        )
        results["ingest_over_llama_index"] = round(results["ingest_s"] / results["llama_index_default_s"], 3)

    changed = corpus / "003_5d8ccd6a4b2e3c0d.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\nA new paragraph about talent.\n", encoding="utf-8"
    )
    again = _timed("reingest_one_changed_s", results, assistant.ingest)
    results["reingest_chunks_embedded"] = again.chunks_embedded
    results["reingest_updated"] = len(again.updated)

    assistant.ask(QUESTIONS[0])  # load the snapshot and BM25 once, as a running app would
    latencies = []
    for _ in range(10):
        for question in QUESTIONS:
            started = time.perf_counter()
            assistant.ask(question)
            latencies.append(1000 * (time.perf_counter() - started))
    latencies.sort()
    results["ask_p50_ms"] = round(statistics.median(latencies), 1)
    results["ask_p95_ms"] = round(latencies[int(0.95 * (len(latencies) - 1))], 1)
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

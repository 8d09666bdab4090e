"""Encoder backends side by side: the same chunks encoded by each, in one run, in turns.

    python -m evals.encoders --out out/encoders                 # bundled corpus, real pages, 300 look-alikes
    python -m evals.encoders --out out/encoders --burner 1      # the same beside a process spinning a core

Per backend (and torch on one batch thread): batch encode rate and its ratio to torch fp32, mean and
lowest cosine of its vectors to torch's, and a question's encode time p50/p95 (one at a time, on the
question threads). Rounds alternate the backends so a change of load hits them all; the fastest round
of each is kept. Numbers for the notes, not pass/fail.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from assistant.core import Assistant
from assistant.evaluation import load_cases
from assistant.evaluation.burner import burning
from assistant.evaluation.scoring import percentile
from assistant.evaluation.workspace import prepare
from assistant.search.embeddings import Embedder, load_embedder
from assistant.search.hashing import HashEmbedder
from assistant.settings import PROJECT_ROOT, Settings

# (label, settings) of each encoder compared; torch fp32 first: the reference.
CANDIDATES: tuple[tuple[str, dict[str, Any]], ...] = (
    ("torch", {"embed_backend": "torch"}),
    ("torch, 1 batch thread", {"embed_backend": "torch", "ingest_threads": 1}),
    ("torch-bf16", {"embed_backend": "torch-bf16"}),
    ("torch-bf16, 1 batch thread", {"embed_backend": "torch-bf16", "ingest_threads": 1}),
    ("openvino", {"embed_backend": "openvino"}),
    ("openvino, 1 batch thread", {"embed_backend": "openvino", "ingest_threads": 1}),
)


def chunk_texts(work: Path, distractors: int, seed: int) -> list[str]:
    """The texts an ingest embeds (header and chunk) for the bundled corpus, the real pages and the
    look-alikes, chunked by the product's own ingest with a hashing embedder."""
    data = prepare(work, PROJECT_ROOT / "corpus", distractors, seed, [PROJECT_ROOT / "evals/corpora/real"])
    settings = Settings(data_dir=data, index_dir=work / "hash-index")
    assistant = Assistant(settings, embedder=HashEmbedder())
    assistant.ingest()
    return assistant.index.snapshot().chunk_texts()[1]


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def compare(args: argparse.Namespace) -> dict[str, Any]:
    """Run the comparison; the results as a JSON-ready dict."""
    work = args.out / "work"
    texts = chunk_texts(work, args.distractors, args.seed)
    sample = random.Random(args.seed).sample(texts, min(args.chunks, len(texts)))
    questions = [case.turns[-1] for case in load_cases(args.questions)]
    labels = [label for label, _ in CANDIDATES if not args.only or label.split(",")[0] in args.only]
    encoders: dict[str, Embedder] = {}
    for label, fields in CANDIDATES:
        if label in labels:
            settings = Settings(**fields, encoder_cache=work / "encoders")
            encoders[label] = load_embedder(settings)
            encoders[label].embed(sample[:16])  # warm: compiled, first batch shapes seen
    result: dict[str, Any] = {"chunks": len(sample), "load_before": _load(), "burner": args.burner}
    seconds: dict[str, list[float]] = {label: [] for label in labels}
    asked: dict[str, list[float]] = {label: [] for label in labels}
    vectors: dict[str, np.ndarray] = {}
    with burning(args.burner):
        for round_ in range(args.rounds):
            print(f"encoders: round {round_ + 1} of {args.rounds} (load {_load()})", file=sys.stderr)
            for label in labels:
                started = time.perf_counter()
                vectors[label] = encoders[label].embed(sample)
                seconds[label].append(time.perf_counter() - started)
                for question in questions:
                    started = time.perf_counter()
                    encoders[label].embed([question])
                    asked[label].append(time.perf_counter() - started)
    result["load_after"] = _load()
    reference = vectors[labels[0]]
    rows = []
    for label in labels:
        cosines = (vectors[label] * reference).sum(axis=1)
        best = min(seconds[label])
        rows.append(
            {
                "encoder": label,
                "name": encoders[label].name,
                "seconds": [round(s, 2) for s in seconds[label]],
                "chunks_per_s": round(len(sample) / best, 1),
                "speed_vs_torch": round(min(seconds[labels[0]]) / best, 2),
                "cosine_mean": round(float(cosines.mean()), 6),
                "cosine_min": round(float(cosines.min()), 6),
                "question_p50_ms": round(1000 * percentile(asked[label], 0.5), 1),
                "question_p95_ms": round(1000 * percentile(asked[label], 0.95), 1),
            }
        )
    result["rows"] = rows
    return result


def table(result: dict[str, Any]) -> str:
    """The rows as Markdown."""
    lines = [
        f"{result['chunks']} chunks, burner {result['burner']}, load average before {result['load_before']}, "
        f"after {result['load_after']}",
        "",
        "| encoder | index name | chunks/s | speed vs torch | cosine mean / min | question p50 / p95 ms |",
        "|---|---|---:|---:|---|---|",
    ]
    for r in result["rows"]:
        lines.append(
            f"| {r['encoder']} | {r['name']} | {r['chunks_per_s']} | {r['speed_vs_torch']}x "
            f"| {r['cosine_mean']:.6f} / {r['cosine_min']:.6f} "
            f"| {r['question_p50_ms']} / {r['question_p95_ms']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Compare the encoders and write encoders.json and encoders.md under --out."""
    parser = argparse.ArgumentParser(prog="python -m evals.encoders", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for encoders.json and encoders.md")
    parser.add_argument("--chunks", type=int, default=1000, help="chunks each encoder encodes per round")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of every encoder in turn")
    parser.add_argument("--distractors", type=int, default=300, help="look-alike articles chunked too")
    parser.add_argument("--seed", type=int, default=0, help="seed of the look-alikes and the sample")
    parser.add_argument("--burner", type=int, default=0, metavar="N", help="processes spinning meanwhile")
    parser.add_argument(
        "--questions", type=Path, default=PROJECT_ROOT / "evals" / "questions.jsonl", help="questions timed"
    )
    parser.add_argument(
        "--only", action="append", default=[], metavar="BACKEND", help="only these backends (torch is kept)"
    )
    args = parser.parse_args(argv)
    if args.only:
        args.only.append("torch")
    args.out.mkdir(parents=True, exist_ok=True)
    result = compare(args)
    result["command"] = "python -m evals.encoders " + " ".join(argv if argv is not None else sys.argv[1:])
    (args.out / "encoders.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    text = table(result)
    (args.out / "encoders.md").write_text(f"`{result['command']}`\n\n{text}\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The `eval` and `bench` subcommands: argument parsing and printing only; the work is in evaluation/."""

from __future__ import annotations

import argparse
import json
import shlex
from pathlib import Path
from typing import Any, TextIO

from assistant.errors import AssistantError
from assistant.progress import progress_bar
from assistant.settings import PROJECT_ROOT, Settings

_SHOWN = (
    "gold_first",
    "mrr",
    "recall@5",
    "fact_recall",
    "citation_precision",
    "alce_citation_precision",
    "alce_citation_recall",
    "decline_accuracy",
    "number_faithfulness",
    "forbidden_hits",
    "latency_p50_ms",
    "latency_p95_ms",
)


def add_commands(commands: Any) -> None:
    """Add `eval` and `bench` to the command line's subcommands."""
    ev = commands.add_parser(
        "eval",
        help="score the assistant on a question set; writes report.json, report.md and plots",
        description="Answer every case of a question set (evals/FORMAT.md) through the public API and "
        "score retrieval, facts, citations, figures, declines and latency.",
    )
    ev.add_argument("questions", type=Path, help="a question-set JSONL file, e.g. evals/questions.jsonl")
    ev.add_argument("--out", type=Path, required=True, help="folder for report.json, report.md and the plots")
    ev.add_argument("--distractors", type=int, default=0, metavar="N", help="add N look-alike articles")
    ev.add_argument("--seed", type=int, default=0, help="seed of the look-alike generator")
    ev.add_argument(
        "--add",
        type=Path,
        action="append",
        default=[],
        metavar="FOLDER",
        help="add a folder of test articles to the corpus as corpus/<its name>/ (e.g. evals/corpora/real)",
    )
    ev.add_argument(
        "--pipeline",
        choices=("product", "naive"),
        default="product",
        help="naive: llama-index's default VectorStoreIndex over Chroma, same model",
    )
    ev.add_argument("--config", type=Path, help='JSON or TOML file of settings, e.g. {"top_k": 20}')
    ev.add_argument("--work", type=Path, help="where distractors and their index are kept (default OUT/work)")
    ev.add_argument("--compare", type=Path, metavar="OLD.json", help="print what changed since that report")
    ev.add_argument("--strict", action="store_true", help="exit with status 1 when a threshold is missed")
    ev.add_argument(
        "--bar",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a threshold other than the default one for this question set, e.g. fact_recall=0.85",
    )

    bench = commands.add_parser(
        "bench",
        help="ingest, re-ingest, query latency and memory at several corpus sizes",
        description="Benchmarks on the bundled corpus plus look-alike articles; numbers, not pass/fail.",
    )
    bench.add_argument("--out", type=Path, required=True, help="folder for bench.json and bench.md")
    bench.add_argument("--sizes", default="1000,10000", help="look-alike documents per run, comma-separated")
    bench.add_argument(
        "--embedder",
        choices=("model", "hash"),
        default="model",
        help="hash: a meaningless hashing embedder, to time the rest at sizes the model is too slow for",
    )
    bench.add_argument(
        "--store",
        choices=("embedded", "server"),
        default="embedded",
        help="server: the vectors on a Chroma server (`chroma run`) the bench starts and stops",
    )
    bench.add_argument(
        "--questions",
        type=Path,
        default=PROJECT_ROOT / "evals" / "questions.jsonl",
        help="the questions timed",
    )
    bench.add_argument(
        "--encode-sample",
        type=int,
        default=4000,
        metavar="N",
        help="chunks the raw encoder is timed on (a seeded sample of the ingested ones)",
    )
    bench.add_argument(
        "--burner",
        type=int,
        nargs="?",
        const=1,
        default=0,
        metavar="N",
        help="measure each size twice: alone, then beside N processes (default 1) that keep other cores "
        "busy, as on a shared server; the bench starts and stops them",
    )
    bench.add_argument("--config", type=Path, help="JSON or TOML file of settings")
    bench.add_argument("--work", type=Path, help="where the generated corpora are kept (default OUT/work)")


def run(args: argparse.Namespace, settings: Settings, argv: list[str], out: TextIO) -> int:
    """Run `eval` or `bench`; argv is recorded in the report as the command that made it."""
    command = shlex.join(["policy-assistant", *argv])
    if args.command == "eval":
        return _eval(args, settings, command, out)
    return _bench(args, settings, command, out)


def _eval(args: argparse.Namespace, settings: Settings, command: str, out: TextIO) -> int:
    from assistant.evaluation import report
    from assistant.evaluation.runner import EvalSpec, evaluate

    if args.distractors < 0:
        raise AssistantError("--distractors must be 0 or more")
    previous = report.read(args.compare) if args.compare else None  # a bad file fails before the run
    bars = _bars(args.bar)
    spec = EvalSpec(
        questions=args.questions,
        settings=settings,
        work=(args.work or args.out / "work").resolve(),
        pipeline=args.pipeline,
        distractors=args.distractors,
        seed=args.seed,
        command=command,
        added=tuple(folder.resolve() for folder in args.add),
        bars=bars,
    )
    ingest_bar, close_ingest = progress_bar("embedding")
    case_bar, close_cases = progress_bar("answering", unit="case")

    def answering(done: int, total: int) -> None:
        close_ingest()  # one bar at a time: the ingest is over once answering starts
        case_bar(done, total)

    try:
        result = evaluate(spec, ingest_bar, answering)
    finally:
        close_ingest()
        close_cases()
    written = report.write(result, args.out)
    totals = result["totals"]
    print(
        f"{result['pipeline']} on {args.questions} ({totals['cases']} cases, "
        f"{args.distractors:,} distractors):",
        file=out,
    )
    for key in _SHOWN:
        value = totals.get(key)
        bar = result["thresholds"].get(key)
        verdict = ""
        if bar and bar["passed"] is not None:
            verdict = f"  ({bar['op']} {bar['threshold']}: {'met' if bar['passed'] else 'MISSED'})"
        shown = "-" if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value))
        print(f"  {key}: {shown}{verdict}", file=out)
    print(f"thresholds: {'all met' if result['passed'] else 'MISSED'}", file=out)
    print("wrote " + ", ".join(str(p) for p in written), file=out)
    if previous is not None:
        comparison = report.compare(previous, result)
        (args.out / "compare.txt").write_text(comparison + "\n", encoding="utf-8")
        print(comparison, file=out)
    return 1 if args.strict and not result["passed"] else 0


def _bars(given: list[str]) -> dict[str, float]:
    from assistant.evaluation.runner import THRESHOLDS

    bars: dict[str, float] = {}
    for item in given:
        name, _, value = item.partition("=")
        if name not in THRESHOLDS:
            raise AssistantError(f"--bar {item}: the thresholds are {', '.join(THRESHOLDS)}")
        try:
            bars[name] = float(value)
        except ValueError as exc:
            raise AssistantError(f"--bar {item}: give a number, e.g. {name}=0.9") from exc
    return bars


def _bench(args: argparse.Namespace, settings: Settings, command: str, out: TextIO) -> int:
    from assistant.evaluation.bench import BenchSpec, bench, table

    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError as exc:
        raise AssistantError(f"--sizes takes numbers separated by commas, e.g. 1000,10000 ({exc})") from exc
    if not sizes or min(sizes) < 1:
        raise AssistantError("--sizes needs at least one size of 1 or more")
    if args.burner < 0:
        raise AssistantError("--burner takes a number of processes, 1 or more (e.g. --burner 1)")
    work = (args.work or args.out / "work").resolve()
    fields = settings.model_dump(exclude={"data_dir", "corpus_dir", "index_dir", "llm_api_key"})
    specs = [
        BenchSpec(
            size,
            work,
            args.questions.resolve(),
            settings.corpus,
            fields,
            args.embedder,
            args.encode_sample,
            burner=burner,
            store=args.store,
        )
        for size in sizes
        for burner in sorted({0, args.burner})
    ]
    results = bench(specs)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench.json").write_text(
        json.dumps(
            {"command": command, "settings": settings.model_dump(mode="json"), "results": results}, indent=1
        ),
        encoding="utf-8",
    )
    text = table(results)
    (args.out / "bench.md").write_text(f"`{command}`\n\n{text}\n", encoding="utf-8")
    print(text, file=out)
    return 0

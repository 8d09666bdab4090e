"""The `eval`, `eval-compare` and `bench` subcommands: argument parsing and printing only; the work is in
evaluation/."""

from __future__ import annotations

import argparse
import json
import shlex
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from assistant.cli.common import add_command, with_bar
from assistant.core import Assistant
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
    ev = add_command(commands, "eval")
    ev.add_argument("questions", type=Path, help="a question-set JSONL file, e.g. evals/questions.jsonl")
    ev.add_argument("--out", type=Path, required=True, help="folder for report.json, report.md and the plots")
    ev.add_argument("--distractors", type=int, default=0, metavar="N", help="add N look-alike articles")
    ev.add_argument("--seed", type=int, default=0, help="seed of the look-alike generator")
    _add_folders(
        ev, "add a folder of test articles to the corpus as corpus/<its name>/ (e.g. evals/corpora/real)"
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
    _add_bars(
        ev,
        "exit with status 1 when a threshold is missed",
        "a threshold other than the default one for this question set, e.g. fact_recall=0.85",
    )

    bench = add_command(commands, "bench")
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
    bench.add_argument(
        "--reuse-index",
        action="store_true",
        help="serve the index an earlier run left in --work instead of building it again (its ingest is "
        "then a check that every file is unchanged): re-measure serving at 100k in minutes, not hours",
    )
    bench.add_argument("--config", type=Path, help="JSON or TOML file of settings")
    bench.add_argument("--work", type=Path, help="where the generated corpora are kept (default OUT/work)")


def add_compare_command(commands: Any) -> None:
    """Add `eval-compare` to the command line's subcommands."""
    eval_compare = add_command(commands, "eval-compare")
    eval_compare.add_argument("cases", type=Path, help="a comparison case file, e.g. evals/compare.jsonl")
    eval_compare.add_argument("--out", type=Path, required=True, help="folder for report.json")
    _add_folders(eval_compare, "add a folder of test articles")
    _add_bars(eval_compare, "exit with status 1 when a bar is missed", "e.g. cell_accuracy=0.9")


def _add_folders(parser: argparse.ArgumentParser, help: str) -> None:
    parser.add_argument("--add", type=Path, action="append", default=[], metavar="FOLDER", help=help)


def _add_bars(parser: argparse.ArgumentParser, strict: str, bar: str) -> None:
    parser.add_argument("--strict", action="store_true", help=strict)
    parser.add_argument("--bar", action="append", default=[], metavar="NAME=VALUE", help=bar)


def run(args: argparse.Namespace, settings: Settings, argv: list[str], out: TextIO) -> int:
    """Run `eval`, `eval-compare` or `bench`; argv is recorded in the report as the command that made it."""
    command = shlex.join(["policy-assistant", *argv])
    if args.command == "eval":
        return _eval(args, settings, command, out)
    if args.command == "eval-compare":
        return _compare(args, settings, out)
    return _bench(args, settings, command, out)


def _eval(args: argparse.Namespace, settings: Settings, command: str, out: TextIO) -> int:
    from assistant.evaluation import report
    from assistant.evaluation.runner import EvalSpec, evaluate

    if args.distractors < 0:
        raise AssistantError("--distractors must be 0 or more")
    previous = report.read(args.compare) if args.compare else None  # a bad file fails before the run
    from assistant.evaluation.runner import THRESHOLDS

    bars = _bars(args.bar, THRESHOLDS)
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


def _bars(given: list[str], thresholds: Mapping[str, object]) -> dict[str, float]:
    """--bar NAME=VALUE flags as thresholds; a name that is not one of thresholds is an error."""
    bars: dict[str, float] = {}
    for item in given:
        name, _, value = item.partition("=")
        if name not in thresholds:
            raise AssistantError(f"--bar {item}: the thresholds are {', '.join(thresholds)}")
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
            reuse_index=args.reuse_index,
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


def _compare(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from assistant.evaluation import comparing
    from assistant.evaluation.workspace import prepare

    bars = _bars(args.bar, comparing.THRESHOLDS)
    cases = comparing.read_compare_cases(args.cases)
    if args.add:
        data = prepare(args.out.resolve() / "work", settings.corpus, 0, added=[f.resolve() for f in args.add])
        fields = settings.model_dump(exclude={"llm_api_key"})
        fields.update(data_dir=data, corpus_dir=None, index_dir=None)
        settings = Settings(**fields)
    assistant = Assistant(settings)
    with_bar(
        "embedding",
        lambda update: assistant.ingest(None, update) if args.add else assistant.ensure_index(update),
    )
    result = comparing.score(assistant, cases)
    checked, passed = comparing.thresholds(result["totals"], bars)
    result["thresholds"] = checked
    result["passed"] = passed
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report.json").write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    totals = result["totals"]
    print(
        f"comparison tables on {args.cases} ({totals['cases']} cases, {totals['expected_figures']} figures):",
        file=out,
    )
    for name, value in totals.items():
        bar = checked.get(name)
        verdict = f"  ({bar['op']} {bar['threshold']}: {'met' if bar['passed'] else 'MISSED'})" if bar else ""
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"  {name}: {shown}{verdict}", file=out)
    print(f"thresholds: {'all met' if passed else 'MISSED'}", file=out)
    print(f"wrote {args.out / 'report.json'}", file=out)
    return 1 if args.strict and not passed else 0

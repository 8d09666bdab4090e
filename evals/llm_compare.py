"""Score the extractive answerer and LLM generators side by side on a question set.

    python -m evals.llm_compare [--cases evals/questions.jsonl] [--local 20] [--distractors 0]

Generators: extractive; the scripted loopback server (evals/llm_server.py's composer, which adds a
made-up figure and a citation of a missing source to every third answer); and, with --local N,
SmolLM2-135M through the local backend on the first N cases (slow on a small CPU). Prints the
evaluation totals per generator and what the guard did, and writes WORK/llm_compare.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from assistant import Assistant, Settings
from assistant.evaluation import Case, load_cases, score_case, summarize
from evals.check import ROOT, prepare
from evals.llm_server import ScriptedServer, composer


def run(assistant: Assistant, cases: list[Case], data: Path) -> dict[str, Any]:
    """Answer every case; the evaluation totals plus the guard's counts."""
    scores = []
    guard = {"llm_answered": 0, "fell_back": 0, "declined": 0, "repaired": 0, "removed": 0}
    for case in cases:
        started = time.perf_counter()
        answer = assistant.ask(case.turns)
        seconds = time.perf_counter() - started
        texts = {c.path: (data / c.path).read_text(encoding="utf-8") for c in answer.citations}
        scores.append(score_case(case, answer, seconds, texts))
        generation = answer.generation
        if answer.declined:
            guard["declined"] += 1
        elif generation.answered_by != "extractive":
            guard["llm_answered"] += 1
        elif generation.fallback:
            guard["fell_back"] += 1
        for edit in generation.edits:
            guard[edit.action] += 1
    return {**summarize(scores), "guard": guard}


def main(argv: list[str] | None = None) -> int:
    """Run the comparison; returns 0."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=Path, default=ROOT / "evals" / "questions.jsonl")
    parser.add_argument("--distractors", type=int, default=0)
    parser.add_argument("--local", type=int, default=0, help="also run SmolLM2 on the first N cases")
    parser.add_argument("--work", type=Path, default=Path("/tmp/policy-assistant-llm-compare"))
    args = parser.parse_args(argv)

    data = prepare(args.work, args.distractors, 0)
    base = Assistant(Settings(data_dir=data))
    base.ingest()
    base.ask("warm up")
    cases = load_cases(args.cases)
    results: dict[str, Any] = {"extractive": run(base, cases, data)}
    with ScriptedServer(composer(invent_every=3)) as server:
        settings = Settings(data_dir=data, llm="openai", llm_base_url=server.url, llm_model="scripted")
        results["scripted"] = run(Assistant(settings, embedder=base.embedder), cases, data)
    if args.local:
        local = Assistant(Settings(data_dir=data, llm="local"), embedder=base.embedder)
        subset = cases[: args.local]
        results[f"extractive_first_{args.local}"] = run(base, subset, data)
        results[f"smollm2_first_{args.local}"] = run(local, subset, data)
    (args.work / "llm_compare.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

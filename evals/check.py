"""Check the grounded core on the bundled corpus mixed with look-alike distractors.

    python -m evals.check --distractors 2000 --work /tmp/pa-eval [--cases evals/questions.jsonl] [--naive]

Builds a data folder (the seed corpus plus N look-alike articles), ingests it with the real model,
answers every case, prints the totals and writes per-case scores to WORK/scores.json. With
--naive it also runs a plain llama-index VectorStoreIndex over Chroma with the same embedding
model and default settings, and reports how often its first retrieved chunk is the gold article.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

from assistant import Assistant, Settings
from assistant.evaluation import Case, CaseScore, load_cases, score_case, summarize
from evals import naive
from evals.lookalikes import write as write_lookalikes

ROOT = Path(__file__).resolve().parent.parent


def prepare(work: Path, distractors: int, seed: int) -> Path:
    """A data folder: corpus/ with the seeds and their catalog, corpus/lookalikes/ with N more."""
    data = work / "data"
    corpus = data / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for path in (ROOT / "corpus").iterdir():
        if path.is_file():
            shutil.copy2(path, corpus / path.name)
    target = corpus / "lookalikes"
    existing = len(list(target.glob("*.txt"))) if target.exists() else -1
    if existing != distractors:
        shutil.rmtree(target, ignore_errors=True)
        if distractors:
            write_lookalikes(target, distractors, seed)
    return data


def naive_gold_first(data: Path, cases: list[Case], top_k: int = 2) -> float:
    """Gold-first rate of llama-index's default pipeline: VectorStoreIndex over Chroma, same model."""
    retriever = naive.index(data / "corpus", data.parent / "naive-chroma", naive.embed_model()).as_retriever(
        similarity_top_k=top_k
    )
    hits = 0
    answerable = [c for c in cases if not c.decline]
    for case in answerable:
        nodes = retriever.retrieve(" ".join(case.turns))
        if nodes:
            first = Path(nodes[0].node.metadata["file_path"]).resolve()
            hits += first.relative_to(data).as_posix() in case.sources
    return hits / max(len(answerable), 1)


def main(argv: list[str] | None = None) -> int:
    """Run the check; returns 0."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=Path, default=ROOT / "evals" / "questions.jsonl")
    parser.add_argument("--distractors", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", type=Path, default=Path("/tmp/policy-assistant-eval"))
    parser.add_argument("--naive", action="store_true", help="also score the plain llama-index pipeline")
    args = parser.parse_args(argv)

    data = prepare(args.work, args.distractors, args.seed)
    assistant = Assistant(Settings(data_dir=data))
    started = time.perf_counter()
    report = assistant.ingest()
    print(f"ingest: {report.summary()} in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    cases = load_cases(args.cases)
    assistant.ask("warm up")  # loads the index once, as a running app would have
    scores: list[CaseScore] = []
    for case in cases:
        started = time.perf_counter()
        answer = assistant.ask(case.turns)
        seconds = time.perf_counter() - started
        texts = {c.path: (data / c.path).read_text(encoding="utf-8") for c in answer.citations}
        scores.append(score_case(case, answer, seconds, texts))
    totals = summarize(scores)
    if args.naive:
        totals["naive_gold_first"] = naive_gold_first(data, cases)
    (args.work / "scores.json").write_text(
        json.dumps({"totals": totals, "cases": [s.as_dict() for s in scores]}, indent=1, ensure_ascii=False),
        encoding="utf-8",
    )
    for s in scores:
        problems = []
        if s.gold_first is False:
            problems.append("gold not first")
        if s.facts_found < s.facts_total:
            problems.append(f"facts {s.facts_found}/{s.facts_total}")
        if s.cited_relevant < s.cited:
            problems.append(f"cited {s.cited - s.cited_relevant} irrelevant")
        if not s.decline_correct:
            problems.append("declined" if s.declined else "not declined")
        if not s.numbers_faithful:
            problems.append("unfaithful number")
        if s.forbidden_found:
            problems.append("forbidden text")
        if problems:
            print(f"{s.id} [{s.kind}]: {', '.join(problems)} :: {s.answer[:160]!r}")
    print(json.dumps(totals, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Writing an evaluation report (report.json, report.md, plots) and comparing two reports case by case."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.evaluation.scoring import RECALL_AT, CaseScore

# Totals shown in the summary, in order, with their labels.
HEADLINE = {
    "gold_first": "gold article first",
    "mrr": "mean reciprocal rank",
    **{f"recall@{k}": f"recall@{k} (gold articles in the top {k})" for k in RECALL_AT},
    "fact_recall": "key-fact recall",
    "citation_precision": "citation precision (cited articles among the sources)",
    "source_recall": "source recall (sources cited)",
    "alce_citation_precision": "ALCE citation precision",
    "alce_citation_recall": "ALCE citation recall",
    "decline_accuracy": "must-decline cases declined",
    "wrongly_declined": "answerable cases declined",
    "number_faithfulness": "number faithfulness (answers whose figures all occur in a cited source)",
    "forbidden_hits": "answers with forbidden text",
    "errors": "cases that raised an error",
    "latency_p50_ms": "latency p50 (ms)",
    "latency_p95_ms": "latency p95 (ms)",
}
BY_KIND = ("gold_first", "fact_recall", "citation_precision", "decline_accuracy", "number_faithfulness")


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def problems(score: CaseScore) -> list[str]:
    """What went wrong with one answer, in words."""
    out = []
    if score.gold_first is False:
        out.append("gold article not first")
    if score.missing_facts:
        out.append(f"missing facts: {', '.join(score.missing_facts)}")
    if score.cited_relevant < len(score.cited):
        out.append(f"{len(score.cited) - score.cited_relevant} cited article(s) not among the sources")
    if not score.decline_correct:
        out.append("declined" if score.declined else "not declined")
    if score.unfaithful_numbers:
        out.append(f"figures not in a cited source: {', '.join(score.unfaithful_numbers)}")
    if score.forbidden_found:
        out.append(f"forbidden text: {', '.join(score.forbidden_found)}")
    if score.error:
        out.append(f"error: {score.error}")
    return out


def markdown(report: dict[str, Any]) -> str:
    """The readable report."""
    totals, distractors = report["totals"], report["distractors"]
    lines = [
        f"# Evaluation: {report['questions']['path']} ({report['questions']['cases']} cases)",
        "",
        f"- pipeline: **{report['pipeline']}**; distractors: {distractors['n']:,} look-alike articles "
        f"(seed {distractors['seed']}, generator {distractors['generator']})",
        f"- run {report['created']} on {report['machine']['platform']} ({report['machine']['cpus']} CPUs, "
        f"load average {report['machine'].get('load_average', '?')} at the end)",
        f"- command: `{report['command']}`" if report["command"] else "- command: (library call)",
        f"- index: {report['build']['index']}"
        + (f", built in {report['build']['seconds']} s" if "seconds" in report["build"] else ""),
        f"- support check for ALCE citations: {report['support_check']}",
        "",
        "## Totals",
        "",
        "| measure | value | threshold |",
        "|---|---:|---|",
    ]
    for key, label in HEADLINE.items():
        bar = report["thresholds"].get(key)
        mark = ""
        if bar:
            verdict = {True: "met", False: "**MISSED**", None: "n/a"}[bar["passed"]]
            mark = f"{bar['op']} {bar['threshold']}: {verdict}"
        lines.append(f"| {label} | {_fmt(totals.get(key))} | {mark} |")
    lines += [
        "",
        f"Thresholds: **{'all met' if report['passed'] else 'MISSED'}**",
        "",
        "## By kind of case",
        "",
    ]
    lines.append("| kind | cases | " + " | ".join(BY_KIND) + " | p50 ms |")
    lines.append("|---|---:|" + "---:|" * (len(BY_KIND) + 1))
    for kind, kt in report["by_kind"].items():
        cells = " | ".join(_fmt(kt.get(k)) for k in BY_KIND)
        lines.append(f"| {kind} | {kt['cases']} | {cells} | {kt['latency_p50_ms']} |")
    scores = [CaseScore.from_dict(c) for c in report["cases"]]
    failing = [(s, problems(s)) for s in scores if problems(s)]
    lines += ["", f"## Cases with problems ({len(failing)} of {len(scores)})", ""]
    for score, found in failing:
        lines.append(f"- `{score.id}` [{score.kind}] {score.question!r}: {'; '.join(found)}")
        lines.append(f"  - answer: {score.answer[:300]!r}")
        lines.append(f"  - cited: {', '.join(score.cited) or 'nothing'}")
    lines += ["", "## Settings", "", "```json", json.dumps(report["settings"], indent=1), "```", ""]
    lines += ["Plots: `scores_by_kind.png`, `latency.png`.", ""]
    return "\n".join(lines)


def write(report: dict[str, Any], out: Path) -> list[Path]:
    """Write report.json, report.md and the plots into out; returns the paths written."""
    from assistant.evaluation import plots

    out.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out / "report.json", out / "report.md"
    json_path.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    md_path.write_text(markdown(report), encoding="utf-8")
    return [json_path, md_path, *plots.draw(report, out)]


def read(path: Path) -> dict[str, Any]:
    """A report.json written earlier."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise AssistantError(f"cannot read the report {path}: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise AssistantError(f"{path} is not a report.json: {exc}") from exc
    if not isinstance(data, dict) or "cases" not in data or "totals" not in data:
        raise AssistantError(f"{path} is not a report.json written by policy-assistant eval")
    return data


def _changes(old: CaseScore, new: CaseScore) -> tuple[list[str], list[str]]:
    """(better, worse) for one case, each a list of short phrases."""
    better: list[str] = []
    worse: list[str] = []

    def note(good: bool, bad: bool, what: str) -> None:
        if good:
            better.append(what)
        elif bad:
            worse.append(what)

    if new.gold_first is not None and old.gold_first is not None:
        note(new.gold_first and not old.gold_first, old.gold_first and not new.gold_first, "gold first")
    old_share = old.facts_found / old.facts_total if old.facts_total else 1.0
    new_share = new.facts_found / new.facts_total if new.facts_total else 1.0
    if old_share != new_share:
        note(
            new_share > old_share,
            True,
            f"facts {old.facts_found}/{old.facts_total}->{new.facts_found}/{new.facts_total}",
        )
    old_wrong, new_wrong = len(old.cited) - old.cited_relevant, len(new.cited) - new.cited_relevant
    if old_wrong != new_wrong:
        note(new_wrong < old_wrong, True, f"citations not among sources {old_wrong}->{new_wrong}")
    note(
        new.decline_correct and not old.decline_correct,
        old.decline_correct and not new.decline_correct,
        "declined correctly" if new.must_decline else "answered instead of declining",
    )
    note(
        new.numbers_faithful and not old.numbers_faithful,
        old.numbers_faithful and not new.numbers_faithful,
        "figures faithful",
    )
    note(
        len(new.forbidden_found) < len(old.forbidden_found),
        len(new.forbidden_found) > len(old.forbidden_found),
        "forbidden text",
    )
    return better, worse


def compare(old: dict[str, Any], new: dict[str, Any]) -> str:
    """What got better and worse, case by case, then the totals side by side."""
    olds = {c["id"]: CaseScore.from_dict(c) for c in old["cases"]}
    news = {c["id"]: CaseScore.from_dict(c) for c in new["cases"]}
    better_lines, worse_lines = [], []
    for case_id, score in news.items():
        if case_id not in olds:
            continue
        better, worse = _changes(olds[case_id], score)
        if better:
            better_lines.append(f"  + {case_id}: {', '.join(better)}")
        if worse:
            worse_lines.append(f"  - {case_id}: {', '.join(worse)}")
    lines = [
        f"Compared with {old.get('created', '?')} ({old.get('pipeline', '?')}, "
        f"{old.get('distractors', {}).get('n', '?')} distractors):"
    ]
    lines.append(f"Better ({len(better_lines)}):")
    lines += better_lines or ["  (none)"]
    lines.append(f"Worse ({len(worse_lines)}):")
    lines += worse_lines or ["  (none)"]
    added, removed = sorted(set(news) - set(olds)), sorted(set(olds) - set(news))
    if added:
        lines.append(f"New cases: {', '.join(added)}")
    if removed:
        lines.append(f"Cases no longer in the set: {', '.join(removed)}")
    lines.append("Totals (old -> new):")
    for key, label in HEADLINE.items():
        a, b = old["totals"].get(key), new["totals"].get(key)
        if a != b:
            lines.append(f"  {label}: {_fmt(a)} -> {_fmt(b)}")
    return "\n".join(lines)

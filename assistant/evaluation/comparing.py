"""Scoring comparison tables: is each expected figure in its place's cell of the right row, does every
figure of every cell occur in an article of that cell's place, and are uncovered places named so.

A case (one JSON object a line, evals/compare.jsonl):
{"id", "places": [...], "topic": "..."} or {"id", "question": "..."} (the question's own places and
topic, as the chat reads them), then
"expect": [{"place", "figure" (a regular expression), "aspect", "group"?, "period"?, "benefit"?}],
"not_covered": [places the corpus does not cover], "forbid": [{"place", "figure"}] (figures that must
not appear in that place's column: another benefit's, another place's).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.answering.compare import comparison_asked
from assistant.answering.compare_figures import Vocab
from assistant.answering.compare_table import Comparison
from assistant.core import Assistant
from assistant.errors import AssistantError
from assistant.search.query import understand
from assistant.text import fold_ws, terms

THRESHOLDS: dict[str, tuple[str, float]] = {
    "cell_accuracy": (">=", 0.9),
    "grounded": (">=", 1.0),
    "coverage_accuracy": (">=", 1.0),
    "forbidden_hits": ("<=", 0),
}
_GENERIC = frozenset(terms("city county province district new area zone region municipality the of"))


@dataclass
class CompareCase:
    """One comparison to score."""

    id: str
    places: list[str] = field(default_factory=list)
    topic: str = ""
    question: str | None = None
    expect: list[dict[str, str]] = field(default_factory=list)
    not_covered: list[str] = field(default_factory=list)
    forbid: list[dict[str, str]] = field(default_factory=list)


def read_compare_cases(path: Path) -> list[CompareCase]:
    """The cases of a JSONL file; a bad line raises AssistantError naming it."""
    cases: list[CompareCase] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            case = CompareCase(**raw)
        except (json.JSONDecodeError, TypeError) as exc:
            raise AssistantError(
                f"{path}:{number}: not a comparison case ({exc}); see evals/FORMAT.md"
            ) from exc
        if not case.question and (len(case.places) < 2 or not case.topic):
            raise AssistantError(f"{path}:{number}: give a question, or two or more places and a topic")
        cases.append(case)
    return cases


def table_for(assistant: Assistant, case: CompareCase) -> Comparison | None:
    """The table the assistant makes for a case: from its places and topic, or from its question."""
    if case.question is None:
        return assistant.compare(case.places, case.topic)
    corpus = assistant.retriever.corpus
    query = understand([case.question], corpus.gazetteer, spellings=corpus.spellings)
    names = [n for i, n in enumerate(query.place_names) if query.is_place(i)]
    asked = comparison_asked(case.question, names)
    if asked is None:
        return None
    return assistant.compare(*asked, question=case.question)


def _column(table: Comparison, place: str) -> int | None:
    wanted = set(terms(place)) - _GENERIC
    for index, column in enumerate(table.columns):
        if column.place.lower() == place.lower() or (wanted and wanted <= set(terms(column.place))):
            return index
    return None


def _in_cell(table: Comparison, index: int, expected: dict[str, str]) -> bool:
    pattern = re.compile(expected["figure"], re.IGNORECASE)
    for row in table.rows:
        if row.aspect != expected.get("aspect", row.aspect):
            continue
        if "group" in expected and row.group != expected["group"]:
            continue
        if "period" in expected and row.period != expected["period"]:
            continue
        if "benefit" in expected and row.kind != expected["benefit"]:
            continue
        if any(pattern.search(f.text) for f in row.cells[index].figures):
            return True
    return False


def _grounded(table: Comparison, data_dir: Path, regions: dict[str, str]) -> tuple[int, int, list[str]]:
    """(figures grounded, figures, what failed): a figure must occur, in its quoted sentence, in the
    cited article, and that article must be of the cell's place (its region names the place; for a
    place no region names, the quoted sentence does); and it must be a figure of its row's aspect."""
    figures = Vocab.load().figures
    good, total, failed = 0, 0, []
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            place_terms = set(terms(table.columns[index].place)) - _GENERIC
            for figure in cell.figures:
                total += 1
                source = fold_ws((data_dir / figure.path).read_text(encoding="utf-8", errors="replace"))
                # The article's region names the place; for a place no region names, the quoted
                # sentence itself must name it.
                has_region = any(place_terms <= set(terms(r)) for r in regions.values())
                if has_region:
                    own = place_terms <= set(terms(regions.get(figure.path, "")))
                else:
                    own = place_terms <= set(terms(figure.quote))
                aspect = "amount" if row.aspect == "income" else row.aspect
                typed = aspect not in figures or bool(figures[aspect].search(figure.text))
                if figure.text in figure.quote and fold_ws(figure.quote) in source and own and typed:
                    good += 1
                else:
                    failed.append(f"{cell.place}/{row.label}: {figure.text} ({figure.path})")
    return good, total, failed


def score(
    assistant: Assistant, cases: list[CompareCase], progress: Callable[[int, int], None] | None = None
) -> dict[str, Any]:
    """Every case's table and its scores, and the totals."""
    data_dir = assistant.settings.data_dir
    regions = {a.path: a.meta.region or "" for a in assistant.index.snapshot().listings.values()}
    results: list[dict[str, Any]] = []
    found = expected = good = total = named = uncovered = forbidden = 0
    for done, case in enumerate(cases, start=1):
        table = table_for(assistant, case)
        record: dict[str, Any] = {"id": case.id, "missed": [], "ungrounded": [], "forbidden": []}
        if table is None:
            record["error"] = "not read as a comparison"
            expected += len(case.expect)
            uncovered += len(case.not_covered)
            record["missed"] = [f"{e['place']}: {e['figure']}" for e in case.expect]
            results.append(record)
            continue
        record["table"] = table.markdown()
        for item in case.expect:
            expected += 1
            index = _column(table, item["place"])
            if index is not None and _in_cell(table, index, item):
                found += 1
            else:
                record["missed"].append(f"{item['place']}: {item['figure']} ({item.get('aspect')})")
        for place in case.not_covered:
            uncovered += 1
            index = _column(table, place)
            if index is not None and not table.columns[index].covered and place in " ".join(table.summary):
                named += 1
            else:
                record["missed"].append(f"{place}: not named as not covered")
        for item in case.forbid:
            index = _column(table, item["place"])
            pattern = re.compile(item["figure"], re.IGNORECASE)
            if index is not None and any(
                pattern.search(f.text) for r in table.rows for f in r.cells[index].figures
            ):
                forbidden += 1
                record["forbidden"].append(f"{item['place']}: {item['figure']}")
        ok, count, failed = _grounded(table, data_dir, regions)
        good += ok
        total += count
        record["ungrounded"] = failed
        results.append(record)
        if progress:
            progress(done, len(cases))
    totals = {
        "cases": len(cases),
        "expected_figures": expected,
        "cell_accuracy": found / expected if expected else 1.0,
        "figures_in_cells": total,
        "grounded": good / total if total else 1.0,
        "coverage_accuracy": named / uncovered if uncovered else 1.0,
        "forbidden_hits": forbidden,
    }
    return {"totals": totals, "cases": results}


def thresholds(totals: dict[str, Any], bars: dict[str, float]) -> tuple[dict[str, Any], bool]:
    """Each threshold with whether it is met, and whether all are."""
    out: dict[str, Any] = {}
    for name, (op, default) in THRESHOLDS.items():
        bar = bars.get(name, default)
        value = totals[name]
        passed = value >= bar if op == ">=" else value <= bar
        out[name] = {"op": op, "threshold": bar, "passed": passed}
    return out, all(t["passed"] for t in out.values())

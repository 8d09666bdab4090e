"""Scoring answers against a question set (the format of evals/FORMAT): retrieval, facts, citations."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.answer import Answer
from assistant.errors import AssistantError

_MARKER = re.compile(r"\[\d+\]")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True)
class Case:
    """One question-set line."""

    id: str
    kind: str
    turns: list[str]
    sources: list[str] = field(default_factory=list)
    facts: list[list[str]] = field(default_factory=list)
    decline: bool = False
    forbid: list[str] = field(default_factory=list)


def parse_case(line: str) -> Case:
    """One JSON Lines case; ValueError, KeyError or TypeError when it is not one."""
    data = json.loads(line)
    turns = data["turns"]
    if not isinstance(turns, list) or not turns:
        raise ValueError("'turns' must be a non-empty list")
    return Case(
        id=str(data["id"]),
        kind=str(data.get("kind", "fact")),
        turns=list(turns),
        sources=list(data.get("sources", [])),
        facts=[list(f) for f in data.get("facts", [])],
        decline=bool(data.get("decline", False)),
        forbid=list(data.get("forbid", [])),
    )


def load_cases(path: Path) -> list[Case]:
    """Read a JSON Lines question set; a bad line is an error naming its number."""
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            cases.append(parse_case(line))
        except (ValueError, KeyError, TypeError) as exc:
            raise AssistantError(f"{path}:{number}: not a valid case ({exc})") from exc
    return cases


def numbers_in(text: str) -> set[str]:
    """The figures in a text, thousands separators dropped ("[n]" markers are not figures)."""
    return {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(_MARKER.sub(" ", text))}


@dataclass
class CaseScore:
    """How one answer fared."""

    id: str
    kind: str
    declined: bool
    gold_first: bool | None  # None for cases that must be declined
    reciprocal_rank: float | None
    facts_found: int
    facts_total: int
    cited: int
    cited_relevant: int
    numbers_faithful: bool
    forbidden_found: list[str]
    decline_correct: bool
    seconds: float
    answer: str

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return dict(self.__dict__)


def score_case(case: Case, answer: Answer, seconds: float, cited_texts: dict[str, str]) -> CaseScore:
    """Score one answer; cited_texts maps each cited path to the article text it quotes from."""
    paths = list(dict.fromkeys(c.path for c in answer.citations))
    rank = next((i for i, p in enumerate(paths, start=1) if p in case.sources), None)
    found = sum(
        any(re.search(alt, answer.answer, re.IGNORECASE) for alt in alternatives)
        for alternatives in case.facts
    )
    cited_numbers = set().union(*(numbers_in(cited_texts.get(p, "")) for p in paths)) if paths else set()
    faithful = numbers_in(answer.answer) <= cited_numbers if not answer.declined else True
    forbidden = [f for f in case.forbid if f.lower() in answer.answer.lower()]
    return CaseScore(
        id=case.id,
        kind=case.kind,
        declined=answer.declined,
        gold_first=None if case.decline else bool(paths) and paths[0] in case.sources,
        reciprocal_rank=None if case.decline else (1.0 / rank if rank else 0.0),
        facts_found=found,
        facts_total=len(case.facts),
        cited=len(paths),
        cited_relevant=sum(p in case.sources for p in paths),
        numbers_faithful=faithful,
        forbidden_found=forbidden,
        decline_correct=(answer.declined and not answer.citations) == case.decline,
        seconds=seconds,
        answer=answer.answer,
    )


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def summarize(scores: list[CaseScore]) -> dict[str, Any]:
    """Totals over a run: the figures the thresholds are checked on."""
    answerable = [s for s in scores if s.gold_first is not None]
    must_decline = [s for s in scores if s.gold_first is None]
    cited = sum(s.cited for s in answerable)
    facts = sum(s.facts_total for s in answerable)
    times = [s.seconds for s in scores]
    return {
        "cases": len(scores),
        "gold_first": sum(bool(s.gold_first) for s in answerable) / max(len(answerable), 1),
        "mrr": sum(s.reciprocal_rank or 0.0 for s in answerable) / max(len(answerable), 1),
        "fact_recall": sum(s.facts_found for s in answerable) / max(facts, 1),
        "citation_precision": sum(s.cited_relevant for s in answerable) / max(cited, 1),
        "answered_wrongly_declined": sum(s.declined for s in answerable),
        "decline_accuracy": sum(s.decline_correct for s in must_decline) / max(len(must_decline), 1),
        "number_faithfulness": sum(s.numbers_faithful for s in scores) / max(len(scores), 1),
        "forbidden_hits": sum(bool(s.forbidden_found) for s in scores),
        "latency_p50_ms": 1000 * _percentile(times, 0.5),
        "latency_p95_ms": 1000 * _percentile(times, 0.95),
    }

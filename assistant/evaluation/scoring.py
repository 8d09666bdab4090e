"""Scoring one answer against its case, and totals over a run: retrieval, facts, citations, figures."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from assistant.answering.answer import Answer
from assistant.evaluation.cases import Case
from assistant.evaluation.support import SupportChecker, numbers_in, statements
from assistant.language.numerals import to_english_figures

RECALL_AT = (1, 5, 10)


@dataclass
class CaseScore:
    """How one answer fared."""

    id: str
    kind: str
    question: str
    must_decline: bool
    declined: bool
    ranking: list[str]  # articles in the pipeline's order: the cited ones first, then the rest retrieved
    cited: list[str]  # cited articles, in citation order
    gold_first: bool | None  # None for cases that must be declined
    reciprocal_rank: float | None
    recall_at: dict[str, float]  # "1", "5", "10": share of the case's sources in the top k of ranking
    facts_found: int
    facts_total: int
    missing_facts: list[str]
    cited_relevant: int  # cited articles that are among the case's sources
    sources_cited: int  # the case's sources that the answer cites
    sources_total: int
    statements: int  # ALCE: sentences of the answer
    statements_supported: int  # ... whose cited passages support them together
    citations: int  # ALCE: (sentence, citation) pairs
    citations_credited: int  # ... that are not irrelevant to their sentence
    numbers_faithful: bool
    unfaithful_numbers: list[str]
    forbidden_found: list[str]
    decline_correct: bool
    seconds: float
    answer: str
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CaseScore:
        """Inverse of as_dict (reports are read back by --compare)."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


_QUOTED = re.compile(r"“([^”]{1,400})”")


def _unless_asked(quoted: re.Match[str], asked: set[str]) -> str:
    """A quotation whose figures are all the asker's own (the question quoted back, perhaps reworded)."""
    return "" if numbers_in(quoted.group(1)) <= asked else quoted.group(0)


def score_case(
    case: Case,
    answer: Answer,
    seconds: float,
    texts: dict[str, str],
    ranking: list[str] | None = None,
    support: SupportChecker | None = None,
) -> CaseScore:
    """Score one answer; texts maps each cited path to its article text, ranking is the retrieval order."""
    cited = list(dict.fromkeys(c.path for c in answer.citations))
    ranked = list(dict.fromkeys([*cited, *(ranking or [])]))
    gold = set(case.sources)
    rank = next((i for i, p in enumerate(ranked, start=1) if p in gold), None)
    missing = [alts[0] for alts in case.facts if not any(re.search(a, answer.answer, re.I) for a in alts)]
    checker = support or SupportChecker()
    said = [] if answer.declined else statements(answer)
    # "The Wenzhou article does not give an answer to “... 8万元 ... ?”": the asker's own words, quoted
    # (and quoted in translation: "三年内" read back as "3 years" is still the asker's figure)
    turns = " ".join(case.turns)
    asked = numbers_in(turns) | numbers_in(to_english_figures(turns))
    unquoted = replace(answer, answer=_QUOTED.sub(lambda m: _unless_asked(m, asked), answer.answer))
    own_words = [] if answer.declined else statements(unquoted)
    unfaithful = sorted({n for s in own_words for n in checker.unfaithful_numbers(s, texts, cited)})
    alce = checker.alce(said, texts)
    return CaseScore(
        id=case.id,
        kind=case.kind,
        question=case.turns[-1],
        must_decline=case.decline,
        declined=answer.declined,
        ranking=ranked[: max(RECALL_AT)],
        cited=cited,
        gold_first=None if case.decline else bool(ranked) and ranked[0] in gold,
        reciprocal_rank=None if case.decline else (1.0 / rank if rank else 0.0),
        recall_at={
            str(k): len(gold & set(ranked[:k])) / len(gold) for k in RECALL_AT if gold and not case.decline
        },
        facts_found=len(case.facts) - len(missing),
        facts_total=len(case.facts),
        missing_facts=missing,
        cited_relevant=sum(p in gold for p in cited),
        sources_cited=len(gold & set(cited)),
        sources_total=len(gold),
        statements=alce.statements,
        statements_supported=alce.supported,
        citations=alce.citations,
        citations_credited=alce.credited,
        numbers_faithful=not unfaithful,
        unfaithful_numbers=unfaithful,
        forbidden_found=[f for f in case.forbid if f.lower() in answer.answer.lower()],
        decline_correct=(answer.declined and not answer.citations) == case.decline,
        seconds=seconds,
        answer=answer.answer,
    )


def percentile(values: list[float], q: float) -> float:
    """The q-quantile by nearest rank (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def _share(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def summarize(scores: list[CaseScore]) -> dict[str, Any]:
    """Totals over a run (None where no case measures a figure): what thresholds are checked on."""
    answerable = [s for s in scores if not s.must_decline]
    must_decline = [s for s in scores if s.must_decline]
    with_statements = [s for s in answerable if s.statements]
    with_citations = [s for s in answerable if s.citations]
    times = [s.seconds for s in scores]
    totals: dict[str, Any] = {
        "cases": len(scores),
        "answerable": len(answerable),
        "must_decline": len(must_decline),
        "gold_first": _share(sum(bool(s.gold_first) for s in answerable), len(answerable)),
        "mrr": _share(sum(s.reciprocal_rank or 0.0 for s in answerable), len(answerable)),
    }
    for k in RECALL_AT:
        measured = [s.recall_at[str(k)] for s in answerable if str(k) in s.recall_at]
        totals[f"recall@{k}"] = _share(sum(measured), len(measured))
    totals.update(
        {
            "fact_recall": _share(
                sum(s.facts_found for s in answerable), sum(s.facts_total for s in answerable)
            ),
            "citation_precision": _share(
                sum(s.cited_relevant for s in answerable), sum(len(s.cited) for s in answerable)
            ),
            "source_recall": _share(
                sum(s.sources_cited for s in answerable), sum(s.sources_total for s in answerable)
            ),
            # ALCE averages per answer, then over answers.
            "alce_citation_recall": _share(
                sum(s.statements_supported / s.statements for s in with_statements), len(with_statements)
            ),
            "alce_citation_precision": _share(
                sum(s.citations_credited / s.citations for s in with_citations), len(with_citations)
            ),
            "wrongly_declined": sum(s.declined for s in answerable),
            "decline_accuracy": _share(sum(s.decline_correct for s in must_decline), len(must_decline)),
            "number_faithfulness": _share(sum(s.numbers_faithful for s in scores), len(scores)),
            "forbidden_hits": sum(bool(s.forbidden_found) for s in scores),
            "errors": sum(s.error is not None for s in scores),
            "latency_p50_ms": round(1000 * percentile(times, 0.5), 1),
            "latency_p95_ms": round(1000 * percentile(times, 0.95), 1),
            "latency_max_ms": round(1000 * max(times, default=0.0), 1),
        }
    )
    return totals


def by_kind(scores: list[CaseScore]) -> dict[str, dict[str, Any]]:
    """Totals for each kind of case, in the order kinds first appear."""
    kinds = list(dict.fromkeys(s.kind for s in scores))
    return {kind: summarize([s for s in scores if s.kind == kind]) for kind in kinds}


__all__ = ["RECALL_AT", "CaseScore", "by_kind", "numbers_in", "percentile", "score_case", "summarize"]

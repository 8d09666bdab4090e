"""The evaluation suite: question sets, scoring, look-alike distractors, reports and benchmarks."""

from assistant.evaluation.cases import Case, load_cases, parse_case
from assistant.evaluation.scoring import CaseScore, score_case, summarize
from assistant.evaluation.support import numbers_in

__all__ = ["Case", "CaseScore", "load_cases", "numbers_in", "parse_case", "score_case", "summarize"]

"""The evaluation tools: deterministic look-alikes, and scoring that catches bad answers."""

import re

from assistant.answer import Answer, Citation
from assistant.evaluation import Case, numbers_in, score_case, summarize
from evals.lookalikes import SEED_NAMES, generate


def test_lookalikes_are_deterministic_and_prefix_stable() -> None:
    first = list(generate(30, seed=3))
    assert first == list(generate(30, seed=3))
    assert first[:10] == list(generate(10, seed=3))
    assert first != list(generate(30, seed=4))


def test_lookalikes_never_name_a_seed_place() -> None:
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in SEED_NAMES) + r")\b")
    for _, text in generate(200, seed=0):
        assert not pattern.search(text)


def _answer(text: str, paths: list[str], declined: bool = False) -> Answer:
    citations = [Citation(i, None, None, None, None, p, "q", 0.1) for i, p in enumerate(paths, 1)]
    return Answer("q", text, declined, citations)


def test_scoring_counts_gold_facts_citations_and_numbers() -> None:
    case = Case("c1", "figure", ["q"], sources=["corpus/a.txt"], facts=[["10,000 yuan"], ["graduates?"]])
    good = score_case(
        case,
        _answer("Graduates get 10,000 yuan. [1]", ["corpus/a.txt"]),
        0.01,
        {"corpus/a.txt": "graduates get 10,000 yuan"},
    )
    assert good.gold_first and good.facts_found == 2 and good.numbers_faithful
    bad = score_case(
        case,
        _answer("They get 20,000 yuan. [1] [2]", ["corpus/b.txt", "corpus/a.txt"]),
        0.01,
        {"corpus/a.txt": "10,000 yuan", "corpus/b.txt": "nothing"},
    )
    assert not bad.gold_first and bad.reciprocal_rank == 0.5
    assert not bad.numbers_faithful and bad.cited_relevant == 1
    totals = summarize([good, bad])
    assert totals["gold_first"] == 0.5 and totals["citation_precision"] == 2 / 3


def test_decline_cases_need_a_decline_with_no_citations() -> None:
    case = Case("c2", "out_of_corpus", ["q"], decline=True, forbid=["1 billion"])
    declined = score_case(case, _answer("The corpus does not say.", [], declined=True), 0.0, {})
    assert declined.decline_correct and not declined.forbidden_found
    fooled = score_case(case, _answer("It is 1 billion yuan. [1]", ["corpus/a.txt"]), 0.0, {})
    assert not fooled.decline_correct and fooled.forbidden_found == ["1 billion"]
    assert numbers_in("Up 12.1% to 2,100 [1].") == {"12.1", "2100"}

"""The tuned question set, answered by the real model over the seed corpus, meets the CI bar.

The held-out set is measured, not gated: it checks that tuning generalises (see the README).
"""

from pathlib import Path

import pytest

from assistant import Settings
from assistant.evaluation.runner import EvalSpec, evaluate

EVALS = Path(__file__).parent.parent / "evals"


@pytest.mark.slow
def test_question_set_on_the_seed_corpus(tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path / "index")
    spec = EvalSpec(questions=EVALS / "questions.jsonl", settings=settings, work=tmp_path / "work")
    report = evaluate(spec)
    failed = {k: t for k, t in report["thresholds"].items() if not t["passed"]}
    assert not failed, failed
    assert report["totals"]["cases"] >= 80
    assert report["totals"]["alce_citation_recall"] >= 0.95

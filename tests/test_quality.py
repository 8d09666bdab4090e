"""The bundled question set, answered by the real model over the seed corpus, meets the bar."""

import json
from pathlib import Path

import pytest

from evals import check

EVALS = Path(__file__).parent.parent / "evals"


@pytest.mark.slow
def test_question_set_on_the_seed_corpus(tmp_path: Path) -> None:
    argv = ["--cases", str(EVALS / "questions.jsonl"), "--distractors", "0", "--work", str(tmp_path)]
    assert check.main(argv) == 0
    totals = json.loads((tmp_path / "scores.json").read_text(encoding="utf-8"))["totals"]
    assert totals["cases"] >= 80
    assert totals["gold_first"] >= 0.95
    assert totals["fact_recall"] >= 0.90
    assert totals["citation_precision"] >= 0.95
    assert totals["decline_accuracy"] == 1.0
    assert totals["number_faithfulness"] == 1.0
    assert totals["forbidden_hits"] == 0

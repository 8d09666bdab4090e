"""`policy-assistant eval`: reports written, comparisons, thresholds and settings, on the tiny corpus."""

import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

CASES: list[dict[str, Any]] = [
    {
        "id": "subsidy",
        "kind": "figure",
        "turns": ["How much is the Harbor City housing subsidy for engineers?"],
        "sources": ["corpus/harbor_city.txt"],
        "facts": [["1,500 yuan"]],
    },
    {
        "id": "stations",
        "kind": "fact",
        "turns": ["How many rural talent stations will Pine County set up?"],
        "sources": ["corpus/pine_county.txt"],
        "facts": [["12 rural talent stations"]],
    },
    {
        "id": "beijing",
        "kind": "out_of_corpus",
        "turns": ["What is the minimum wage in Beijing?"],
        "sources": [],
        "facts": [],
        "decline": True,
    },
]


pytestmark = pytest.mark.usefixtures("cli_fake_model")


def write_cases(path: Path, cases: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    return path


def test_eval_writes_the_report_and_compares_runs(data_dir: Path, tmp_path: Path) -> None:
    questions = write_cases(tmp_path / "q.jsonl", CASES)
    config = tmp_path / "config.json"
    config.write_text('{"top_k": 7}', encoding="utf-8")
    first = tmp_path / "first"
    code, out, err = run_cli(
        "--data-dir", str(data_dir), "eval", str(questions), "--config", str(config), "--out", str(first)
    )
    assert code == 0, err
    assert "fact_recall: 1.000" in out and "thresholds: all met" in out
    report = json.loads((first / "report.json").read_text(encoding="utf-8"))
    assert report["settings"]["top_k"] == 7 and report["settings"]["embedder"] == "fake-hash-embedder"
    assert report["totals"]["decline_accuracy"] == 1.0 and report["totals"]["gold_first"] == 1.0
    assert report["command"].startswith("policy-assistant --data-dir")
    assert {c["id"] for c in report["cases"]} == {"subsidy", "stations", "beijing"}
    assert set(report["by_kind"]) == {"figure", "fact", "out_of_corpus"}
    assert "## By kind of case" in (first / "report.md").read_text(encoding="utf-8")
    for png in ("scores_by_kind.png", "latency.png"):
        assert (first / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    # The same cases with one fact nobody can find: a regression, case by case.
    changed = [dict(CASES[0], facts=[["1,500 yuan"], ["free lunch"]]), *CASES[1:]]
    write_cases(questions, changed)
    code, out, err = run_cli(
        "--data-dir",
        str(data_dir),
        "eval",
        str(questions),
        "--out",
        str(tmp_path / "second"),
        "--compare",
        str(first / "report.json"),
        "--strict",
    )
    assert code == 1, err  # --strict: key-fact recall 2/3 misses its threshold
    assert "fact_recall: 0.667  (>= 0.9: MISSED)" in out
    assert "Worse (1):\n  - subsidy: facts 1/1->1/2" in out
    assert "key-fact recall: 1.000 -> 0.667" in out
    assert (tmp_path / "second" / "compare.txt").is_file()


def test_distractors_are_generated_once_and_kept(data_dir: Path, tmp_path: Path) -> None:
    questions = write_cases(tmp_path / "q.jsonl", CASES)
    argv = [
        "--data-dir",
        str(data_dir),
        "eval",
        str(questions),
        "--distractors",
        "6",
        "--out",
        str(tmp_path / "o"),
    ]
    code, _, err = run_cli(*argv)
    assert code == 0, err
    report = json.loads((tmp_path / "o" / "report.json").read_text(encoding="utf-8"))
    assert report["build"]["index"].startswith("8 added") and report["distractors"]["n"] == 6
    code, _, err = run_cli(*argv)
    report = json.loads((tmp_path / "o" / "report.json").read_text(encoding="utf-8"))
    assert report["build"]["index"].startswith("0 added, 0 updated, 8 unchanged")


def test_a_bad_config_is_one_line_naming_the_setting(data_dir: Path, tmp_path: Path) -> None:
    questions = write_cases(tmp_path / "q.jsonl", CASES)
    config = tmp_path / "config.json"
    for text, expected in (
        ('{"top_kk": 3}', "unknown setting 'top_kk'; known: data_dir"),
        ('{"top_k": 0}', "invalid value for 'top_k'"),
        ("[1]", "must hold an object of settings"),
        ("{top_k", "is not valid JSON"),
    ):
        config.write_text(text, encoding="utf-8")
        code, out, err = run_cli(
            "--data-dir",
            str(data_dir),
            "eval",
            str(questions),
            "--config",
            str(config),
            "--out",
            str(tmp_path / "o"),
        )
        assert code == 1 and out == ""
        assert err.startswith("error: ") and expected in err and err.count("\n") == 1, err
    toml = tmp_path / "config.toml"
    toml.write_text("max_sources = 1\n", encoding="utf-8")
    code, _, err = run_cli(
        "--data-dir",
        str(data_dir),
        "eval",
        str(questions),
        "--config",
        str(toml),
        "--out",
        str(tmp_path / "t"),
    )
    assert code == 0, err
    report = json.loads((tmp_path / "t" / "report.json").read_text(encoding="utf-8"))
    assert report["settings"]["max_sources"] == 1


def test_compare_needs_a_report_and_questions_need_to_exist(data_dir: Path, tmp_path: Path) -> None:
    questions = write_cases(tmp_path / "q.jsonl", CASES)
    (tmp_path / "old.json").write_text('{"something": "else"}', encoding="utf-8")
    code, _, err = run_cli(
        "--data-dir",
        str(data_dir),
        "eval",
        str(questions),
        "--out",
        str(tmp_path / "o"),
        "--compare",
        str(tmp_path / "old.json"),
    )
    assert code == 1 and "is not a report.json written by policy-assistant eval" in err
    code, _, err = run_cli(
        "--data-dir", str(data_dir), "eval", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "o")
    )
    assert code == 1 and "cannot read the question set" in err


def test_bench_reports_each_size_with_the_hash_embedder(data_dir: Path, tmp_path: Path) -> None:
    questions = write_cases(tmp_path / "q.jsonl", CASES)
    code, out, err = run_cli(
        "--data-dir", str(data_dir), "bench", "--sizes", "3,5", "--embedder", "hash",
        "--questions", str(questions), "--out", str(tmp_path / "b"),
    )  # fmt: skip
    assert code == 0, err
    results = json.loads((tmp_path / "b" / "bench.json").read_text(encoding="utf-8"))["results"]
    assert [r["articles_total"] for r in results] == [5, 7]  # the two tiny articles plus the look-alikes
    for r in results:
        assert r["ingest"]["chunks"] > 0 and r["reingest_one_changed"]["updated"] == 1
        assert r["query"]["questions"] == 3 and r["peak_rss_mb"] > 0
        assert r["fresh"]["first_answer_s"] > 0 and r["fresh"]["peak_rss_mb"] > 0  # a restarted app
        assert set(r["disk_mb"]) == {"records", "bm25_segments", "vectors"}
    assert "| 7 | hash | embedded |" in out
    code, _, err = run_cli(
        "--data-dir", str(data_dir), "bench", "--sizes", "ten", "--out", str(tmp_path / "b")
    )
    assert code == 1 and "--sizes takes numbers" in err
    # Again on the index the first run left: only the file the re-ingest changed is read again.
    code, out, err = run_cli(
        "--data-dir", str(data_dir), "bench", "--sizes", "5", "--embedder", "hash", "--reuse-index",
        "--questions", str(questions), "--out", str(tmp_path / "b"),
    )  # fmt: skip
    assert code == 0, err
    [again] = json.loads((tmp_path / "b" / "bench.json").read_text(encoding="utf-8"))["results"]
    assert again["reused_index"] and again["ingest"]["chunks"] < results[1]["ingest"]["chunks"]


def test_bench_with_a_burner_measures_each_size_alone_and_beside_it(data_dir: Path, tmp_path: Path) -> None:
    questions = write_cases(tmp_path / "q.jsonl", CASES)
    code, out, err = run_cli(
        "--data-dir", str(data_dir), "bench", "--sizes", "3", "--embedder", "hash", "--burner",
        "--questions", str(questions), "--out", str(tmp_path / "b"),
    )  # fmt: skip
    assert code == 0, err
    results = json.loads((tmp_path / "b" / "bench.json").read_text(encoding="utf-8"))["results"]
    assert [(r["articles_total"], r["burner"]) for r in results] == [(5, 0), (5, 1)]
    assert "| 5 | hash | embedded | 0 |" in out and "| 5 | hash | embedded | 1 |" in out
    code, _, err = run_cli(
        "--data-dir", str(data_dir), "bench", "--burner", "-1", "--out", str(tmp_path / "b")
    )
    assert code == 1 and "--burner takes a number of processes" in err


def test_the_burner_spins_for_the_block_and_stops_after_it() -> None:
    import time

    from assistant.evaluation.burner import burning

    with burning(1) as pids:
        assert len(pids) == 1
        before = _cpu_seconds(pids[0])
        time.sleep(0.5)
        assert _cpu_seconds(pids[0]) > before  # it burns
    assert not os.path.exists(f"/proc/{pids[0]}") or _state(pids[0]) == "Z"
    with burning(0) as none:
        assert none == []


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]

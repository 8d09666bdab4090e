"""Crash safety for real: an ingest process killed with SIGKILL at any point leaves the previous
index answering, and the next ingest completes the work. Two ingests at once: the second refuses."""

import io
import json
import os
import random
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import requires_chroma

from assistant import Assistant, Settings, cli
from assistant.errors import IngestBusy
from assistant.evaluation.lookalikes import generate

WORKER = Path(__file__).parent / "ingest_worker.py"
EXTRA = 150  # look-alike articles: their ~650 chunks take two embedding batches
OLD, NEW = "1,500 yuan", "9,999 yuan"


def _start(
    mode: str, data_dir: Path, pause_at: str | None = None, env: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    argv = [sys.executable, str(WORKER), mode, str(data_dir), *([pause_at] if pause_at else [])]
    return subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _run(mode: str, data_dir: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run one step in a new process; its last line of output, as JSON."""
    proc = _start(mode, data_dir, env=env)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err[-3000:]
    return dict(json.loads(out.strip().splitlines()[-1]))


def _read_line(proc: subprocess.Popen[str], timeout: float = 120.0) -> str:
    assert proc.stdout is not None
    # A selector, not select.select: by now this process may hold more than 1,024 descriptors (every
    # in-process CLI run on a new data folder keeps its embedded Chroma open), beyond select()'s reach.
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        ready = selector.select(timeout)
    assert ready, "the ingest worker said nothing"
    return proc.stdout.readline()


def _kill_at(data_dir: Path, phase: str, env: dict[str, str] | None = None) -> None:
    """Start an ingest, let it reach the phase, SIGKILL it there."""
    proc = _start("ingest", data_dir, phase, env)
    try:
        assert _read_line(proc).startswith("STARTED")
        line = _read_line(proc)
        assert line.startswith("PAUSED"), line
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


@pytest.fixture
def world(data_dir: Path) -> Path:
    """The tiny corpus plus look-alikes, ingested once: the index that must keep serving."""
    for name, text in generate(EXTRA, seed=7):
        (data_dir / "corpus" / name).write_text(text, encoding="utf-8")
    _run("ingest", data_dir)
    return data_dir


def _change(data_dir: Path, round_: int = 1) -> None:
    """A new version of the corpus: Harbor City's subsidy changes, every look-alike is edited,
    one is removed."""
    corpus = data_dir / "corpus"
    harbor = corpus / "harbor_city.txt"
    harbor.write_text(harbor.read_text(encoding="utf-8").replace("1,500", "9,999"), encoding="utf-8")
    for path in sorted(corpus.glob("lookalike_*.txt")):
        path.write_text(path.read_text(encoding="utf-8") + f"\nRevision {round_}.\n", encoding="utf-8")
    sorted(corpus.glob("lookalike_*.txt"))[-1].unlink()


def _assert_whole(found: dict[str, Any]) -> None:
    """Every chunk the snapshot serves has its vector and its BM25 postings."""
    assert found["vectors_missing"] == 0
    assert found["lexical_whole"]


def _assert_complete(found: dict[str, Any], articles: int) -> None:
    """After a completed ingest: the new version serves and nothing is left over."""
    _assert_whole(found)
    assert found["vectors_orphaned"] == 0
    assert found["segments_left_over"] == [] and found["temporary_files"] == []
    assert NEW in found["answer"]
    assert found["articles"] == articles


@pytest.mark.parametrize(
    ("phase", "committed"),
    [
        (r"^ingest: 512 of (at least )?\d+ chunks embedded", False),  # between two embedding batches
        (r"^ingest: (\d+) of \1 chunks embedded", False),  # every vector added, nothing committed
        (r"^ingest: lexical segments written", False),  # BM25 written, snapshot not yet
        (r"^ingest: snapshot \d+ committed", True),  # committed, stale vectors not yet deleted
    ],
    ids=["embedding", "vectors-added", "lexical-written", "committed"],
)
def test_sigkill_at_each_phase(world: Path, phase: str, committed: bool) -> None:
    _change(world)
    _kill_at(world, phase)

    found = _run("check", world)  # a new reader: a restarted app
    _assert_whole(found)
    if committed:
        assert found["generation"] == 2 and NEW in found["answer"]
    else:
        assert found["generation"] == 1 and OLD in found["answer"]  # the previous index, whole
        assert found["articles"] == EXTRA + 2

    # The next ingest completes the work, reusing the vectors the killed one stored.
    report = _run("ingest", world)
    if committed:
        assert report["chunks_embedded"] == 0 and not report["updated"]
    elif "512" not in phase:
        assert report["chunks_embedded"] == 0 and len(report["updated"]) == EXTRA
    else:
        assert 0 < report["chunks_embedded"] < 512  # only what the killed one had not stored
    _assert_complete(_run("check", world), EXTRA + 1)


def test_sigkill_at_random_moments(world: Path) -> None:
    rng = random.Random(6)
    for round_ in range(1, 4):
        _change(world, round_)
        proc = _start("ingest", world)
        assert _read_line(proc).startswith("STARTED")
        time.sleep(rng.uniform(0.0, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        found = _run("check", world)
        _assert_whole(found)
        assert OLD in found["answer"] or NEW in found["answer"]
    _run("ingest", world)
    _assert_complete(_run("check", world), EXTRA + 1 - 2)


@requires_chroma
def test_sigkill_with_a_chroma_server(world: Path, chroma_url: str) -> None:
    env = {**os.environ, "POLICY_ASSISTANT_CHROMA_URL": chroma_url}
    assert _run("ingest", world, env)["restored"]  # the vectors move to the server
    _change(world)
    _kill_at(world, r"^ingest: lexical segments written", env)
    found = _run("check", world, env)
    _assert_whole(found)
    assert OLD in found["answer"]
    assert _run("ingest", world, env)["chunks_embedded"] == 0
    _assert_complete(_run("check", world, env), EXTRA + 1)


@pytest.mark.usefixtures("cli_fake_model")  # this process's Assistants, the command line's too
def test_a_second_ingest_while_one_runs_is_refused(world: Path) -> None:
    _change(world)
    proc = _start("ingest", world, r"^ingest: 512 of")  # holds the lock, stopped mid-way
    try:
        assert _read_line(proc).startswith("STARTED")
        assert _read_line(proc).startswith("PAUSED")
        # The lock is taken before the store is opened: this process never touches Chroma.
        with pytest.raises(IngestBusy, match="another ingest is running on this index"):
            Assistant(Settings(data_dir=world)).ingest()
        out, err = io.StringIO(), io.StringIO()
        assert cli.main(["--data-dir", str(world), "ingest"], out=out, err=err) == 1
        (line,) = err.getvalue().strip().splitlines()
        assert line.startswith("error: another ingest is running on this index")
        assert OLD in _run("check", world)["answer"]  # meanwhile the previous index answers
        proc.send_signal(signal.SIGCONT)  # let it finish
        out, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0 and json.loads(out.splitlines()[-1])["updated"]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    _assert_complete(_run("check", world), EXTRA + 1)

"""A fresh process for the kill tests, with the fake embedder and the environment's settings.

    python ingest_worker.py ingest DATA_DIR [PATTERN]   ingest; with PATTERN, stop at that phase
    python ingest_worker.py check DATA_DIR              print what a new reader finds, as JSON

With PATTERN the process stops itself (SIGSTOP) when the index logs a phase matching it, after
printing `PAUSED <message>`, so the test can SIGKILL it at exactly that point. Each step runs in
its own process because Chroma's embedded store keeps per-process state: a new process is what a
restarted app or the next `policy-assistant ingest` is.
"""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
sys.path[:0] = [str(TESTS), str(TESTS.parent)]

from fakes import FakeEmbedder  # noqa: E402  (after the path set-up above)

from assistant import Assistant, Settings  # noqa: E402
from assistant.index import LEXICAL  # noqa: E402
from assistant.search.lexical import LexicalIndex  # noqa: E402

QUESTION = "What housing subsidy do engineers get in Harbor City?"


class StopAt(logging.Handler):
    """Stops the process at the first log message matching a pattern."""

    def __init__(self, pattern: str) -> None:
        super().__init__()
        self.pattern = re.compile(pattern)

    def emit(self, record: logging.LogRecord) -> None:
        """Print the message and stop, waiting for the test's SIGKILL."""
        message = record.getMessage()
        if self.pattern.search(message):
            print(f"PAUSED {message}", flush=True)
            os.kill(os.getpid(), signal.SIGSTOP)


def check(assistant: Assistant) -> dict[str, object]:
    """What a reader finds: the snapshot, whether every served chunk has its vector and its BM25
    postings, what is left over, and the answer to the test question."""
    index = assistant.index
    snapshot = index.snapshot()
    live = snapshot.chunk_ids()
    stored = index.store.ids()
    saved = LexicalIndex.open(index.folder / LEXICAL, snapshot.lexical, live)
    on_disk = {p.name for p in (index.folder / LEXICAL).iterdir()}
    return {
        "generation": snapshot.generation,
        "articles": len(snapshot.articles),
        "vectors_missing": len(live - stored),
        "vectors_orphaned": len(stored - live),
        "lexical_whole": set(saved.chunk_ids) == live,
        "segments_left_over": sorted(on_disk - set(snapshot.lexical)),
        "temporary_files": sorted(p.name for p in index.folder.rglob(".*tmp")),
        "answer": assistant.ask(QUESTION).answer,
    }


def main() -> int:
    """Run one step."""
    mode, data_dir = sys.argv[1], Path(sys.argv[2])
    if len(sys.argv) > 3:
        logger = logging.getLogger("assistant.index")
        logger.setLevel(logging.INFO)
        logger.addHandler(StopAt(sys.argv[3]))
    assistant = Assistant(Settings(data_dir=data_dir), embedder=FakeEmbedder())
    if mode == "check":
        print(json.dumps(check(assistant)), flush=True)
        return 0
    assistant.index.store  # noqa: B018  (open the store before saying the ingest starts)
    print("STARTED", flush=True)
    report = assistant.ingest()
    print(json.dumps(report.as_dict()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

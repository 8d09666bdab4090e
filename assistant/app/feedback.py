"""Staff feedback on answers: thumbs up or down with a comment, kept in a local SQLite file."""

from __future__ import annotations

import csv
import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from assistant.answering.answer import Answer
from assistant.errors import AssistantError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    comment TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL,
    turns TEXT NOT NULL,
    answer TEXT NOT NULL,
    declined INTEGER NOT NULL,
    citations TEXT NOT NULL
)
"""
FIELDS = ("id", "created_at", "rating", "comment", "question", "turns", "answer", "declined", "citations")
MAX_COMMENT_CHARS = 4000


@dataclass(frozen=True)
class Feedback:
    """One stored judgement of one answer."""

    id: int
    created_at: str
    rating: int  # +1 helpful, -1 not helpful
    comment: str
    question: str
    turns: list[str]
    answer: str
    declined: bool
    citations: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready record."""
        return {name: getattr(self, name) for name in FIELDS}


CASE_TODO = (
    "fill `sources` (the articles that answer the last turn) and `facts` (what the answer must say), "
    "or set `decline` to true when the corpus does not answer it; then delete `todo` (evals/FORMAT.md)"
)


def as_case(record: Feedback) -> dict[str, Any]:
    """A "not helpful" judgement as a question-set case (evals/FORMAT.md), its expectations left to staff."""
    return {
        "id": f"feedback-{record.id}",
        "kind": "feedback",
        "turns": record.turns or [record.question],
        "sources": [],
        "facts": [],
        "decline": False,
        "todo": CASE_TODO,
        "note": {
            "comment": record.comment,
            "answer": record.answer,
            "declined": record.declined,
            "cited": [citation["path"] for citation in record.citations],
            "judged": record.created_at,
        },
    }


class FeedbackStore:
    """Feedback in one SQLite file; safe to use from the app's worker threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=10)
        except (OSError, sqlite3.Error) as exc:
            raise AssistantError(
                f"cannot open the feedback database {self.path} ({exc}): "
                "set POLICY_ASSISTANT_FEEDBACK_DB to a writable file"
            ) from exc
        try:
            with connection:  # commits, or rolls back on an error
                connection.execute(_SCHEMA)
                yield connection
        finally:
            connection.close()

    def add(self, turns: list[str], answer: Answer, rating: int, comment: str = "") -> int:
        """Store a judgement of an answer; returns its id."""
        if rating not in (-1, 1):
            raise AssistantError("feedback is +1 (helpful) or -1 (not helpful)")
        record = (
            datetime.now(UTC).isoformat(timespec="seconds"),
            rating,
            comment.strip()[:MAX_COMMENT_CHARS],
            answer.question,
            json.dumps(turns, ensure_ascii=False),
            answer.answer,
            int(answer.declined),
            json.dumps(answer.to_json()["citations"], ensure_ascii=False),
        )
        with self._lock, self._connect() as db:
            cursor = db.execute(
                "INSERT INTO feedback (created_at, rating, comment, question, turns, answer, declined, "
                "citations) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                record,
            )
            return int(cursor.lastrowid or 0)

    def all(self) -> list[Feedback]:
        """Every judgement, oldest first."""
        if not self.path.exists():
            return []
        with self._lock, self._connect() as db:
            rows = db.execute(f"SELECT {', '.join(FIELDS)} FROM feedback ORDER BY id").fetchall()
        return [
            Feedback(
                id=row[0],
                created_at=row[1],
                rating=row[2],
                comment=row[3],
                question=row[4],
                turns=json.loads(row[5]),
                answer=row[6],
                declined=bool(row[7]),
                citations=json.loads(row[8]),
            )
            for row in rows
        ]

    def export(self, out: TextIO, fmt: str = "csv") -> int:
        """Write every judgement as CSV or JSON Lines; returns how many."""
        records = self.all()
        if fmt == "jsonl":
            for record in records:
                out.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
        elif fmt == "csv":
            writer = csv.writer(out)
            writer.writerow(FIELDS)
            for record in records:
                row = record.to_json()
                # Lists go into one cell each as JSON, so a spreadsheet keeps one row per judgement.
                row["turns"] = json.dumps(row["turns"], ensure_ascii=False)
                row["citations"] = json.dumps(row["citations"], ensure_ascii=False)
                writer.writerow([row[name] for name in FIELDS])
        else:
            raise AssistantError(f"unknown export format '{fmt}': use csv or jsonl")
        return len(records)

    def export_cases(self, out: TextIO) -> int:
        """Write each "not helpful" judgement as a question-set case (JSON Lines); returns how many."""
        misses = [record for record in self.all() if record.rating < 0]
        for record in misses:
            out.write(json.dumps(as_case(record), ensure_ascii=False) + "\n")
        return len(misses)

"""Indexes as older versions wrote them: the whole snapshot in one snapshot.json, or index.db with
one table of whole records."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

from assistant.records import DATABASE, LEGACY
from assistant.snapshot import Snapshot


def write_legacy(folder: Path, snapshot: Snapshot, pages: bool = True) -> None:
    """Replace the index's records by snapshot.json holding snapshot (without pages: as before PDFs
    kept their page numbers)."""
    articles = []
    for article in snapshot.articles.values():
        record = article.to_json()
        if not pages:
            record["chunks"] = [c[:3] for c in record["chunks"]]
        articles.append(record)
    data = {"generation": snapshot.generation, "lexical": snapshot.lexical, "articles": articles}
    for name in (DATABASE, f"{DATABASE}-wal", f"{DATABASE}-shm"):
        (folder / name).unlink(missing_ok=True)
    (folder / LEGACY).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def write_whole_records(folder: Path) -> None:
    """Turn index.db back into the layout before listings and bodies: one `articles` table holding
    each article's whole record."""
    with closing(sqlite3.connect(folder / DATABASE, isolation_level=None)) as db:
        db.execute("BEGIN IMMEDIATE")
        db.execute(
            "CREATE TABLE articles (path TEXT PRIMARY KEY, position INTEGER NOT NULL, sha256 TEXT NOT NULL, "
            "stamp TEXT, lacks_pages INTEGER NOT NULL, chunk_ids TEXT NOT NULL, record TEXT NOT NULL)"
        )
        db.execute(
            "INSERT INTO articles SELECT l.path, l.position, l.sha256, l.stamp, l.lacks_pages, l.chunk_ids, "
            "b.record FROM listings l JOIN bodies b USING (path)"
        )
        db.execute("DROP TABLE listings")
        db.execute("DROP TABLE bodies")
        db.execute("COMMIT")

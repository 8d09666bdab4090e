"""An index as versions before index.db wrote it: the whole snapshot in one snapshot.json."""

from __future__ import annotations

import json
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

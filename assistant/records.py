"""The index's records in SQLite (index.db, WAL): one row per article and the state of the last
commit (generation, BM25 segments, vectors left in the store, a token that names the commit).

An ingest changes rows inside one transaction and commits once, at the end: readers see the last
commit until then, and a killed ingest leaves it as it was. An index written before this (one
snapshot.json) is read as it is and copied into index.db by the next ingest."""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from assistant.ingest.pipeline import Known
from assistant.snapshot import Article, Snapshot

DATABASE = "index.db"
LEGACY = "snapshot.json"  # the whole snapshot as one JSON file, as versions before index.db wrote it
_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    path TEXT PRIMARY KEY,
    position INTEGER NOT NULL,  -- the articles' order, as the walk met them
    sha256 TEXT NOT NULL,
    stamp TEXT,
    lacks_pages INTEGER NOT NULL,
    chunk_ids TEXT NOT NULL,  -- space-separated
    record TEXT NOT NULL  -- Article.to_json
);
CREATE INDEX IF NOT EXISTS articles_by_position ON articles (position);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def _connect(path: Path, write: bool = False) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
    if write:
        db.execute("PRAGMA journal_mode=WAL")  # readers keep reading the last commit while one writes
        db.execute("PRAGMA synchronous=FULL")  # the commit is the publish: on disk when it returns
    return db


def _state(db: sqlite3.Connection) -> dict[str, str]:
    try:
        return dict(db.execute("SELECT key, value FROM state"))
    except sqlite3.OperationalError:  # no tables yet: an ingest has not begun
        return {}


def _legacy(folder: Path) -> Snapshot | None:
    path = folder / LEGACY
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    articles = [Article.from_json(a) for a in data["articles"]]
    # An index written before BM25 segments has none: the missing chunks are indexed again.
    return Snapshot({a.path: a for a in articles}, list(data.get("lexical", [])), data["generation"])


def load(folder: Path) -> Snapshot | None:
    """The last committed snapshot in folder (index.db, else an older version's snapshot.json)."""
    path = folder / DATABASE
    if path.is_file():
        with closing(_connect(path)) as db:
            db.execute("BEGIN")  # one read transaction: the state and the rows of the same commit
            state = _state(db)
            if "generation" in state:
                rows = db.execute("SELECT record FROM articles ORDER BY position")
                articles = [Article.from_json(json.loads(r)) for (r,) in rows]
                db.execute("COMMIT")
                lexical = json.loads(state["lexical"])
                return Snapshot({a.path: a for a in articles}, lexical, int(state["generation"]))
            db.execute("COMMIT")
    return _legacy(folder)


def version(folder: Path) -> str | None:
    """Names the last commit: changes with every ingest that commits; None without an index."""
    path = folder / DATABASE
    if path.is_file():
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)) as db:
            commit = _state(db).get("commit")
            if commit is not None:
                return commit
    try:
        return f"{LEGACY}:{(folder / LEGACY).stat().st_mtime_ns}"
    except OSError:
        return None


def exists(folder: Path) -> bool:
    """True once an ingest has committed in folder."""
    return version(folder) is not None


class Records:
    """The write side, for one ingest: every change in one transaction, published by commit()."""

    def __init__(self, db: sqlite3.Connection, folder: Path) -> None:
        self.db = db
        self.folder = folder
        state = _state(db)
        self.generation = int(state.get("generation", 0))
        self.lexical: list[str] = json.loads(state.get("lexical", "[]"))
        self.vectors = int(state["vectors"]) if "vectors" in state else None
        self.migrated = False

    @classmethod
    @contextmanager
    def open(cls, folder: Path) -> Iterator[Records]:
        """Begin an ingest's transaction (rolled back unless committed); an older version's snapshot.json
        is copied in first."""
        folder.mkdir(parents=True, exist_ok=True)
        with closing(_connect(folder / DATABASE, write=True)) as db:
            db.executescript(_SCHEMA)
            db.execute("BEGIN IMMEDIATE")
            try:
                records = cls(db, folder)
                legacy = _legacy(folder) if records.generation == 0 else None
                if legacy is not None:
                    records.put_all(legacy.articles.values())
                    records.generation, records.lexical = legacy.generation, legacy.lexical
                    records.migrated = True
                yield records
            finally:
                if db.in_transaction:
                    db.execute("ROLLBACK")

    def known(self) -> dict[str, Known]:
        """What the last commit knew of each file, in the articles' order."""
        rows = self.db.execute("SELECT path, sha256, stamp, lacks_pages FROM articles ORDER BY position")
        return {path: Known(sha, stamp, bool(lacks)) for path, sha, stamp, lacks in rows}

    def chunk_ids(self, paths: Iterable[str] | None = None) -> dict[str, list[str]]:
        """The chunk ids of the given articles (default: all), by path."""
        if paths is None:
            rows = self.db.execute("SELECT path, chunk_ids FROM articles ORDER BY position")
            return {path: ids.split() for path, ids in rows}
        found = {}
        for path in paths:
            row = self.db.execute("SELECT chunk_ids FROM articles WHERE path = ?", (path,)).fetchone()
            if row is not None:
                found[path] = row[0].split()
        return found

    def article(self, path: str) -> Article:
        """One article as recorded."""
        (record,) = self.db.execute("SELECT record FROM articles WHERE path = ?", (path,)).fetchone()
        return Article.from_json(json.loads(record))

    def snapshot(self) -> Snapshot:
        """Every article as this transaction has them, in order."""
        rows = self.db.execute("SELECT record FROM articles ORDER BY position")
        articles = [Article.from_json(json.loads(r)) for (r,) in rows]
        return Snapshot({a.path: a for a in articles}, list(self.lexical), self.generation)

    def put(self, article: Article, stamp: str | None, position: int = -1) -> None:
        """Add or replace an article's row (its position is set by order())."""
        self.db.execute(
            "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                article.path,
                position,
                article.sha256,
                stamp,
                int(article.lacks_pages()),
                " ".join(c.id for c in article.chunks),
                json.dumps(article.to_json(), ensure_ascii=False),
            ),
        )

    def put_all(self, articles: Iterable[Article]) -> None:
        """Add every article, in the order given, without stamps."""
        for position, article in enumerate(articles):
            self.put(article, None, position)

    def restamp(self, path: str, stamp: str | None) -> None:
        """Record a file's new stamp (its content is unchanged)."""
        self.db.execute("UPDATE articles SET stamp = ? WHERE path = ?", (stamp, path))

    def delete(self, paths: Iterable[str]) -> None:
        """Drop articles."""
        self.db.executemany("DELETE FROM articles WHERE path = ?", ((p,) for p in paths))

    def order(self, paths: list[str]) -> None:
        """Set the articles' order; only rows whose position moved are written."""
        have = dict(self.db.execute("SELECT path, position FROM articles"))
        moved = [(i, p) for i, p in enumerate(paths) if have.get(p) != i]
        self.db.executemany("UPDATE articles SET position = ? WHERE path = ?", moved)

    def commit(self, generation: int, lexical: list[str]) -> None:
        """Publish: readers see this transaction's articles from now on."""
        self._set(generation=str(generation), lexical=json.dumps(lexical), commit=secrets.token_hex(8))
        self.db.execute("DELETE FROM state WHERE key = 'vectors'")  # unknown until set_vectors()
        self.db.execute("COMMIT")
        self.generation, self.lexical = generation, lexical
        if self.migrated:
            (self.folder / LEGACY).unlink(missing_ok=True)

    def set_vectors(self, count: int) -> None:
        """Record how many vectors the store holds as the commit left it (after stale ones went)."""
        self.db.execute("BEGIN IMMEDIATE")
        self._set(vectors=str(count))
        self.db.execute("COMMIT")

    def _set(self, **values: str) -> None:
        self.db.executemany("INSERT OR REPLACE INTO state VALUES (?, ?)", values.items())

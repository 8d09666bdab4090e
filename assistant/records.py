"""The index's records in SQLite (index.db, WAL): every article's listing (its path, digest, stamp,
metadata and chunk ids: small rows, read whole by every serving process), its body (the sentences of
its chunks: read one article at a time, when a question needs it) and the state of the last commit
(generation, BM25 segments, vectors left in the store, a token that names the commit).

An ingest changes rows inside one transaction and commits once, at the end: readers see the last
commit until then, and a killed ingest leaves it as it was. A served snapshot keeps its read
transaction open, so the bodies it reads later are those of its own commit. Older indexes are read
as they are and converted by the next ingest: a snapshot.json, or index.db with one `articles` table
holding whole records."""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import fields
from pathlib import Path
from threading import Lock

from assistant.ingest.metadata import ArticleMeta
from assistant.ingest.pipeline import Known
from assistant.snapshot import Article, Listing, Snapshot

DATABASE = "index.db"
LEGACY = "snapshot.json"  # the whole snapshot as one JSON file, as versions before index.db wrote it
WHOLE = "articles"  # the table of whole records, as index.db held them before listings and bodies
META = tuple(f.name for f in fields(ArticleMeta))  # a column each: a listing is read without parsing
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS listings (
    path TEXT PRIMARY KEY,
    position INTEGER NOT NULL,  -- the articles' order, as the walk met them
    sha256 TEXT NOT NULL,
    stamp TEXT,
    lacks_pages INTEGER NOT NULL,
    doc_id TEXT NOT NULL,
    chunk_ids TEXT NOT NULL,  -- space-separated
    {", ".join(f"{name} TEXT" for name in META)}
);
CREATE INDEX IF NOT EXISTS listings_by_position ON listings (position);
CREATE TABLE IF NOT EXISTS bodies (path TEXT PRIMARY KEY, record TEXT NOT NULL);  -- Article.to_json
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_META_OF_RECORD = ", ".join(f"json_extract(record, '$.meta.{name}')" for name in META)
_SPLIT_WHOLE = (
    "INSERT INTO listings SELECT path, position, sha256, stamp, lacks_pages, "
    f"json_extract(record, '$.doc_id'), chunk_ids, {_META_OF_RECORD} FROM {WHOLE}",
    f"INSERT INTO bodies SELECT path, record FROM {WHOLE}",
    f"DROP TABLE {WHOLE}",
)


# Insert, or update in place (a new article's position is set by Records.order()).
_UPDATED = ("sha256", "stamp", "lacks_pages", "doc_id", "chunk_ids", *META)
_PUT = (
    f"INSERT INTO listings VALUES ({', '.join('?' * (7 + len(META)))}) ON CONFLICT (path) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in _UPDATED)
)


def _connect(path: Path, write: bool = False) -> sqlite3.Connection:
    target = path if write else f"file:{path}?mode=ro"
    db = sqlite3.connect(target, isolation_level=None, check_same_thread=False, timeout=30, uri=not write)
    if write:
        db.execute("PRAGMA journal_mode=WAL")  # readers keep reading the last commit while one writes
        db.execute("PRAGMA synchronous=FULL")  # the commit is the publish: on disk when it returns
    return db


def _state(db: sqlite3.Connection) -> dict[str, str]:
    try:
        return dict(db.execute("SELECT key, value FROM state"))
    except sqlite3.OperationalError:  # no tables yet: an ingest has not begun
        return {}


def _has_table(db: sqlite3.Connection, name: str) -> bool:
    found = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
    return found.fetchone() is not None


def _article(record: str) -> Article:
    return Article.from_json(json.loads(record))


def _listings(db: sqlite3.Connection) -> dict[str, Listing]:
    rows = db.execute(f"SELECT path, doc_id, chunk_ids, {', '.join(META)} FROM listings ORDER BY position")
    return {row[0]: Listing(row[0], row[1], ArticleMeta(*row[3:]), tuple(row[2].split())) for row in rows}


def _body(db: sqlite3.Connection, path: str) -> Article:
    """One article's body; KeyError when none is recorded."""
    row = db.execute("SELECT record FROM bodies WHERE path = ?", (path,)).fetchone()
    if row is None:
        raise KeyError(path)
    return _article(row[0])


def _reader(db: sqlite3.Connection) -> Callable[[str], Article]:
    """Reads one article's body at a time from any thread: one connection, one statement at once."""
    lock = Lock()

    def read(path: str) -> Article:
        with lock:
            return _body(db, path)

    return read


def _legacy(folder: Path) -> Snapshot | None:
    path = folder / LEGACY
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    articles = [Article.from_json(a) for a in data["articles"]]
    # An index written before BM25 segments has none: the missing chunks are indexed again.
    return Snapshot({a.path: a for a in articles}, list(data.get("lexical", [])), data["generation"])


def load(folder: Path) -> Snapshot | None:
    """The last committed snapshot in folder (index.db, else an older version's snapshot.json). Its
    listings are read now, its articles when first used, from the same commit."""
    path = folder / DATABASE
    if path.is_file():
        db = _connect(path)
        try:
            db.execute("BEGIN")  # one read transaction: the state and the rows of the same commit
            state = _state(db)
            if "generation" in state:
                lexical, generation = json.loads(state["lexical"]), int(state["generation"])
                if _has_table(db, WHOLE):  # written before listings and bodies: read it all now
                    rows = db.execute(f"SELECT record FROM {WHOLE} ORDER BY position")
                    articles = [_article(r) for (r,) in rows]
                    db.close()
                    return Snapshot({a.path: a for a in articles}, lexical, generation)
                # The transaction stays open while the snapshot lives: its bodies are this commit's.
                return Snapshot.stored(_listings(db), _reader(db), lexical, generation, close=db.close)
        except BaseException:
            db.close()
            raise
        db.close()
    return _legacy(folder)


def version(folder: Path) -> str | None:
    """Names the last commit: changes with every ingest that commits; None without an index."""
    path = folder / DATABASE
    if path.is_file():
        with closing(_connect(path)) as db:
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
                if _has_table(db, WHOLE):  # committed with the ingest, or not at all
                    for statement in _SPLIT_WHOLE:
                        db.execute(statement)
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
        rows = self.db.execute("SELECT path, sha256, stamp, lacks_pages FROM listings ORDER BY position")
        return {path: Known(sha, stamp, bool(lacks)) for path, sha, stamp, lacks in rows}

    def chunk_ids(self, paths: Iterable[str] | None = None) -> dict[str, list[str]]:
        """The chunk ids of the given articles (default: all), by path."""
        if paths is None:
            rows = self.db.execute("SELECT path, chunk_ids FROM listings ORDER BY position")
            return {path: ids.split() for path, ids in rows}
        found = {}
        for path in paths:
            row = self.db.execute("SELECT chunk_ids FROM listings WHERE path = ?", (path,)).fetchone()
            if row is not None:
                found[path] = row[0].split()
        return found

    def live_chunk_ids(self) -> set[str]:
        """Every chunk id of every article (joined by SQLite, split once: 432k ids in a tenth of a second)."""
        (joined,) = self.db.execute("SELECT group_concat(chunk_ids, ' ') FROM listings").fetchone()
        return set((joined or "").split())

    def article(self, path: str) -> Article:
        """One article as recorded."""
        return _body(self.db, path)

    def snapshot(self) -> Snapshot:
        """Every article as this transaction has them, in order (each read when first used)."""
        return Snapshot.stored(_listings(self.db), _reader(self.db), list(self.lexical), self.generation)

    def put(self, article: Article, stamp: str | None, position: int = -1) -> None:
        """Add an article, or replace it in its place (a new one's position is set by order())."""
        meta = article.meta.as_dict()
        self.db.execute(
            _PUT,
            (
                article.path,
                position,
                article.sha256,
                stamp,
                int(article.lacks_pages()),
                article.doc_id,
                " ".join(c.id for c in article.chunks),
                *(meta[name] for name in META),
            ),
        )
        record = json.dumps(article.to_json(), ensure_ascii=False)
        self.db.execute("INSERT OR REPLACE INTO bodies VALUES (?, ?)", (article.path, record))

    def put_all(self, articles: Iterable[Article]) -> None:
        """Add every article, in the order given, without stamps."""
        for position, article in enumerate(articles):
            self.put(article, None, position)

    def restamp(self, path: str, stamp: str | None) -> None:
        """Record a file's new stamp (its content is unchanged)."""
        self.db.execute("UPDATE listings SET stamp = ? WHERE path = ?", (stamp, path))

    def delete(self, paths: Iterable[str]) -> None:
        """Drop articles."""
        self.db.executemany("DELETE FROM listings WHERE path = ?", ((p,) for p in paths))
        self.db.executemany("DELETE FROM bodies WHERE path = ?", ((p,) for p in paths))

    def order(self, paths: list[str]) -> None:
        """Set the articles' order (positions 0, 1, ...); only rows whose position moved are written."""
        have = dict(self.db.execute("SELECT path, position FROM listings"))
        moved = [(i, p) for i, p in enumerate(paths) if have.get(p) != i]
        self.db.executemany("UPDATE listings SET position = ? WHERE path = ?", moved)

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

"""The index: incremental, crash-safe ingest and the snapshot that queries read."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.chunking import CHUNKER_VERSION, Chunk, chunk_article
from assistant.cleaning import CLEANER_VERSION, clean
from assistant.documents import iter_files, read_document
from assistant.embeddings import Embedder
from assistant.errors import IndexMissing, IngestBusy, SkippedDocument
from assistant.lexical import LexicalIndex
from assistant.metadata import ArticleMeta, load_catalog, read_meta
from assistant.settings import Settings
from assistant.store import ChromaStore, VectorStore

SNAPSHOT = "snapshot.json"
Progress = Callable[[int, int], None]


def collection_name(settings: Settings, embedder: Embedder) -> str:
    """Name the index by what built it, so changing any of these builds a new one."""
    recipe = (
        f"{embedder.name}|words={settings.chunk_words}|chunker={CHUNKER_VERSION}|cleaner={CLEANER_VERSION}"
    )
    digest = hashlib.sha1(recipe.encode()).hexdigest()[:8]
    slug = "".join(ch if ch.isalnum() else "-" for ch in embedder.name.lower()).strip("-")
    return f"{slug}-w{settings.chunk_words}-c{CHUNKER_VERSION}-k{CLEANER_VERSION}-{digest}"


@dataclass
class Article:
    """An indexed article: where it came from, what it is, and its chunks."""

    doc_id: str
    path: str
    sha256: str
    meta: ArticleMeta
    chunks: list[Chunk]

    def header(self) -> str:
        """A line that places any chunk of the article: region and title."""
        return " — ".join(p for p in (self.meta.region, self.meta.title) if p)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "doc_id": self.doc_id,
            "path": self.path,
            "sha256": self.sha256,
            "meta": self.meta.as_dict(),
            "chunks": [[c.id, list(c.sentences), list(c.breaks)] for c in self.chunks],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Article:
        """Inverse of to_json."""
        doc_id = data["doc_id"]
        chunks = [
            Chunk(id=cid, doc_id=doc_id, position=i, sentences=tuple(s), breaks=tuple(b))
            for i, (cid, s, b) in enumerate(data["chunks"])
        ]
        return cls(doc_id, data["path"], data["sha256"], ArticleMeta(**data["meta"]), chunks)


@dataclass
class Snapshot:
    """What one completed ingest produced; queries read only this."""

    articles: dict[str, Article]  # by path
    lexical_dir: str | None = None
    generation: int = 0

    def chunk_texts(self) -> tuple[list[str], list[str]]:
        """(chunk ids, header + text) for every chunk, in a stable order."""
        ids: list[str] = []
        texts: list[str] = []
        for article in self.articles.values():
            for chunk in article.chunks:
                ids.append(chunk.id)
                texts.append(f"{article.header()}\n{chunk.text}")
        return ids, texts

    def save(self, folder: Path) -> None:
        """Write atomically: readers see the old snapshot or the new one, never half."""
        data = {
            "generation": self.generation,
            "lexical_dir": self.lexical_dir,
            "articles": [a.to_json() for a in self.articles.values()],
        }
        tmp = folder / f".{SNAPSHOT}.tmp"
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, folder / SNAPSHOT)

    @classmethod
    def load(cls, folder: Path) -> Snapshot | None:
        """The last completed snapshot in folder, if any."""
        path = folder / SNAPSHOT
        if not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        articles = [Article.from_json(a) for a in data["articles"]]
        return cls({a.path: a for a in articles}, data["lexical_dir"], data["generation"])


@dataclass
class IngestReport:
    """What an ingest did, file by file."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    chunks_embedded: int = 0
    collection: str = ""

    def summary(self) -> str:
        """One line of counts."""
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed, {len(self.skipped)} skipped "
            f"({self.chunks_embedded} chunks embedded)"
        )

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


def _doc_id(path_key: str) -> str:
    return hashlib.sha1(path_key.encode("utf-8")).hexdigest()[:16]


def _is_under(path_key: str, roots: list[Path], data_dir: Path) -> bool:
    path = Path(path_key) if os.path.isabs(path_key) else data_dir / path_key
    return any(path == root or root in path.parents for root in roots)


class Index:
    """The built index of one collection: vectors, lexical index and snapshot."""

    def __init__(self, settings: Settings, embedder: Embedder, store: VectorStore | None = None) -> None:
        self.settings = settings
        self.embedder = embedder
        self.name = collection_name(settings, embedder)
        self.folder = settings.index / self.name
        self._store = store

    @property
    def store(self) -> VectorStore:
        """The vector store, opened on first use."""
        if self._store is None:
            self._store = ChromaStore.open(self.settings.index / "chroma", self.name)
        return self._store

    def path_key(self, path: Path) -> str:
        """How citations name a file: relative to the data folder when inside it."""
        resolved = path.resolve()
        try:
            return resolved.relative_to(self.settings.data_dir).as_posix()
        except ValueError:
            return resolved.as_posix()

    def exists(self) -> bool:
        """True once an ingest has completed for these settings."""
        return (self.folder / SNAPSHOT).is_file()

    def snapshot(self) -> Snapshot:
        """The serving snapshot, or IndexMissing."""
        snap = Snapshot.load(self.folder)
        if snap is None:
            raise IndexMissing(str(self.settings.index))
        return snap

    def lexical(self, snapshot: Snapshot) -> LexicalIndex:
        """The snapshot's lexical index."""
        if snapshot.lexical_dir is None:
            return LexicalIndex(None, [])
        return LexicalIndex.load(self.folder / snapshot.lexical_dir)

    @contextmanager
    def _lock(self) -> Iterator[None]:
        self.folder.mkdir(parents=True, exist_ok=True)
        lock_path = self.folder / "ingest.lock"
        with lock_path.open("w") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise IngestBusy(str(lock_path)) from exc
            yield

    def _parse(self, path: Path, key: str, sha: str, catalog: dict[str, Any]) -> Article:
        raw = read_document(path)
        cleaned = clean(raw.text)
        if not any(p for p in cleaned.paragraphs):
            raise SkippedDocument("nothing left after removing boilerplate")
        meta = read_meta(raw.text, cleaned.paragraphs)
        meta = meta.merged({"title": raw.title, "date": raw.date} if not meta.title else {})
        meta = meta.merged(catalog)
        doc_id = _doc_id(key)
        chunks = chunk_article(doc_id, cleaned.paragraphs, self.settings.chunk_words, sha[:12])
        if not chunks:
            raise SkippedDocument("no sentences to index")
        return Article(doc_id=doc_id, path=key, sha256=sha, meta=meta, chunks=chunks)

    def ingest(self, paths: list[Path] | None = None, progress: Progress | None = None) -> IngestReport:
        """Index files and folders: embed only new or changed files, drop vanished ones."""
        roots = [p.resolve() for p in (paths or [self.settings.corpus])]
        for root in roots:
            if not root.exists():
                raise SkippedDocument(f"{root} does not exist")
        with self._lock():
            return self._ingest(roots, progress)

    def _ingest(self, roots: list[Path], progress: Progress | None) -> IngestReport:
        report = IngestReport(collection=self.name)
        previous = Snapshot.load(self.folder) or Snapshot({})
        articles: dict[str, Article] = {}
        pending: list[Article] = []
        catalogs: dict[Path, dict[str, Any]] = {}
        for path in iter_files(roots):
            key = self.path_key(path)
            if path.parent not in catalogs:
                catalogs[path.parent] = load_catalog(path.parent)
            entry = catalogs[path.parent].get(path.name, {})
            try:
                data = path.read_bytes()
            except OSError as exc:
                report.skipped.append((key, f"cannot read the file ({exc.strerror})"))
                continue
            sha = hashlib.sha256(data + json.dumps(entry, sort_keys=True).encode()).hexdigest()
            old = previous.articles.get(key)
            if old is not None and old.sha256 == sha:
                articles[key] = old
                report.unchanged.append(key)
                continue
            try:
                article = self._parse(path, key, sha, entry)
            except SkippedDocument as exc:
                report.skipped.append((key, str(exc)))
                if old is not None:  # keep serving what was there: bad input loses nothing
                    articles[key] = old
                continue
            articles[key] = article
            pending.append(article)
            (report.updated if old is not None else report.added).append(key)
        for key, old in previous.articles.items():
            if key in articles:
                continue
            if _is_under(key, roots, self.settings.data_dir) or not self._source_exists(key):
                report.removed.append(key)
            else:
                articles[key] = old  # outside this ingest's paths: untouched
        report.chunks_embedded = self._embed(pending, progress)
        self._publish(previous, Snapshot(articles, generation=previous.generation + 1))
        return report

    def _source_exists(self, key: str) -> bool:
        path = Path(key) if os.path.isabs(key) else self.settings.data_dir / key
        return path.exists()

    def _embed(self, pending: list[Article], progress: Progress | None) -> int:
        work = [(article, chunk) for article in pending for chunk in article.chunks]
        # Longest first across the whole batch, as sentence-transformers does within a call.
        texts = [f"{a.header()}\n{c.text}" for a, c in work]
        order = sorted(range(len(work)), key=lambda i: -len(texts[i]))
        batch = max(self.settings.embed_batch_size * 8, 256)
        done = 0
        if progress:
            progress(0, len(work))
        for start in range(0, len(order), batch):
            picked = order[start : start + batch]
            vectors = self.embedder.embed([texts[i] for i in picked])
            self.store.add(
                [work[i][1].id for i in picked],
                vectors,
                [{"doc_id": work[i][0].doc_id} for i in picked],
            )
            done += len(picked)
            if progress:
                progress(done, len(work))
        return len(work)

    def _publish(self, previous: Snapshot, snapshot: Snapshot) -> None:
        """Write the lexical index and the snapshot, then clear what nothing serves any more."""
        ids, texts = snapshot.chunk_texts()
        lexical_dir = f"lexical-{snapshot.generation}"
        target = self.folder / lexical_dir
        shutil.rmtree(target, ignore_errors=True)
        LexicalIndex.build(ids, texts).save(target)
        snapshot.lexical_dir = lexical_dir
        snapshot.save(self.folder)  # the commit point
        live = set(ids)
        stale = [i for i in self.store.ids() if i not in live]
        if stale:
            self.store.delete(stale)
        for old in self.folder.glob("lexical-*"):
            if old.name != lexical_dir:
                shutil.rmtree(old, ignore_errors=True)

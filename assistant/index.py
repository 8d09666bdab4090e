"""The index: incremental, crash-safe ingest and the snapshot that queries read."""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import secrets
import shutil
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import IndexMissing, IngestBusy, SkippedDocument
from assistant.ingest.chunking import CHUNKER_VERSION, Chunk, chunk_article
from assistant.ingest.cleaning import CLEANER_VERSION, clean
from assistant.ingest.documents import check_size, iter_files, read_document
from assistant.ingest.encoding import Encoding, Work, encoding
from assistant.ingest.metadata import ArticleMeta, load_catalog, read_meta
from assistant.ingest.pages import page_of, paginate
from assistant.search.embeddings import Embedder
from assistant.search.lexical import LexicalIndex, Segment, merge, new_segment_name, plan_merges, tokens
from assistant.search.store import ChromaStore, VectorStore
from assistant.settings import Settings

SNAPSHOT = "snapshot.json"
LEXICAL = "lexical"  # the BM25 segment folders
SERVER_COLLECTION = "server-collection"
Progress = Callable[[int, int], None]
log = logging.getLogger(__name__)


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

    def lacks_pages(self) -> bool:
        """A PDF indexed before page numbers were kept: read again (its vectors are kept)."""
        return self.path.lower().endswith(".pdf") and not any(c.pages for c in self.chunks)

    def page_of(self, quote: str) -> int | None:
        """The PDF page a quoted passage of the article starts on; None for other formats."""
        return page_of(self.chunks, quote)

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
            # Tuples dump as lists; a PDF's chunks also hold their sentences' pages.
            "chunks": [[c.id, c.sentences, c.breaks, *([c.pages] if c.pages else [])] for c in self.chunks],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Article:
        """Inverse of to_json."""
        doc_id = data["doc_id"]
        chunks = [
            Chunk(
                id=c[0],
                doc_id=doc_id,
                position=i,
                sentences=tuple(c[1]),
                breaks=tuple(c[2]),
                pages=tuple(c[3]) if len(c) > 3 else (),
            )
            for i, c in enumerate(data["chunks"])
        ]
        return cls(doc_id, data["path"], data["sha256"], ArticleMeta(**data["meta"]), chunks)


@dataclass
class Snapshot:
    """What one completed ingest produced; queries read only this."""

    articles: dict[str, Article]  # by path
    lexical: list[str] = field(default_factory=list)  # BM25 segment folders, oldest first
    generation: int = 0

    def chunk_texts(self, only: Collection[str] | None = None) -> tuple[list[str], list[str]]:
        """(chunk ids, header + text) for every chunk (or those in only), in a stable order."""
        ids: list[str] = []
        texts: list[str] = []
        for article in self.articles.values():
            for chunk in article.chunks:
                if only is None or chunk.id in only:
                    ids.append(chunk.id)
                    texts.append(f"{article.header()}\n{chunk.text}")
        return ids, texts

    def chunk_ids(self) -> set[str]:
        """Every chunk id the snapshot serves."""
        return {c.id for a in self.articles.values() for c in a.chunks}

    def save(self, folder: Path) -> None:
        """Write atomically: readers see the old snapshot or the new one, never half."""
        data = {
            "generation": self.generation,
            "lexical": self.lexical,
            "articles": [a.to_json() for a in self.articles.values()],
        }
        tmp = folder / f".{SNAPSHOT}.tmp"
        with tmp.open("w", encoding="utf-8") as fh:
            # dumps, not dump: dump encodes in Python (100k articles: 2.8 s instead of 4.0 s).
            fh.write(json.dumps(data, ensure_ascii=False))
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
        # An index written before BM25 segments has none: the missing chunks are indexed again.
        return cls({a.path: a for a in articles}, list(data.get("lexical", [])), data["generation"])


@dataclass
class IngestReport:
    """What an ingest did, file by file."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)  # unchanged, but the store lacked their vectors
    chunks_embedded: int = 0
    collection: str = ""

    def summary(self) -> str:
        """One line of counts."""
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed, {len(self.skipped)} skipped "
            f"({self.chunks_embedded} chunks embedded"
            + (f"; {len(self.restored)} unchanged articles' vectors restored" if self.restored else "")
            + ")"
        )

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


def _unexpected(key: str, exc: Exception) -> str:
    log.warning("skipped %s: reading it failed", key, exc_info=exc)
    message = " ".join(str(exc).split())[:200]
    return f"unreadable file ({exc.__class__.__name__}{': ' + message if message else ''})"


def _doc_id(path_key: str) -> str:
    return hashlib.sha1(path_key.encode("utf-8")).hexdigest()[:16]


def _work(article: Article, present: set[str]) -> list[Work]:
    """The article's chunks the store lacks. A chunk id names its file's content and the collection its
    embedder, so a vector already stored under the id (left by a killed ingest) is the one we would
    compute."""
    header = article.header()
    return [Work(c.id, f"{header}\n{c.text}", article.doc_id) for c in article.chunks if c.id not in present]


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
        """The vector store, opened on first use: the embedded Chroma, or the server's."""
        if self._store is None:
            if self.settings.chroma_url:
                self._store = ChromaStore.connect(self.settings.chroma_url, self.server_collection())
            else:
                self._store = ChromaStore.open(self.settings.index / "chroma", self.name)
        return self._store

    def server_collection(self) -> str:
        """This index's collection on a Chroma server: the recipe name plus a token kept in the
        index folder, so two index folders sharing a server never delete each other's vectors."""
        path = self.folder / SERVER_COLLECTION
        if not path.is_file():
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = self.folder / f".{SERVER_COLLECTION}.{os.getpid()}"
            tmp.write_text(f"{self.name}-{secrets.token_hex(4)}", encoding="utf-8")
            try:
                os.link(tmp, path)  # atomic: the first writer's name wins, complete
            except FileExistsError:
                pass
            finally:
                tmp.unlink()
        return path.read_text(encoding="utf-8").strip()

    def path_key(self, path: Path, folders: dict[Path, Path] | None = None) -> str:
        """How citations name a file: relative to the data folder when inside it. folders caches
        resolved folders across calls (100k files: 1.4 s instead of 3.6 s)."""
        if folders is None or path.is_symlink():
            resolved = path.resolve()
        else:
            if path.parent not in folders:
                folders[path.parent] = path.parent.resolve()
            resolved = folders[path.parent] / path.name
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
        """The snapshot's lexical index; chunks no segment holds (an index from an older version)
        are indexed in memory until the next ingest writes them."""
        live = snapshot.chunk_ids()
        index = LexicalIndex.open(self.folder / LEXICAL, snapshot.lexical, live)
        missing = live.difference(index.chunk_ids)
        if missing:
            ids, texts = snapshot.chunk_texts(missing)
            extra = Segment.build("memory", ids, (tokens(t) for t in texts))
            index = LexicalIndex([*index.segments, extra], live)
        return index

    def serving(self) -> tuple[Snapshot, LexicalIndex]:
        """The serving snapshot and its lexical index, read consistently."""
        for _attempt in range(3):
            snapshot = self.snapshot()
            try:
                return snapshot, self.lexical(snapshot)
            except FileNotFoundError:
                continue  # an ingest committed a newer snapshot and cleared these segments
        snapshot = self.snapshot()
        return snapshot, self.lexical(snapshot)

    @contextmanager
    def _lock(self) -> Iterator[None]:
        self.folder.mkdir(parents=True, exist_ok=True)
        # One lock for the whole index folder, not per collection: the embedded Chroma under it is
        # one database for every collection, and it takes one writing process at a time.
        lock_path = self.settings.index / "ingest.lock"
        with lock_path.open("w") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise IngestBusy(str(lock_path)) from exc
            yield

    def _parse(self, path: Path, key: str, sha: str, catalog: dict[str, Any]) -> Article:
        raw = read_document(path, self.settings.max_document_mb)
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
        if raw.pages:
            chunks = paginate(chunks, raw.pages)
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
        self._clear_leftovers(previous)
        # What the store holds: vectors of a killed ingest are reused, lost ones are restored.
        present = self.store.ids()
        log.info("ingest of %s started: %d vectors stored", ", ".join(map(str, roots)), len(present))
        articles: dict[str, Article] = {}
        # Files are read, cleaned and chunked while the chunks of earlier ones are embedded and stored.
        with encoding(self.embedder, self.store, self._store_batch(), progress) as encoder:
            waiting = self._read(roots, previous, articles, report, encoder, present)
            for key, old in previous.articles.items():
                if key in articles:
                    continue
                if _is_under(key, roots, self.settings.data_dir) or not self._source_exists(key):
                    report.removed.append(key)
                else:
                    articles[key] = old  # outside this ingest's paths: untouched
            for article in articles.values():
                if article.path not in waiting and any(c.id not in present for c in article.chunks):
                    encoder.add(_work(article, present))  # its vectors were lost (a new or wiped store)
                    report.restored.append(article.path)
            report.chunks_embedded = encoder.finish()
        self._publish(previous, Snapshot(articles, generation=previous.generation + 1), present)
        return report

    def _source_exists(self, key: str) -> bool:
        path = Path(key) if os.path.isabs(key) else self.settings.data_dir / key
        return path.exists()

    def _store_batch(self) -> int:
        """Chunks embedded and stored at a time: large, so the store writes in few transactions."""
        return max(self.settings.embed_batch_size * 8, 256)

    def _read(
        self,
        roots: list[Path],
        previous: Snapshot,
        articles: dict[str, Article],
        report: IngestReport,
        encoder: Encoding,
        present: set[str],
    ) -> set[str]:
        """Read every file under roots into articles; new and changed ones go to the encoder. The
        paths handed over."""
        waiting: set[str] = set()
        catalogs: dict[Path, dict[str, Any]] = {}
        folders: dict[Path, Path] = {}
        for path in iter_files(roots):
            key = self.path_key(path, folders)
            if path.parent not in catalogs:
                catalogs[path.parent] = load_catalog(path.parent)
            entry = catalogs[path.parent].get(path.name, {})
            try:
                check_size(path, path.stat().st_size, self.settings.max_document_mb)
                data = path.read_bytes()
            except OSError as exc:
                report.skipped.append((key, f"cannot read the file ({exc.strerror})"))
                continue
            except SkippedDocument as exc:
                report.skipped.append((key, str(exc)))
                if key in previous.articles:  # keep serving what was there
                    articles[key] = previous.articles[key]
                continue
            sha = hashlib.sha256(data + json.dumps(entry, sort_keys=True).encode()).hexdigest()
            old = previous.articles.get(key)
            if old is not None and old.sha256 == sha and not old.lacks_pages():
                articles[key] = old
                report.unchanged.append(key)
                continue
            try:
                article = self._parse(path, key, sha, entry)
            except Exception as exc:
                # A parser (pypdf, python-docx, trafilatura) may fail in ways nobody listed on a
                # malformed file: that file is skipped with the reason, the ingest goes on.
                reason = str(exc) if isinstance(exc, SkippedDocument) else _unexpected(key, exc)
                report.skipped.append((key, reason))
                if old is not None:  # keep serving what was there: bad input loses nothing
                    articles[key] = old
                continue
            articles[key] = article
            waiting.add(key)
            encoder.add(_work(article, present))
            (report.updated if old is not None else report.added).append(key)
        return waiting

    def _publish(self, previous: Snapshot, snapshot: Snapshot, present: set[str]) -> None:
        """Write the lexical segments and the snapshot, then clear what nothing serves any more."""
        live = snapshot.chunk_ids()
        folder = self.folder / LEXICAL
        index = LexicalIndex.open(folder, previous.lexical, live)
        segments = list(index.segments)
        missing = live.difference(index.chunk_ids)
        if missing:
            ids, texts = snapshot.chunk_texts(missing)
            added = Segment.build(new_segment_name(snapshot.generation), ids, (tokens(t) for t in texts))
            added.save(folder)
            segments.append(added)
            index = LexicalIndex(segments, live)
        # Runs are adjacent and replaced from the last, so earlier positions stay valid.
        for group in reversed(plan_merges(index)):
            merged = merge(index, group, new_segment_name(snapshot.generation))
            if merged.chunk_ids:
                merged.save(folder)
            segments[group[0] : group[-1] + 1] = [merged] if merged.chunk_ids else []
        snapshot.lexical = [seg.name for seg in segments]
        log.info("ingest: lexical segments written (%s)", ", ".join(snapshot.lexical) or "none")
        snapshot.save(self.folder)  # the commit point
        log.info("ingest: snapshot %d committed", snapshot.generation)
        stale = [i for i in present if i not in live]
        if stale:
            self.store.delete(stale)
        log.info("ingest: %d stale vectors deleted", len(stale))
        self._clear_leftovers(snapshot)

    def _clear_leftovers(self, snapshot: Snapshot) -> None:
        """Delete segment folders the committed snapshot does not name (replaced, or written by a
        killed ingest), and the single-folder BM25 of older versions."""
        keep = set(snapshot.lexical)
        for path in [*(self.folder / LEXICAL).glob("*"), *self.folder.glob("lexical-*")]:
            if path.is_dir() and path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)

"""The index: the lock that lets one ingest run at a time, the stores it writes (vectors, BM25
segments, the article records) and the commit that publishes them; version() names what is served."""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant import records
from assistant.errors import IndexMissing, IngestBusy, SkippedDocument
from assistant.ingest.chunking import CHUNKER_VERSION
from assistant.ingest.cleaning import CLEANER_VERSION
from assistant.ingest.documents import Found
from assistant.ingest.encoding import Encoding, encoding
from assistant.ingest.pipeline import Known, read_sources, work
from assistant.records import Records
from assistant.search.embeddings import Embedder
from assistant.search.lexical import LexicalIndex, Segment, merge, new_segment_name, plan_merges, tokens
from assistant.search.store import ChromaStore, VectorStore
from assistant.settings import Settings
from assistant.snapshot import Article, IngestReport, Snapshot

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

    def path_key(self, found: Found, folders: dict[str, str] | None = None) -> str:
        """How citations name a file: relative to the data folder when inside it. folders caches each
        folder's part of the name across calls: only a linked file is resolved on its own."""
        if folders is None or found.link:
            return self._relative(Path(found.path).resolve().as_posix())
        prefix = folders.get(found.folder)
        if prefix is None:
            resolved = Path(found.folder).resolve().as_posix().rstrip("/")
            prefix = folders[found.folder] = self._relative(resolved + "/")
        return prefix + found.name

    def _relative(self, resolved: str) -> str:
        # Strings, not Path.relative_to: a tenth of the time over 100k files.
        inside = self.settings.data_dir.as_posix().rstrip("/") + "/"
        return resolved[len(inside) :] if resolved.startswith(inside) else resolved

    def exists(self) -> bool:
        """True once an ingest has completed for these settings."""
        return records.exists(self.folder)

    def version(self) -> str | None:
        """Names the serving snapshot: it changes when an ingest commits (None: no index yet). A cheap
        question, asked before each answer to pick up a new snapshot."""
        return records.version(self.folder)

    def snapshot(self) -> Snapshot:
        """The serving snapshot, or IndexMissing."""
        snap = records.load(self.folder)
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
            index = index.adding(Segment.build("memory", ids, (tokens(t) for t in texts)))
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

    def ingest(self, paths: list[Path] | None = None, progress: Progress | None = None) -> IngestReport:
        """Index files and folders: embed only new or changed files, drop vanished ones."""
        roots = [p.resolve() for p in (paths or [self.settings.corpus])]
        for root in roots:
            if not root.exists():
                raise SkippedDocument(f"{root} does not exist")
        with self._lock(), Records.open(self.folder) as recorded:
            return _Ingest(self, recorded, roots).run(progress)

    def source_exists(self, key: str) -> bool:
        """Whether the file an article was read from is still there."""
        path = Path(key) if os.path.isabs(key) else self.settings.data_dir / key
        return path.exists()

    def store_batch(self) -> int:
        """Chunks embedded and stored at a time: large, so the store writes in few transactions."""
        return max(self.settings.embed_batch_size * 8, 256)

    def clear_leftovers(self, lexical: list[str]) -> None:
        """Delete segment folders the committed snapshot does not name (replaced, or written by a
        killed ingest), and the single-folder BM25 of older versions."""
        keep = set(lexical)
        for path in [*(self.folder / LEXICAL).glob("*"), *self.folder.glob("lexical-*")]:
            if path.is_dir() and path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)


def _listed(store: VectorStore, recorded: Records) -> set[str] | None:
    """The ids the vector store holds, or None when it holds as many vectors as the last commit left:
    then it is as that commit left it, the recorded articles' chunks and nothing else (a killed ingest
    adds some, a wiped store loses them), and listing them (seconds at 100k articles) is spared."""
    if recorded.vectors is not None and store.count() == recorded.vectors:
        return None
    return store.ids()


class _Ingest:
    """One ingest: read the files, embed what changed, write the records and BM25, commit."""

    def __init__(self, index: Index, recorded: Records, roots: list[Path]) -> None:
        self.index = index
        self.recorded = recorded
        self.roots = roots
        self.report = IngestReport(collection=index.name)
        self.parsed: dict[str, Article] = {}
        self.order: dict[str, None] = {}  # the articles' order: the walk's, then those outside its paths
        self.replaced: list[str] = []  # chunk ids of the records that new versions replaced

    def run(self, progress: Progress | None) -> IngestReport:
        index, recorded, report = self.index, self.recorded, self.report
        index.clear_leftovers(recorded.lexical)
        known = recorded.known()
        listed = _listed(index.store, recorded)
        state = "as the last commit left it" if listed is None else f"{len(listed)} vectors"
        log.info("ingest of %s started: the store holds %s", ", ".join(map(str, self.roots)), state)
        # Files are read, cleaned and chunked while the chunks of earlier ones are embedded and stored.
        with encoding(index.embedder, index.store, index.store_batch(), progress) as encoder:
            self._read(known, listed, encoder)
            gone = [
                k for k in known if k not in self.order and (self._under(k) or not index.source_exists(k))
            ]
            self.replaced.extend(i for ids in recorded.chunk_ids(gone).values() for i in ids)
            recorded.delete(gone)
            report.removed.extend(gone)
            removed = set(gone)
            self.order.update((k, None) for k in known if k not in self.order and k not in removed)
            if list(self.order) != list(known):  # the last commit left positions 0, 1, ... in this order
                recorded.order(list(self.order))
            if listed is not None:
                self._restore(listed, encoder)
            report.chunks_embedded = encoder.finish()
        live = recorded.live_chunk_ids()
        if listed is not None:
            stale = [i for i in listed if i not in live]
        else:
            stale = [i for i in self.replaced if i not in live]
        # Every chunk embedded had an id the store lacked, every stale one an id it held.
        before = len(listed) if listed is not None else recorded.vectors or 0
        self._publish(live, stale, before + report.chunks_embedded - len(stale))
        return report

    def _under(self, key: str) -> bool:
        path = Path(key) if os.path.isabs(key) else self.index.settings.data_dir / key
        return any(path == root or root in path.parents for root in self.roots)

    def _read(self, known: dict[str, Known], listed: set[str] | None, encoder: Encoding) -> None:
        """Every file under the roots: unchanged ones kept, new and changed ones recorded and handed to
        the encoder, skipped ones reported (what the last ingest made of them keeps serving)."""
        settings, report = self.index.settings, self.report
        folders: dict[str, str] = {}
        sources = read_sources(
            self.roots,
            known,
            lambda found: self.index.path_key(found, folders),
            settings.max_document_mb,
            settings.chunk_words,
        )
        for outcome in sources:
            key, old = outcome.key, known.get(outcome.key)
            if outcome.article is not None:
                if listed is None:  # the store holds the chunks of the record it replaces
                    held = self.recorded.chunk_ids([key]).get(key, [])
                    self.replaced.extend(held)
                    encoder.add(work(outcome.article, set(held).__contains__))
                else:
                    encoder.add(work(outcome.article, listed.__contains__))
                self.recorded.put(outcome.article, outcome.stamp)
                self.parsed[key] = outcome.article
                (report.updated if old is not None else report.added).append(key)
            elif outcome.skipped:
                report.skipped.append((key, outcome.skipped))
                if old is None or not outcome.kept:
                    continue  # not served: an unreadable file is removed below
            else:
                report.unchanged.append(key)
                if old is not None and old.stamp != outcome.stamp:
                    self.recorded.restamp(key, outcome.stamp)
            self.order.setdefault(key)

    def _restore(self, listed: set[str], encoder: Encoding) -> None:
        """Embed again the chunks of unchanged articles the store lacks (a new or wiped store)."""
        for path, ids in self.recorded.chunk_ids().items():
            if path not in self.parsed and any(i not in listed for i in ids):
                encoder.add(work(self.recorded.article(path), listed.__contains__))
                self.report.restored.append(path)

    def _publish(self, live: set[str], stale: list[str], vectors: int) -> None:
        """Write the lexical segments and commit the records, then clear what nothing serves any more;
        vectors: how many the store holds after that."""
        index, recorded = self.index, self.recorded
        generation = recorded.generation + 1
        folder = index.folder / LEXICAL
        lexical = LexicalIndex.open(folder, recorded.lexical, live)
        segments = list(lexical.segments)
        missing = live.difference(lexical.chunk_ids)
        if missing:
            ids, texts = self._texts(missing)
            added = Segment.build(new_segment_name(generation), ids, (tokens(t) for t in texts))
            added.save(folder)
            segments.append(added)
            lexical = lexical.adding(added)
        # Runs are adjacent and replaced from the last, so earlier positions stay valid.
        for group in reversed(plan_merges(lexical)):
            merged = merge(lexical, group, new_segment_name(generation))
            if merged.chunk_ids:
                merged.save(folder)
            segments[group[0] : group[-1] + 1] = [merged] if merged.chunk_ids else []
        names = [seg.name for seg in segments]
        log.info("ingest: lexical segments written (%s)", ", ".join(names) or "none")
        recorded.commit(generation, names)  # the commit point
        log.info("ingest: snapshot %d committed", generation)
        if stale:
            index.store.delete(stale)
        log.info("ingest: %d stale vectors deleted", len(stale))
        recorded.set_vectors(vectors)
        index.clear_leftovers(names)

    def _texts(self, missing: set[str]) -> tuple[list[str], list[str]]:
        """(ids, texts) of the chunks no segment holds, in the articles' order: those of the articles
        parsed now, or (an index from before segments) of any article."""
        parsed = {c.id for a in self.parsed.values() for c in a.chunks}
        if missing <= parsed:
            ordered = {k: self.parsed[k] for k in self.order if k in self.parsed}
            return Snapshot(ordered).chunk_texts(missing)
        return self.recorded.snapshot().chunk_texts(missing)

"""What an ingest produces and queries read: the indexed Article, the Snapshot of one completed
ingest (every article's Listing in memory, the articles themselves read when asked for), and the
IngestReport of what it did."""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from threading import Lock
from typing import Any

from assistant.ingest.chunking import Chunk
from assistant.ingest.metadata import ArticleMeta
from assistant.ingest.pages import page_of

CACHED_ARTICLES = 4_000  # articles a stored snapshot keeps after reading them: the hits of recent questions


def header(meta: ArticleMeta) -> str:
    """A line that places any chunk of an article: region and title."""
    return " — ".join(p for p in (meta.region, meta.title) if p)


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
        return header(self.meta)

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


@dataclass(frozen=True)
class Listing:
    """What a snapshot holds in memory of every article: enough to filter, count, cite and find its
    chunks. The article's sentences are read when asked for."""

    path: str
    doc_id: str
    meta: ArticleMeta
    chunk_ids: tuple[str, ...]

    @classmethod
    def of(cls, article: Article) -> Listing:
        return cls(article.path, article.doc_id, article.meta, tuple(c.id for c in article.chunks))


class StoredArticles(Mapping[str, Article]):
    """The articles of a stored snapshot by path, each read on first use; the most recently used are
    kept (CACHED_ARTICLES), so memory does not grow with the corpus. Safe across threads."""

    def __init__(self, listings: Mapping[str, Listing], read: Callable[[str], Article]) -> None:
        self._listings = listings
        self._read = read
        self._cache: OrderedDict[str, Article] = OrderedDict()
        self._lock = Lock()

    def __getitem__(self, path: str) -> Article:
        with self._lock:
            article = self._cache.get(path)
            if article is not None:
                self._cache.move_to_end(path)
                return article
        if path not in self._listings:
            raise KeyError(path)
        article = self._read(path)
        with self._lock:
            self._cache[path] = article
            if len(self._cache) > CACHED_ARTICLES:
                self._cache.popitem(last=False)
        return article

    @property
    def held(self) -> int:
        """How many articles are in memory."""
        return len(self._cache)

    def __iter__(self) -> Iterator[str]:
        return iter(self._listings)

    def __len__(self) -> int:
        return len(self._listings)

    def __contains__(self, path: object) -> bool:
        return path in self._listings


class Snapshot:
    """What one completed ingest produced; queries read only this. Built from articles in memory, or
    by stored() from listings and a reader of the index's records."""

    def __init__(
        self, articles: Mapping[str, Article], lexical: list[str] | None = None, generation: int = 0
    ) -> None:
        self.articles: Mapping[str, Article] = articles  # by path, in the articles' order
        self.listings: dict[str, Listing] = {path: Listing.of(a) for path, a in articles.items()}
        self.lexical: list[str] = list(lexical or [])  # BM25 segment folders, oldest first
        self.generation = generation

    @classmethod
    def stored(
        cls,
        listings: dict[str, Listing],
        read: Callable[[str], Article],
        lexical: list[str],
        generation: int,
        close: Callable[[], None] | None = None,
    ) -> Snapshot:
        """A snapshot whose articles are read by path when first used; close: what to release when
        the snapshot is dropped."""
        snapshot = cls({}, lexical, generation)
        snapshot.listings = listings
        snapshot.articles = StoredArticles(listings, read)
        if close is not None:  # when nothing reads the articles any more
            weakref.finalize(snapshot.articles, close)
        return snapshot

    def chunk_texts(self, only: Collection[str] | None = None) -> tuple[list[str], list[str]]:
        """(chunk ids, header + text) for every chunk (or those in only), in a stable order; only the
        articles holding one of them are read."""
        ids: list[str] = []
        texts: list[str] = []
        for path, listing in self.listings.items():
            if only is not None and not any(cid in only for cid in listing.chunk_ids):
                continue
            top = header(listing.meta)
            for chunk in self.articles[path].chunks:
                if only is None or chunk.id in only:
                    ids.append(chunk.id)
                    texts.append(f"{top}\n{chunk.text}")
        return ids, texts

    def chunk_ids(self) -> set[str]:
        """Every chunk id the snapshot serves."""
        return {cid for listing in self.listings.values() for cid in listing.chunk_ids}


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

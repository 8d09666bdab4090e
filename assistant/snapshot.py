"""What an ingest produces and queries read: the indexed Article, the Snapshot of one completed
ingest, and the IngestReport of what it did."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.ingest.chunking import Chunk
from assistant.ingest.metadata import ArticleMeta
from assistant.ingest.pages import page_of


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

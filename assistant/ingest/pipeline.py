"""The ingest pipeline before the embedder: every file under the ingest's paths read once, checked
against what the last ingest knew of it, and parsed (pure: bytes in, Article out) when new or changed."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from assistant.errors import SkippedDocument
from assistant.ingest.chunking import chunk_article
from assistant.ingest.cleaning import clean
from assistant.ingest.documents import Found, check_size, parse_document, walk
from assistant.ingest.encoding import Work
from assistant.ingest.metadata import load_catalog, read_meta
from assistant.ingest.pages import paginate
from assistant.snapshot import Article

log = logging.getLogger("assistant.index")
# A file changed this recently may change again within its clock tick unseen by its stamp: such a
# file gets no stamp, so the next ingest reads and hashes it (git's "racily clean" entries).
RACY_NS = 2_000_000_000


class Known(NamedTuple):
    """What the last ingest recorded of a file: its content digest, its stamp (size, time, inode and
    catalog entry; None when not to be trusted) and whether it is a PDF indexed without pages. A
    tuple: an ingest reads one per file (100k)."""

    sha256: str
    stamp: str | None
    lacks_pages: bool


class Outcome(NamedTuple):
    """One file's fate: unchanged, parsed into article, or skipped with a reason (kept: the article
    the last ingest made of it keeps serving). A tuple: an ingest makes one per file."""

    key: str
    stamp: str | None = None
    article: Article | None = None
    skipped: str = ""
    kept: bool = True


def doc_id(path_key: str) -> str:
    """An article's id: named by its path, so its chunks' ids are too."""
    return hashlib.sha1(path_key.encode("utf-8")).hexdigest()[:16]


def digest(data: bytes, entry: Mapping[str, Any]) -> str:
    """The content digest of a file with its catalog entry: a change to either indexes it again."""
    return hashlib.sha256(data + json.dumps(entry, sort_keys=True).encode()).hexdigest()


def stamp(stat: os.stat_result, entry: Mapping[str, Any], now_ns: int) -> str | None:
    """Names the file as the file system sees it and its catalog entry; None for a file changed
    within RACY_NS of now."""
    if now_ns - stat.st_mtime_ns < RACY_NS:
        return None
    described = json.dumps(entry, sort_keys=True) if entry else "{}"
    seen = f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}:{described}"
    return hashlib.sha1(seen.encode()).hexdigest()[:20]


def parse(path: Path, key: str, data: bytes, sha: str, entry: Mapping[str, Any], chunk_words: int) -> Article:
    """A file's bytes, already read, to its Article; SkippedDocument when nothing in it can be indexed."""
    raw = parse_document(path, data)
    cleaned = clean(raw.text)
    if not any(p for p in cleaned.paragraphs):
        raise SkippedDocument("nothing left after removing boilerplate")
    meta = read_meta(raw.text, cleaned.paragraphs)
    meta = meta.merged({"title": raw.title, "date": raw.date} if not meta.title else {})
    meta = meta.merged(dict(entry))
    article_id = doc_id(key)
    chunks = chunk_article(article_id, cleaned.paragraphs, chunk_words, sha[:12])
    if not chunks:
        raise SkippedDocument("no sentences to index")
    if raw.pages:
        chunks = paginate(chunks, raw.pages)
    return Article(doc_id=article_id, path=key, sha256=sha, meta=meta, chunks=chunks)


def work(article: Article, present: Callable[[str], bool]) -> list[Work]:
    """The article's chunks the store lacks. A chunk id names its file's content and the collection its
    embedder, so a vector already stored under the id (left by a killed ingest) is the one we would
    compute."""
    header = article.header()
    return [Work(c.id, f"{header}\n{c.text}", article.doc_id) for c in article.chunks if not present(c.id)]


def _unexpected(key: str, exc: Exception) -> str:
    log.warning("skipped %s: reading it failed", key, exc_info=exc)
    message = " ".join(str(exc).split())[:200]
    return f"unreadable file ({exc.__class__.__name__}{': ' + message if message else ''})"


def read_sources(
    roots: list[Path],
    known: Mapping[str, Known],
    path_key: Callable[[Found], str],
    max_mb: float,
    chunk_words: int,
) -> Iterator[Outcome]:
    """Every file under roots, in order: unchanged when its stamp (or, read, its digest) is the one
    known, else parsed. Each file is read at most once; an unchanged one costs one stat."""
    catalogs: dict[str, dict[str, Any]] = {}
    now_ns = time.time_ns()
    for found in walk(roots):
        key = path_key(found)
        if found.folder not in catalogs:
            catalogs[found.folder] = load_catalog(Path(found.folder))
        entry = catalogs[found.folder].get(found.name, {})
        old = known.get(key)
        try:
            path = found.path
            stat = os.stat(path)
            check_size(path, stat.st_size, max_mb)
            seen = stamp(stat, entry, now_ns)
            if old is not None and seen is not None and old.stamp == seen and not old.lacks_pages:
                yield Outcome(key, seen)
                continue
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            yield Outcome(key, skipped=f"cannot read the file ({exc.strerror})", kept=False)
            continue
        except SkippedDocument as exc:
            yield Outcome(key, skipped=str(exc))
            continue
        sha = digest(data, entry)
        if old is not None and old.sha256 == sha and not old.lacks_pages:
            yield Outcome(key, seen)
            continue
        try:
            yield Outcome(key, seen, article=parse(Path(path), key, data, sha, entry, chunk_words))
        except Exception as exc:
            # A parser (pypdf, python-docx, trafilatura) may fail in ways nobody listed on a
            # malformed file: that file is skipped with the reason, the ingest goes on.
            reason = str(exc) if isinstance(exc, SkippedDocument) else _unexpected(key, exc)
            yield Outcome(key, skipped=reason)

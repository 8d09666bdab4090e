"""Page numbers of PDF articles: which page each indexed sentence was read from, and so the page of
a quoted passage.

A PDF's text is its pages' text joined; cleaning keeps lines verbatim and chunking keeps sentences
whole, so each sentence is found again in the page texts (compared without whitespace, which PDF
extraction and sentence splitting both change). The search moves forward through the pages as the
sentences do; a sentence repeated on an earlier page is not mistaken for a later one.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import replace

from assistant.ingest.chunking import Chunk

UNKNOWN = 0  # a sentence not found in the page texts


def _squash(text: str) -> str:
    return "".join(text.split())


class PageFinder:
    """Finds the page (from 1) that a piece of a document's text was read from."""

    def __init__(self, pages: Sequence[str]) -> None:
        squashed = [_squash(p) for p in pages]
        self._text = "".join(squashed)
        self._starts: list[int] = []
        at = 0
        for page in squashed:
            self._starts.append(at)
            at += len(page)
        self._cursor = 0

    def page(self, sentence: str) -> int:
        """The page the sentence is on, searching on from the last one found; UNKNOWN if none."""
        needle = _squash(sentence)
        if not needle:
            return UNKNOWN
        at = self._text.find(needle, self._cursor)
        if at < 0:
            at = self._text.find(needle)
        if at < 0:
            return UNKNOWN
        self._cursor = at + len(needle)
        return bisect.bisect_right(self._starts, at)


def paginate(chunks: Iterable[Chunk], pages: Sequence[str]) -> list[Chunk]:
    """The chunks with the page of each of their sentences."""
    finder = PageFinder(pages)
    return [replace(c, pages=tuple(finder.page(s) for s in c.sentences)) for c in chunks]


def page_of(chunks: Iterable[Chunk], quote: str) -> int | None:
    """The page a quoted passage starts on: that of the first sentence it holds (None when the
    article has no pages, as every format but PDF, or the sentence's page is unknown)."""
    needle = _squash(quote)
    if not needle:
        return None
    paged = [(_squash(s), p) for c in chunks for s, p in zip(c.sentences, c.pages, strict=False)]
    for squashed, page in paged:
        if squashed and (needle.startswith(squashed) or squashed.startswith(needle)):
            return page or None
    for squashed, page in paged:  # a quote that starts inside a sentence
        if squashed and (squashed in needle or needle in squashed):
            return page or None
    return None

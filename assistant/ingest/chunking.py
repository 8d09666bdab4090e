"""Sentence- and paragraph-aware chunking of a cleaned article."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.text import split_sentences

# Bump when the chunking changes: the index is named by it, so a change rebuilds.
CHUNKER_VERSION = "1"
# A chunk already this long ends at the next paragraph break rather than spanning it.
_PARAGRAPH_BREAK_WORDS = 50


@dataclass(frozen=True)
class Chunk:
    """A run of whole sentences of one article."""

    id: str
    doc_id: str
    position: int
    sentences: tuple[str, ...]
    # Index into `sentences` where each paragraph after the first begins.
    breaks: tuple[int, ...] = ()
    # The page each sentence was read from (from 1; 0 when not found): PDFs only, else empty.
    pages: tuple[int, ...] = ()

    @property
    def text(self) -> str:
        """The chunk's text, paragraphs on their own lines."""
        parts: list[str] = []
        for i, sentence in enumerate(self.sentences):
            if i and i in self.breaks:
                parts.append("\n")
            elif i:
                parts.append(" ")
            parts.append(sentence)
        return "".join(parts)


def _word_count(text: str) -> int:
    # Chinese has no spaces: count characters there, roughly one word piece each.
    return max(len(text.split()), sum(1 for ch in text if "\u3400" <= ch <= "\u9fff"))


def _split_long(sentence: str, max_words: int) -> list[str]:
    words = sentence.split(" ")
    return [" ".join(words[i : i + max_words]) for i in range(0, len(words), max_words)]


def doc_of(chunk_id: str) -> str:
    """The id of the article a chunk belongs to (chunk ids are `doc_id:version:position`)."""
    return chunk_id.partition(":")[0]


def position_of(chunk_id: str) -> int:
    """The chunk's place among its article's chunks (chunk ids are `doc_id:version:position`)."""
    return int(chunk_id.rpartition(":")[2])


def chunk_article(doc_id: str, paragraphs: list[str], max_words: int, version: str = "") -> list[Chunk]:
    """Pack whole sentences into chunks of at most `max_words` words, preferring paragraph ends.

    Chunk ids are `doc_id:version:position`: a new version of a file never reuses an id.
    """
    chunks: list[Chunk] = []
    current: list[str] = []
    breaks: list[int] = []
    words = 0

    def flush() -> None:
        nonlocal current, breaks, words
        if current:
            chunks.append(
                Chunk(
                    id=f"{doc_id}:{version}:{len(chunks)}",
                    doc_id=doc_id,
                    position=len(chunks),
                    sentences=tuple(current),
                    breaks=tuple(breaks),
                )
            )
        current, breaks, words = [], [], 0

    for paragraph in paragraphs:
        if words >= _PARAGRAPH_BREAK_WORDS:
            flush()
        if current:
            breaks.append(len(current))
        for sentence in split_sentences(paragraph):
            count = _word_count(sentence)
            pieces = [sentence] if count <= max_words else _split_long(sentence, max_words)
            for piece in pieces:
                piece_words = _word_count(piece)
                if words + piece_words > max_words:
                    flush()
                current.append(piece)
                words += piece_words
    flush()
    return chunks

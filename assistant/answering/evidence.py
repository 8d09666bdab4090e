"""Evidence: what an answer is written from, and nothing else.

The passages that answer parts of the question (each with its verbatim quote, the parts it answers
and how well), the parts the corpus does not give (gaps), and the places no article covers. The
evidence stage (evidence_finder.py) builds it; the extractive and LLM writers read only this.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.answering.part_names import describe
from assistant.answering.sentences import Sentence
from assistant.ingest.metadata import regions_by_count
from assistant.search.parts import Part
from assistant.search.retrieval import ArticleHit, Corpus
from assistant.snapshot import Article

# Each source's passage for an LLM: the chunk holding the quote, then its best-ranked chunks, up to
# this many words (about 330 tokens; five sources stay well inside a 4,096-token context).
MAX_PASSAGE_WORDS = 250


@dataclass(frozen=True)
class Passage:
    """Sentences of one article that answer parts of the question."""

    article: Article
    sentences: tuple[str, ...]  # the quoted sentences, in article order
    quote: str  # the longest run of them adjacent in one paragraph: verbatim in the source
    context: tuple[str, ...]  # what an LLM reads: the quoted chunk and the article's best chunks
    parts: tuple[int, ...]  # the parts of the question it answers
    relevance: float  # how well its best sentence answers
    score: float  # the retrieval score
    written: bool = False  # the sentences say what its metadata holds, rather than quote its text


@dataclass(frozen=True)
class Gap:
    """A part of the question that the corpus does not give, where it was looked for."""

    part: Part
    where: str | None  # the region (or title) of the article that covers the place but not this
    what: str | None = None  # what is missing, in words, when the part alone does not say it

    def describe(self) -> str:
        """What is missing, in words: 'the amount of the rent subsidy for PhD holders'."""
        return self.what or describe(self.part)


@dataclass(frozen=True)
class Evidence:
    """What the answer is written from."""

    question: str
    parts: tuple[Part, ...] = ()
    passages: tuple[Passage, ...] = ()
    gaps: tuple[Gap, ...] = ()  # parts the articles that cover the place do not give
    missing_places: tuple[str, ...] = ()  # places asked about that no article covers
    covered: tuple[str, ...] = ()  # the regions the corpus covers, most articles first
    injection: bool = False  # asks to reveal or change the instructions
    labelled: bool = False  # several articles answer: label each with its region
    searched: tuple[str, ...] = ()  # the articles retrieval returned, best first (paths)

    @property
    def answerable(self) -> bool:
        """True when some passage answers the question."""
        return bool(self.passages)


def _quote(sentences: list[Sentence]) -> str:
    """The longest run of adjacent chosen sentences in one paragraph: verbatim in the source."""
    runs: list[list[Sentence]] = []
    for s in sentences:
        if runs and runs[-1][-1].index + 1 == s.index and runs[-1][-1].paragraph == s.paragraph:
            runs[-1].append(s)
        else:
            runs.append([s])
    best_run = max(runs, key=lambda run: (max(x.score for x in run), len(run)))
    return " ".join(s.text for s in best_run)


def _context(hit: ArticleHit, quote: str) -> tuple[str, ...]:
    """The sentences an LLM reads for one source, in article order."""
    chunks = hit.article.chunks
    holding = [c for c in chunks if any(s in quote for s in c.sentences)][:1]
    ranked = [c for c, _ in sorted(hit.chunks, key=lambda item: -item[1])]
    chosen = list(holding)
    words = sum(len(" ".join(c.sentences).split()) for c in chosen)
    for chunk in ranked:
        size = len(" ".join(chunk.sentences).split())
        if chunk in chosen or (chosen and words + size > MAX_PASSAGE_WORDS):
            continue
        chosen.append(chunk)
        words += size
    return tuple(s for c in sorted(chosen, key=lambda c: c.position) for s in c.sentences)


def merge_passages(chosen: list[tuple[int, int, ArticleHit, list[Sentence], float]]) -> list[Passage]:
    """One passage per article, in the order the question names places and parts."""
    merged: dict[str, tuple[int, int, ArticleHit, dict[int, Sentence], set[int], float]] = {}
    for order, index, hit, sentences, merit in chosen:
        key = hit.article.path
        if key not in merged:
            merged[key] = (order, index, hit, {}, set(), merit)
        entry = merged[key]
        entry[3].update({s.index: s for s in sentences})
        entry[4].add(index)
    out: list[Passage] = []
    for _order, _index, hit, by_index, parts, _merit in sorted(merged.values(), key=lambda e: e[:2]):
        # "The remaining 5% will be paid in equal amounts over five years.", said of two degrees in turn:
        # the words once
        texts: dict[str, Sentence] = {}
        for i in sorted(by_index):
            texts.setdefault(by_index[i].text, by_index[i])
        sentences = list(texts.values())
        quote = _quote(sentences)
        out.append(
            Passage(
                article=hit.article,
                sentences=tuple(s.text for s in sentences),
                quote=quote,
                context=_context(hit, quote),
                parts=tuple(sorted(parts)),
                relevance=max(s.score for s in sentences),
                score=hit.score,
            )
        )
    return out


def covered_regions(corpus: Corpus) -> tuple[str, ...]:
    """The regions the corpus covers, most articles first."""
    return tuple(regions_by_count(listing.meta for listing in corpus.snapshot.listings.values()))

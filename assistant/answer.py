"""Answers: the cited-answer model, the generator interface, and the extractive default."""

from __future__ import annotations

import re
from collections.abc import Generator
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from assistant.index import Article
from assistant.query import Query
from assistant.retrieval import ArticleHit, Corpus
from assistant.text import terms

# An article answers when the share of the question's focus terms it holds (IDF-weighted) plus the
# cosine similarity of its best chunk reaches this. Measured on evals/questions.jsonl: questions the
# corpus cannot answer score at most 0.54, answerable ones mostly 0.6 and above.
MIN_RELEVANCE = 0.6
# A sentence must share this much of the focus to be quoted beside the best one.
MIN_SENTENCE_COVERAGE = 0.3
MAX_SENTENCES = 3
# How much the cosine similarity of a sentence's chunk to the question adds to its word overlap:
# the model sees paraphrase that word overlap misses (measured on evals/questions.jsonl).
CHUNK_WEIGHT = 1.0
# How much naming the places asked about adds (scaled by the share of place words present).
PLACE_WEIGHT = 0.1
# Bonus for a sentence holding the kind of answer the question expects.
ANSWER_TYPE_BONUS = 0.15
_FIGURE = re.compile(  # a count or amount; a year is not one
    r"\b(?!(?:19|20)\d\d\b)\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|thousand|"
    r"million|billion|half|double|twice)\b",
    re.IGNORECASE,
)
_ANSWER_TYPES = {
    "number": _FIGURE,
    "amount": re.compile(r"\d[\d,.]*\s*(?:million |billion |thousand )?(?:yuan|dollars|US dollars|RMB)|\d%"),
    "date": re.compile(
        r"\b(?:19|20)\d\d\b|\b(?:January|February|March|April|May|June|July|August|September|October|"
        r"November|December)\b|\b(?:this|last|next) (?:year|month)\b",
    ),
}
_SENTENCE_END = set('.!?。！？"”’)）')
_CONTINUES = re.compile(r"^(?:These|This|They|Those|Such|It|Its|The goal|In addition|Additionally)\b")
_NOT_A_FACT = re.compile(
    r"\b(?:ignore|disregard)\b.{0,60}\b(?:instructions?|prompt)\b|\bsystem prompt\b|"
    r"\b(?:as an ai|language model)\b",
    re.IGNORECASE,
)


@dataclass
class Citation:
    """One cited article, with the passage that supports the answer."""

    n: int
    title: str | None
    publisher: str | None
    date: str | None
    region: str | None
    path: str
    quote: str
    score: float


@dataclass
class GuardEdit:
    """A generated sentence the guard changed before showing the answer."""

    sentence: str  # as the model wrote it
    action: str  # "repaired" (now cites the passage that supports it) or "removed"
    reason: str
    shown: str | None = None  # the repaired sentence as shown


@dataclass
class Generation:
    """Who wrote the answer, whether it fell back to quoting, and what the guard changed."""

    generator: str = "extractive"  # the one configured: extractive, openai or local
    model: str | None = None  # the LLM asked, when one is configured
    answered_by: str = "extractive"  # who wrote the text shown: the generator, or extractive
    fallback: str | None = None  # why the extractive answer was shown instead of the LLM's
    interrupted: str | None = None  # why the LLM's answer stops short after verified sentences
    edits: list[GuardEdit] = field(default_factory=list)

    @property
    def notice(self) -> str | None:
        """One line for the user when the LLM did not answer as configured."""
        if self.fallback:
            return f"showing the quoted answer: {self.fallback}"
        if self.interrupted:
            return f"the answer stops short: {self.interrupted}"
        return None


@dataclass
class Answer:
    """A grounded answer: text with [n] markers and the sources they point at."""

    question: str
    answer: str
    declined: bool
    citations: list[Citation] = field(default_factory=list)
    generation: Generation = field(default_factory=Generation)

    def to_json(self) -> dict[str, Any]:
        """The --json shape: question, answer, declined, citations, generation."""
        return asdict(self)

    def references(self) -> str:
        """The citations as a plain-text reference list."""
        lines = []
        for c in self.citations:
            parts = [c.title or c.path, c.publisher, c.date]
            lines.append(f"[{c.n}] " + ", ".join(p for p in parts if p) + f" ({c.path})")
            lines.append(f'    "{c.quote}"')
        return "\n".join(lines)


@dataclass(frozen=True)
class AnswerRequest:
    """What a generator answers from: the understood question and the retrieved articles."""

    query: Query
    hits: list[ArticleHit]
    corpus: Corpus
    earlier: tuple[str, ...] = ()  # the conversation's turns before the question


class AnswerGenerator(Protocol):
    """Writes the answer: yields text as it is produced and returns the finished Answer."""

    def generate(self, request: AnswerRequest) -> Generator[str, None, Answer]:
        """Stream the answer text; the generator's return value is the Answer."""
        ...


class Streamed:
    """The pieces of an answer stream, for a for-loop; `answer` holds its Answer once it is spent."""

    def __init__(self, stream: Generator[str, None, Answer]) -> None:
        self._stream = stream
        self._answer: Answer | None = None

    def __iter__(self) -> Generator[str, None, None]:
        self._answer = yield from self._stream

    @property
    def answer(self) -> Answer:
        """The stream's Answer, once the loop over it has run to its end."""
        if self._answer is None:
            raise RuntimeError("the answer stream has not been read to its end")
        return self._answer


def collect(stream: Generator[str, None, Answer]) -> Answer:
    """Run a generator to the end and return its Answer."""
    streamed = Streamed(stream)
    for _ in streamed:
        pass
    return streamed.answer


@dataclass
class _Sentence:
    text: str
    paragraph: int  # paragraph number within the article
    index: int  # sentence number within the article
    chunk_id: str
    terms: frozenset[str]
    score: float = 0.0


def _sentences(article: Article) -> list[_Sentence]:
    out: list[_Sentence] = []
    paragraph = 0
    for chunk in article.chunks:
        for i, sentence in enumerate(chunk.sentences):
            if i in chunk.breaks or (i == 0 and out):
                paragraph += 1
            out.append(_Sentence(sentence, paragraph, len(out), chunk.id, frozenset(terms(sentence))))
    return out


def _usable(sentence: _Sentence) -> bool:
    # Headlines, section titles and speaker labels are not statements to quote.
    words = sentence.text.split()
    if len(words) < 5 or _NOT_A_FACT.search(sentence.text):
        return False
    return sentence.text.rstrip()[-1:] in _SENTENCE_END


class ExtractiveAnswerer:
    """Answers by quoting the article sentences that address the question; needs no LLM."""

    def __init__(self, max_sources: int = 5) -> None:
        self.max_sources = max_sources

    # -- scoring -------------------------------------------------------------------------------
    def _weights(self, query: Query, corpus: Corpus) -> dict[str, float]:
        # A question made only of names ("Where is the X Center?") is about those names.
        focus = query.focus or tuple(t for phrase in query.places for t in phrase)
        known = set(corpus.lexical.known(focus))
        # A word the corpus never uses would outweigh every other ("idea", "approach"): it counts
        # as much as the question's rarest known word, so coverage still drops without it.
        cap = max((corpus.idf(t) for t in known), default=1.0)
        return {t: corpus.idf(t) if t in known else cap for t in focus}

    @staticmethod
    def _covered(query: Query, term: str, vocabulary: frozenset[str]) -> bool:
        return term in vocabulary or any(alt in vocabulary for alt in query.alternatives.get(term, ()))

    def _coverage(self, query: Query, weights: dict[str, float], vocabulary: frozenset[str]) -> float:
        total = sum(weights.values())
        if not total:
            return 1.0
        return sum(w for t, w in weights.items() if self._covered(query, t, vocabulary)) / total

    def _score_sentences(self, query: Query, weights: dict[str, float], hit: ArticleHit) -> list[_Sentence]:
        place_terms = {t for phrase in query.places for t in phrase}
        sentences = [s for s in _sentences(hit.article) if _usable(s)]
        # The chunk's cosine similarity carries the meaning that word overlap misses.
        for s in sentences:
            s.score = self._coverage(query, weights, s.terms)
            s.score += CHUNK_WEIGHT * hit.chunk_similarity.get(s.chunk_id, 0.0)
            if query.wants and _ANSWER_TYPES[query.wants].search(s.text):
                s.score += ANSWER_TYPE_BONUS
            if place_terms:
                s.score += PLACE_WEIGHT * len(place_terms & s.terms) / len(place_terms)
            s.score -= 0.001 * s.index  # ties go to the earlier sentence
        return sentences

    def _select(
        self, query: Query, weights: dict[str, float], hit: ArticleHit, overview: bool = False
    ) -> list[_Sentence]:
        sentences = self._score_sentences(query, weights, hit)
        if not sentences:
            return []
        if overview:
            return sentences[:2]  # "What about Lanzhou?": the lede says what the article is about
        ranked = sorted(sentences, key=lambda s: -s.score)
        best = ranked[0]
        chosen = [best]
        for s in ranked[1:]:
            if len(chosen) >= MAX_SENTENCES or s.score < max(0.6 * best.score, MIN_SENTENCE_COVERAGE):
                break
            chosen.append(s)
        # A sentence that starts "These areas include ..." finishes the one before it.
        by_index = {s.index: s for s in sentences}
        for s in list(chosen):
            follower = by_index.get(s.index + 1)
            if (
                follower is not None
                and follower not in chosen
                and follower.paragraph == s.paragraph
                and _CONTINUES.match(follower.text)
                and len(chosen) < MAX_SENTENCES + 1
            ):
                chosen.append(follower)
        return sorted(chosen, key=lambda s: s.index)

    # -- answering -----------------------------------------------------------------------------
    @staticmethod
    def _place_groups(
        query: Query, corpus: Corpus, candidates: list[ArticleHit]
    ) -> tuple[list[tuple[int, list[ArticleHit]]], list[str]]:
        """Candidate articles per place asked about (in answering order), and places none names.

        One group of the articles naming every place, unless the question is about several
        places that no one article covers together; then one group per place.
        """
        whole = [h for h in candidates if h.place_coverage == 1.0]
        # "Zhejiang and Chun'an County" names two places; "Science and Innovation Center" one.
        two_places = any(
            all(pair not in corpus.article_text(h.article) for h in candidates) for pair in query.joined
        )
        several = (query.multi or two_places) and len(query.places) > 1
        if not query.places or (whole and not several):
            return [(0, whole)], []
        groups: list[tuple[int, list[ArticleHit]]] = []  # (place order in the question, its articles)
        missing: list[str] = []
        for order, (phrase, name) in enumerate(zip(query.places, query.place_names, strict=True)):
            naming = [h for h in candidates if corpus.names(h.article, phrase)]
            if naming:
                groups.append((order, naming))
            else:
                missing.append(name)
        # The most specific place first: "Chun'an County" before the "Zhejiang" that contains it.
        groups.sort(key=lambda g: len(g[1]))
        return groups, missing

    def _evidence(self, request: AnswerRequest) -> tuple[list[tuple[ArticleHit, list[_Sentence]]], list[str]]:
        """The articles to cite, each with its sentences, and the places nothing covers."""
        query, corpus = request.query, request.corpus
        weights = self._weights(query, corpus)
        candidates = request.hits[: max(self.max_sources * 3, 10)]
        groups, missing = self._place_groups(query, corpus, candidates)
        # Only a region's name and no topic: an overview of the region's article.
        overview = not query.focus and all(t in corpus.gazetteer for p in query.places for t in p)
        figure = _ANSWER_TYPES["amount"] if query.wants == "amount" else _FIGURE
        chosen: list[tuple[int, ArticleHit, list[_Sentence]]] = []
        for order, group in groups:
            answering: list[tuple[float, ArticleHit, list[_Sentence]]] = []
            top_score = group[0].score if group else 1.0
            for rank, hit in enumerate(group):
                coverage = self._coverage(query, weights, corpus.article_terms(hit.article))
                if coverage + hit.similarity < MIN_RELEVANCE:
                    continue
                sentences = self._select(query, weights, hit, overview)
                if not sentences:
                    continue
                if query.quantity and not any(figure.search(x.text) for x in sentences):
                    continue  # "How many attended?" is not answered by sentences with no figure
                best_sentence = max(sentences, key=lambda x: x.score)
                merit = best_sentence.score + 0.5 * hit.score / top_score - 0.01 * rank
                answering.append((merit, hit, sentences))
            answering.sort(key=lambda item: -item[0])
            keep = self.max_sources if (query.multi and len(groups) == 1) else 1
            fresh = [item for item in answering if all(item[1] is not c for _, c, _ in chosen)]
            chosen.extend((order, hit, sentences) for _, hit, sentences in fresh[:keep])
        chosen.sort(key=lambda item: item[0])  # stable: answer in the order the question names places
        return [(hit, sentences) for _, hit, sentences in chosen[: self.max_sources]], missing

    def generate(self, request: AnswerRequest) -> Generator[str, None, Answer]:
        """Quote the answering sentences, each with its [n]; decline when nothing answers."""
        query = request.query
        if query.injection:
            text = decline_text(request.corpus, instructions=True)
            yield text
            return Answer(query.question, text, declined=True)
        evidence, missing = self._evidence(request) if request.hits else ([], [])
        if not evidence:
            text = decline_text(request.corpus, missing=missing)
            yield text
            return Answer(query.question, text, declined=True)
        citations: list[Citation] = []
        parts: list[str] = []
        labelled = len(evidence) > 1
        for n, (hit, sentences) in enumerate(evidence, start=1):
            meta = hit.article.meta
            citations.append(
                Citation(
                    n=n,
                    title=meta.title,
                    publisher=meta.publisher,
                    date=meta.date,
                    region=meta.region,
                    path=hit.article.path,
                    quote=_quote(sentences),
                    score=round(hit.score, 6),
                )
            )
            body = " ".join(f"{s.text} [{n}]" for s in sentences)
            piece = f"{meta.region or meta.title or f'Source [{n}]'}: {body}" if labelled else body
            if parts:
                piece = "\n" + piece
            parts.append(piece)
            yield piece
        if missing:
            note = f"\nThe corpus says nothing about {', '.join(missing)}."
            parts.append(note)
            yield note
        return Answer(query.question, "".join(parts), declined=False, citations=citations)


def _quote(sentences: list[_Sentence]) -> str:
    """The longest run of adjacent chosen sentences in one paragraph: verbatim in the source."""
    runs: list[list[_Sentence]] = []
    for s in sentences:
        if runs and runs[-1][-1].index + 1 == s.index and runs[-1][-1].paragraph == s.paragraph:
            runs[-1].append(s)
        else:
            runs.append([s])
    best_run = max(runs, key=lambda run: (max(x.score for x in run), len(run)))
    return " ".join(s.text for s in best_run)


def decline_text(corpus: Corpus, *, instructions: bool = False, missing: list[str] | None = None) -> str:
    """The plain 'the corpus does not say', with what the assistant can answer instead."""
    regions: dict[str, int] = {}
    for article in corpus.snapshot.articles.values():
        if article.meta.region:
            regions[article.meta.region] = regions.get(article.meta.region, 0) + 1
    names = sorted(regions, key=lambda r: -regions[r])
    shown = "; ".join(names[:6])
    if len(names) > 6:
        shown += f" and {len(names) - 6} more places"
    offer = (
        f"I can answer questions about the talent policies in the corpus ({shown}): "
        "subsidies, eligibility, talent cards, programmes and services, with sources."
        if names
        else "The corpus is empty: add articles and run `policy-assistant ingest`."
    )
    if instructions:
        return f"I can't share or change my instructions. {offer}"
    if missing:
        return f"The corpus says nothing about {', '.join(missing)}, so I can't answer that. {offer}"
    return f"The corpus does not answer this, so I won't guess. {offer}"

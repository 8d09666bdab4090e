"""The evidence stage: between retrieval and the answer, the passages that answer each part of a question.

query -> retrieve -> evidence -> write (extractive or LLM) -> guard. For every part of the question
(parts.py) and every place it names, the candidate articles' sentences are scored for the part, and
only sentences that hold what the part asks for (its kind of answer, benefit, group and period) may
answer it. A part that no sentence answers is recorded as not given, so the answer can say so plainly
instead of quoting a sentence that merely shares words with the question. Writers receive only this.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from assistant.ingest.metadata import ArticleMeta
from assistant.language.places import Gazetteer
from assistant.search.parts import GROUP_TERMS, Part, Vocabulary, counted_words, fits, groups_in, rate_words
from assistant.search.query import Query
from assistant.search.retrieval import ArticleHit, Corpus
from assistant.snapshot import Article
from assistant.text import terms

# An article answers when the share of the question's focus terms it holds (IDF-weighted) plus the
# cosine similarity of its best chunk reaches this. Measured on evals/questions.jsonl: questions the
# corpus cannot answer score at most 0.54, answerable ones mostly 0.6 and above.
MIN_RELEVANCE = 0.6
# A sentence answers a part only when it (with the sentences just before it) holds this share of the
# part's topic words, IDF-weighted. Chosen on evals/answerability.jsonl and evals/questions.jsonl:
# at 0.3, 30 of 35 must-decline cases declined (0.25: 28) and key facts 0.959 on questions.jsonl ...
MIN_TOPIC_COVERAGE = 0.3
# ... or, for a part that asks for a typed answer (an amount, a date ...), which the sentence holds, its
# chunk is this close to the question: "When did the recruitment window open?" - "The work began in
# early August". Chosen on evals/answerability.jsonl (key facts 0.818 -> 0.841, declines unchanged).
MIN_TYPED_SIMILARITY = 0.6
# A sentence must share this much of the focus to be quoted beside the best one.
MIN_SENTENCE_COVERAGE = 0.3
# A question word whose inverse chunk frequency is below this is in nearly every chunk ("talent" in a
# corpus of talent policies, 0.1; "new" 1.1, "subsidy" 1.5): it does not show what a sentence is about.
MIN_TOPIC_IDF = 0.5
MAX_SENTENCES = 3
# A question asking for a list ("What are the four tiers ...?", "What kinds of income ...?") may be
# answered by more sentences: the items are often a sentence each.
MAX_LIST_SENTENCES = 5
_LIST_QUESTION = re.compile(
    r"\b(?:what|which) (?:kinds?|types?|sorts?|categories|forms?) of\b|"
    r"\bwhat are the (?:\w+[ -]){0,3}(?:tiers|levels|types|kinds|categories|measures|steps|benefits|"
    r"conditions|requirements|industries|areas|fields|sections|programs|programmes|services|sub-programs)\b|"
    r"\blist (?:the|all)\b|\bwalk me through\b|"
    r"(?:哪些|哪几|什么)(?:类型|种类|类别|层次|级别|方面)|分为哪|列出|逐年|逐一",
    re.IGNORECASE,
)
# How much the cosine similarity of a sentence's chunk to the question adds to its word overlap:
# the model sees paraphrase that word overlap misses (measured on evals/questions.jsonl).
CHUNK_WEIGHT = 1.0
# How much naming the places asked about adds (scaled by the share of place words present).
PLACE_WEIGHT = 0.1
# Bonus for a sentence holding the kind of answer the question expects.
ANSWER_TYPE_BONUS = 0.15
# Bonus for a sentence naming the group of people asked about (PhD holders, Grade C talents).
GROUP_BONUS = 0.15
# Each source's passage for an LLM: the chunk holding the quote, then its best-ranked chunks, up to
# this many words (about 330 tokens; five sources stay well inside a 4,096-token context).
MAX_PASSAGE_WORDS = 250
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
_SENTENCE_END = set('.!?;。！？；"”’)）')
_CONTINUES = re.compile(r"^(?:These|This|They|Those|Such|It|Its|The goal|In addition|Additionally)\b")
_NOT_A_FACT = re.compile(
    r"\b(?:ignore|disregard)\b.{0,60}\b(?:instructions?|prompt)\b|\bsystem prompt\b|"
    r"\b(?:as an ai|language model)\b",
    re.IGNORECASE,
)
_ASKED = {
    "amount": "the amount",
    "count": "the number",
    "duration": "how long it lasts",
    "age": "the age limit",
    "percent": "the percentage",
    "score": "the score required",
    "date": "the date",
    "procedure": "how to apply",
    "deadline": "the deadline",
    "size": "the size",
    "entity": "which ones",
}


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


@dataclass
class _Sentence:
    text: str
    paragraph: int  # paragraph number within the article
    index: int  # sentence number within the article
    chunk_id: str
    terms: frozenset[str]
    score: float = 0.0
    before: str = ""  # the article's title and the sentences just before it
    context_terms: frozenset[str] = frozenset()
    lede: str = ""  # the article's title and first sentence: the benefit the whole article is about
    year: int | None = None  # the article's year: what "last year" means in it
    groups: frozenset[str] = frozenset()  # the people it names: doctor, master, grade_c ...


def _sentences(article: Article) -> list[_Sentence]:
    out: list[_Sentence] = []
    paragraph = 0
    title = article.meta.title or ""
    first = next((c.sentences[0] for c in article.chunks if c.sentences), "")
    lede = f"{title} {first}"
    dated = article.meta.date or ""
    year = int(dated[:4]) if dated[:4].isdigit() else None
    for chunk in article.chunks:
        for i, sentence in enumerate(chunk.sentences):
            if i in chunk.breaks or (i == 0 and out):
                paragraph += 1
            before = " ".join([title, *(s.text for s in out[-3:])])
            out.append(
                _Sentence(
                    sentence,
                    paragraph,
                    len(out),
                    chunk.id,
                    frozenset(terms(sentence)),
                    before=before,
                    context_terms=frozenset(terms(before)),
                    lede=lede,
                    year=year,
                    groups=groups_in(sentence),
                )
            )
    return out


def _usable(sentence: _Sentence) -> bool:
    # Headlines, section titles and speaker labels are not statements to quote.
    words = sentence.text.split()
    if len(words) < 5 or _NOT_A_FACT.search(sentence.text):
        return False
    return sentence.text.rstrip()[-1:] in _SENTENCE_END


_HOW_MUCH = re.compile(
    r"\bhow much ((?:[a-z-]+ ){0,2}?[a-z-]+) "
    r"(?:does|do|is|are|can|will|did|would|should|has|have|was|were)\b",
    re.IGNORECASE,
)


def describe(part: Part) -> str:
    """A part in words, for saying the corpus does not give it."""
    what = _ASKED.get(part.asks or "", "")
    phrase = benefit_phrase(part.text) if part.benefit else None
    if not what:
        return f"an answer to “{part.text.rstrip('?？ ')}”"
    counted = counted_words(part.text) if part.asks == "count" else ""
    entity = Vocabulary.load().asks["entity"].search(part.text) if part.asks == "entity" else None
    if entity:
        what = f"which {entity.group(1).lower()}"
    rate = rate_words(part.text) if part.asks == "percent" else ""
    measured = _HOW_MUCH.search(part.text) if part.asks in ("amount", "size") and not phrase else None
    if counted or rate:  # "the number of graduates who ...", "the interest rate"
        what, phrase = (f"the number of {counted}" if counted else f"the {rate}"), None
    elif measured and measured.group(1).lower() not in ("money", "subsidy", "funding"):
        what = f"the {measured.group(1)}"  # "how much office space does it have" -> "the office space"
    if phrase and part.asks == "duration":
        what, phrase = f"how long the {phrase} lasts", None
    pieces = [what]
    named = " ".join(pieces).lower()
    if phrase:
        pieces.append(f"{'for' if part.asks in ('procedure', 'deadline', 'date') else 'of'} the {phrase}")
    # "master's graduates", not "graduates and master's graduates"; which office is not per group.
    asked = part.groups - {"graduate"} if len(part.groups) > 1 else part.groups
    if part.asks in ("entity", "procedure", "size"):
        asked = frozenset()
    groups = [_GROUP_NAMES.get(g, g) for g in sorted(asked)]
    groups = [
        g for g in groups if g.split()[0].lower().rstrip("s'") not in named
    ]  # "graduates for graduates"
    if groups:
        pieces.append("for " + " and ".join(groups))
    # A year asked about is not repeated as a figure of the answer: "for the year asked".
    said = sorted(y for y in part.years if not y[:1].isdigit())
    if said or part.years:
        pieces.append("for " + (" and ".join(said) if said else "the year asked"))
    if part.period and part.asks == "amount":
        pieces.append("paid once" if part.period == "once" else f"per {part.period}")
    return " ".join(pieces)


_GROUP_NAMES = {
    "doctor": "PhD holders",
    "master": "master's graduates",
    "bachelor": "bachelor's graduates",
    "college": "junior college graduates",
    "couple": "couples",
    "graduate": "graduates",
    "grade_a": "Grade A talents",
    "grade_b": "Grade B talents",
    "grade_c": "Grade C talents",
    "grade_d": "Grade D talents",
    "grade_e": "Grade E talents",
    "high_level": "high-level talents",
}
_BENEFIT_PHRASE = re.compile(
    r"((?:[\w'’-]+\s+){0,3}?(?:subsid(?:y|ies)|allowances?|grants?|bonus(?:es)?|rewards?|awards?|stipends?|"
    r"funding|loans?|incentives?|benefits?|exemptions?))\b",
    re.IGNORECASE,
)
_PHRASE_NOISE = re.compile(
    r"^(?:(?:how|much|what|which|is|the|a|an|does|do|can|monthly|yearly|annual|highest|maximum|most|"
    r"minimum|total|any|one-time|one-off|of|for|in|under|its|their|s|'s)\s+)+",
    re.IGNORECASE,
)


_PHRASE_LEAD = re.compile(
    r"^(?:.*\b(?:through|via|from|by|with|to|on|at|under|for|of|in)\s+)?(?:[A-Z][\w-]*(?:'s|’s)\s+)?"
)


def benefit_phrase(text: str) -> str | None:
    """The benefit a question names, as written: 'first-home purchase subsidy'."""
    match = _BENEFIT_PHRASE.search(text)
    if not match:
        return None
    phrase = _PHRASE_NOISE.sub("", re.sub(r"(?<!\w)['‘’]", "", match.group(1))).strip()
    # "borrow through Zhejiang's talent loan": the benefit is what follows the last preposition and
    # the place that owns it.
    phrase = _PHRASE_LEAD.sub("", phrase)
    return phrase or None


_META_ASKS = {
    "author": re.compile(
        r"\bwho (?:wrote|authored|reported|penned)\b|\bauthor\b|\bwritten by\b|\breporter\b|\bbyline\b",
        re.IGNORECASE,
    ),
    "publisher": re.compile(
        r"\bwho (?:published|put out|released|issued|carried|ran|posted)\b|\bpublisher\b|"
        r"\b(?:which|what) (?:website|web site|site|newspaper|paper|outlet|newswire|wire|media|publication|"
        r"agency)\b.{0,60}\b(?:carried|carries|published|ran|runs|posted|released|put out|reported|issued)\b|"
        r"\b(?:on|in|by|through|for) (?:which|what) (?:website|site|newspaper|paper|outlet|newswire|wire)\b|"
        r"\b(?:where|by whom) was\b.{0,80}\b(?:published|posted|released|carried)\b|"
        r"\boriginally published\b",
        re.IGNORECASE,
    ),
    "date": re.compile(
        r"\b(?:when|what date|which date|what day|on what date|on which date) (?:was|were|did)\b.{0,140}"
        r"\b(?:published|written|released|issued|posted|put out|dated|carried|come out)\b|"
        r"\b(?:publication|release|issue) date\b|\bdate of (?:the|this|that)\b",
        re.IGNORECASE,
    ),
    "title": re.compile(
        r"\b(?:title|headline) of (?:the|this|that) (?:article|piece|story|report|press release|notice|news|"
        r"transcript|press conference|post|interview)\b|\bheadline\b|\bfull title\b|"
        r"\bwhat is the (?:article|piece|story|report) called\b|"
        r"\b(?:article|piece|story|report)(?:'s|’s) (?:title|headline)\b",
        re.IGNORECASE,
    ),
}
# The question is about a document, not about the policy it reports.
_DOCUMENT = re.compile(
    r"\b(?:article|piece|story|report|news|press release|release|transcript|notice|post|page|interview|"
    r"headline|website|newswire|newspaper|paper|byline|press conference)\b",
    re.IGNORECASE,
)
_META_NAMES = {"author": "author", "publisher": "publisher", "date": "publication date", "title": "title"}


def asked_metadata(question: str) -> list[str]:
    """The metadata fields a question asks about an article (author, publisher, date, title), if any."""
    if not _DOCUMENT.search(question):
        return []
    fields = [field for field, pattern in _META_ASKS.items() if pattern.search(question)]
    # "Which website carried the transcript, and on what date?": the date asked beside is its date too.
    if fields and "date" not in fields and re.search(r"\b(?:what|which) (?:date|day)\b", question, re.I):
        fields.append("date")
    return fields


def metadata_statement(meta: ArticleMeta, asked: list[str]) -> str:
    """One sentence saying what was asked of an article's metadata (its title names the article)."""
    if asked == ["title"] and meta.title:
        return f"The article is titled “{meta.title}”."
    pieces = [f"The article “{meta.title}”" if meta.title else "The article"]
    if "publisher" in asked and meta.publisher:
        pieces.append(f"was published by {meta.publisher}")
    if "date" in asked and meta.date:
        pieces.append(f"{'on' if len(pieces) > 1 else 'is dated'} {_spelled_date(meta.date)}")
    if "author" in asked and meta.author:
        pieces.append(f"{'and ' if len(pieces) > 1 else ''}was written by {meta.author}")
    return " ".join(pieces) + "."


def _spelled_date(iso: str) -> str:
    """2024-05-15 as May 15, 2024: the way the articles write dates."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.strftime('%B')} {day.day}, {day.year}"


def _metadata_quote(article: Article, values: list[str]) -> str:
    """A sentence of the article holding one of the values (its dateline or title), else its first."""
    sentences = [s for c in article.chunks for s in c.sentences]
    for value in values:
        for sentence in sentences:
            if value.lower() in sentence.lower():
                return sentence
    return sentences[0] if sentences else ""


def covered_regions(corpus: Corpus) -> tuple[str, ...]:
    """The regions the corpus covers, most articles first."""
    regions: dict[str, int] = {}
    for article in corpus.snapshot.articles.values():
        if article.meta.region:
            regions[article.meta.region] = regions.get(article.meta.region, 0) + 1
    return tuple(sorted(regions, key=lambda r: -regions[r]))


class EvidenceFinder:
    """Finds, for each part of a question, the sentences that answer it, or records that none does."""

    def __init__(self, corpus: Corpus, max_sources: int = 5) -> None:
        self.corpus = corpus
        self.max_sources = max_sources
        self._covered = covered_regions(corpus)
        # An article's quotable sentences, split and tokenised once (each question part reads them).
        self._quotable = lru_cache(maxsize=2_000)(self._compute_quotable)

    def _compute_quotable(self, doc_id: str) -> tuple[_Sentence, ...]:
        return tuple(s for s in _sentences(self.corpus.by_doc_id[doc_id]) if _usable(s))

    # -- scoring -------------------------------------------------------------------------------
    def _weights(self, focus: tuple[str, ...], query: Query) -> dict[str, float]:
        # A question made only of names ("Where is the X Center?") is about those names.
        focus = focus or tuple(t for phrase in query.places for t in phrase)
        known = set(self.corpus.lexical.known(focus))
        # A word the corpus never uses would outweigh every other ("idea", "approach"): it counts
        # as much as the question's rarest known word, so coverage still drops without it.
        cap = max((self.corpus.idf(t) for t in known), default=1.0)
        return {t: self.corpus.idf(t) if t in known else cap for t in focus}

    @staticmethod
    def _covered_term(query: Query, term: str, vocabulary: frozenset[str]) -> bool:
        return term in vocabulary or any(alt in vocabulary for alt in query.alternatives.get(term, ()))

    def _coverage(self, query: Query, weights: dict[str, float], vocabulary: frozenset[str]) -> float:
        total = sum(weights.values())
        if not total:
            return 1.0
        return sum(w for t, w in weights.items() if self._covered_term(query, t, vocabulary)) / total

    def _score_sentences(
        self,
        query: Query,
        weights: dict[str, float],
        hit: ArticleHit,
        part: Part | None,
        required: tuple[str, ...] = (),
    ) -> list[_Sentence]:
        """The article's sentences that may answer the part, scored. required: the words of the things
        the question names (_name_words); a sentence, or those just before it, must hold each."""
        sentences = list(self._quotable(hit.article.doc_id))
        if part is not None:
            sentences = [s for s in sentences if fits(part, s.text, s.before, s.lede, s.year).ok]
            # A sentence that holds none of the words the question asks about does not answer it.
            names = tuple(t for i, p in enumerate(query.places) if not query.is_place(i) for t in p)
            topic = set(weights) | set(names)
            # A name asked about ("What position does Tao Shixiang hold?") is part of the topic.
            topical = {**weights, **self._weights(names, query)} if names else weights
            if part.groups and (part.benefit or part.asks):
                # Which people the part is about is checked by fits(); the topic is the rest
                # ("And someone who only holds a master's degree?" after a PhD's one-off subsidy).
                topical = {t: w for t, w in topical.items() if t not in GROUP_TERMS} or topical
            # A thing the question names ("the Heilongjiang Talent Week") is what the sentence, or the
            # sentences just before it, must be about: its rarest word is there.
            topic |= set(required)
            # A word nearly every chunk uses ("talent") does not make a sentence about the topic.
            # Nor does the unit a part asks in ("how many years": years).
            telling = {
                t for t in topic if self.corpus.idf(t) >= MIN_TOPIC_IDF and t not in _UNIT_TERMS
            } or topic
            if topic:
                sentences = [
                    s
                    for s in sentences
                    if (
                        any(self._covered_term(query, t, s.terms) for t in telling)
                        # "doctor student can get 50000 RMB" names the PhD holders asked about
                        or bool(part.groups & s.groups)
                    )
                    and all(_names_word(query, t, s.terms | s.context_terms) for t in required)
                    and (
                        self._coverage(query, topical, s.terms | s.context_terms) >= MIN_TOPIC_COVERAGE
                        or (
                            (part.asks is not None or part.benefit)
                            and hit.chunk_similarity.get(s.chunk_id, 0.0) >= MIN_TYPED_SIMILARITY
                        )
                    )
                ]
        return [self._scored(query, weights, hit, s, part) for s in sentences]

    def _name_words(self, query: Query) -> tuple[str, ...]:
        """The rarest word of each thing the question names in two words or more, beyond the place
        it may start with ("the Heilongjiang Talent Week": week)."""
        out: list[str] = []
        if _CJK.search(query.question):
            return ()  # a translated question's capitalised words are a dictionary's glosses
        for i, phrase in enumerate(query.places):
            name = query.place_names[i]
            if len(name.split()) < 2 or groups_in(name):
                continue  # "Grade C" names people, not a thing
            words = phrase
            if query.is_place(i):
                rest = name
                for written, _ in Gazetteer.load().find(name):
                    rest = rest.replace(written, " ")
                words = tuple(terms(rest))
            own = [
                t
                for t in words
                if t not in self.corpus.gazetteer
                and t not in GROUP_TERMS
                and t not in _PLACE_WORDS
                and not t[:1].isdigit()
            ]
            if own:
                out.append(max(own, key=self.corpus.idf))
        return tuple(out)

    def _scored(
        self, query: Query, weights: dict[str, float], hit: ArticleHit, sentence: _Sentence, part: Part | None
    ) -> _Sentence:
        """A copy of the sentence with its score for this question (the cached one stays unscored)."""
        # The chunk's cosine similarity carries the meaning that word overlap misses.
        score = self._coverage(query, weights, sentence.terms)
        score += CHUNK_WEIGHT * hit.chunk_similarity.get(sentence.chunk_id, 0.0)
        if query.wants and _ANSWER_TYPES[query.wants].search(sentence.text):
            score += ANSWER_TYPE_BONUS
        if part is not None and part.groups & sentence.groups:
            score += GROUP_BONUS  # names the people asked about itself, not only nearby
        place_terms = {t for phrase in query.places for t in phrase}
        if place_terms:
            score += PLACE_WEIGHT * len(place_terms & sentence.terms) / len(place_terms)
        score -= 0.001 * sentence.index  # ties go to the earlier sentence
        return dataclasses.replace(sentence, score=score)

    def _select(
        self,
        query: Query,
        weights: dict[str, float],
        hit: ArticleHit,
        part: Part | None,
        overview: bool,
        required: tuple[str, ...] = (),
    ) -> list[_Sentence]:
        if overview:  # "What about Lanzhou?": the lede says what the article is about
            return self._score_sentences(query, weights, hit, None)[:2]
        sentences = self._score_sentences(query, weights, hit, part, required)
        if not sentences:
            return []
        ranked = sorted(sentences, key=lambda s: -s.score)
        listing = _LIST_QUESTION.search(query.question) or _LIST_QUESTION.search(query.english)
        most = MAX_LIST_SENTENCES if listing else MAX_SENTENCES
        best = ranked[0]
        chosen = [best]
        for s in ranked[1:]:
            if len(chosen) >= most or s.score < max(0.6 * best.score, MIN_SENTENCE_COVERAGE):
                break
            chosen.append(s)
        # A sentence that starts "These areas include ..." finishes the one before it.
        by_index = {s.index: s for s in self._quotable(hit.article.doc_id)}
        for s in list(chosen):
            follower = by_index.get(s.index + 1)
            if (
                follower is not None
                and all(follower.index != c.index for c in chosen)
                and follower.paragraph == s.paragraph
                and _CONTINUES.match(follower.text)
                and len(chosen) < most + 1
            ):
                chosen.append(self._scored(query, weights, hit, follower, None))
        return sorted(chosen, key=lambda s: s.index)

    # -- places --------------------------------------------------------------------------------
    def _place_groups(
        self, query: Query, candidates: list[ArticleHit]
    ) -> tuple[list[tuple[int, list[ArticleHit]]], list[str]]:
        """Candidate articles per place asked about (in answering order), and places none names.

        One group of the articles naming every place, unless the question is about several
        places that no one article covers together; then one group per place.
        """
        corpus = self.corpus
        whole = [h for h in candidates if h.place_coverage == 1.0]
        # "Zhejiang and Chun'an County" names two places; "Science and Innovation Center" one.
        two_places = any(
            all(pair not in corpus.article_text(h.article) for h in candidates) for pair in query.joined
        )
        # "... in Zhuhai. What help with housing is available, and how does the Greater Bay Area
        # subsidy work?": each part is about its own place.
        places = [i for i in range(len(query.places)) if query.is_place(i)]
        # "Shanghai's Lin-gang Special Area" asks about Lin-gang: Shanghai only says where it is.
        holders = {
            i
            for i in places
            for j in places
            if _holds(query.question, query.place_names[i], query.place_names[j])
        }
        places = [i for i in places if i not in holders]
        several = (query.multi or two_places or len(query.parts) > 1) and len(query.places) - len(holders) > 1
        if not places and not whole:  # only names ("the Taihu Talent Program"), and no article has them
            return [], [n for n in query.place_names if len(n.split()) > 1]
        if not places or (whole and not several) or (len(places) == 1 and whole):
            return [(-1, whole)], []
        groups: list[tuple[int, list[ArticleHit]]] = []  # (place order in the question, its articles)
        missing: list[str] = []
        for order, (phrase, name) in enumerate(zip(query.places, query.place_names, strict=True)):
            if not query.is_place(order) or order in holders:
                continue  # a programme's or an institution's name narrows articles, it is not a place
            naming = [h for h in candidates if corpus.names(h.article, phrase)]
            if naming:
                groups.append((order, naming))
            else:
                missing.append(name)
        # The most specific place first: "Chun'an County" before the "Zhejiang" that contains it.
        groups.sort(key=lambda g: len(g[1]))
        return groups, missing

    @staticmethod
    def _parts_for(query: Query, order: int) -> list[int]:
        """The parts a place's articles should answer: those naming the place, and those naming no
        place that follow it ("... in Hangzhou's X, and how much office space does it have?");
        else every part naming no place."""
        if order < 0:
            return list(range(len(query.parts)))
        texts = [p.text.lower() for p in query.parts]
        name = query.place_names[order].lower()
        naming = [[other.lower() in text for other in query.place_names] for text in texts]
        own = [i for i, text in enumerate(texts) if name in text]
        unplaced = [i for i in range(len(texts)) if not any(naming[i])]
        if not own:
            return unplaced or list(range(len(texts)))
        following = []
        for i in unplaced:
            earlier = [j for j in range(i) if any(naming[j])]
            if not earlier or name in texts[earlier[-1]]:
                following.append(i)
        return sorted(own + following)

    # -- the stage -----------------------------------------------------------------------------
    def find(self, query: Query, hits: list[ArticleHit]) -> Evidence:
        """The passages answering each part of the question, and the parts nothing answers."""
        searched = tuple(h.article.path for h in hits)
        if query.injection or not hits:
            return Evidence(
                query.question,
                query.parts,
                covered=self._covered,
                injection=query.injection,
                searched=searched,
            )
        candidates = hits[: max(self.max_sources * 3, 10)]
        groups, missing = self._place_groups(query, candidates)
        about = asked_metadata(query.english)
        if about:
            return self._metadata(query, about, groups, missing, searched)
        # "Has Xuzhou set up a park in Hangzhou?": a part about a place no article covers is not
        # answered by the articles about the other place it names (unless places are compared).
        blocked = set()
        if missing and not query.multi:
            blocked = {
                i for i, p in enumerate(query.parts) if any(m.lower() in p.text.lower() for m in missing)
            }
        # Only a region's name and no topic: an overview of the region's article.
        overview = not query.focus and all(t in self.corpus.gazetteer for p in query.places for t in p)
        whole_weights = self._weights(query.focus, query)
        required = self._name_words(query)
        chosen: list[tuple[int, int, ArticleHit, list[_Sentence], float]] = []  # order, part, hit, ...
        gaps: list[Gap] = []
        several_parts = len(query.parts) > 1
        for order, group in groups:
            top_score = group[0].score if group else 1.0
            relevant = [
                (rank, hit)
                for rank, hit in enumerate(group)
                if self._coverage(query, whole_weights, self.corpus.article_terms(hit.article))
                + hit.similarity
                >= MIN_RELEVANCE
            ]
            for index in self._parts_for(query, order):
                if index in blocked:
                    continue
                part = query.parts[index]
                weights = whole_weights
                if several_parts:
                    own = tuple(t for t in part.focus if t in whole_weights)
                    weights = self._weights(own, query) if own else whole_weights
                answering: list[tuple[float, ArticleHit, list[_Sentence]]] = []
                for rank, hit in relevant:
                    sentences = self._select(query, weights, hit, part, overview, required)
                    if not sentences:
                        continue
                    best = max(s.score for s in sentences)
                    merit = best + 0.5 * hit.score / top_score - 0.01 * rank
                    answering.append((merit, hit, sentences))
                answering.sort(key=lambda item: -item[0])
                keep = self.max_sources if (query.multi and len(groups) == 1) else 1
                fresh = [item for item in answering if all(item[1] is not c[2] for c in chosen)] or answering
                for merit, hit, sentences in fresh[:keep]:
                    chosen.append((order, index, hit, sentences, merit))
                # A place asked about whose articles do not answer: say so, even when they are
                # about something else ("Comparing Liangjiang and Lanzhou: what does each give ...").
                covering = [hit for _, hit in relevant] or (group if order >= 0 else [])
                if not answering and covering:
                    where = covering[0].article.meta.region or covering[0].article.meta.title
                    gaps.append(Gap(part, where))
        passages = self._merge(chosen)
        return Evidence(
            query.question,
            query.parts,
            tuple(passages[: self.max_sources]),
            tuple(dict.fromkeys(gaps)),
            tuple(missing),
            self._covered,
            labelled=len({p.article.path for p in passages[: self.max_sources]}) > 1,
            searched=searched,
        )

    def _metadata(
        self,
        query: Query,
        about: list[str],
        groups: list[tuple[int, list[ArticleHit]]],
        missing: list[str],
        searched: tuple[str, ...],
    ) -> Evidence:
        """Who wrote or published an article, when, under which title: from its metadata, cited."""
        weights = self._weights(query.focus, query)
        relevant = [
            hit
            for _, group in groups
            for hit in group
            if self._coverage(query, weights, self.corpus.article_terms(hit.article)) + hit.similarity
            >= MIN_RELEVANCE
        ]
        base = Evidence(query.question, query.parts, covered=self._covered, searched=searched)
        if missing or not relevant:
            return dataclasses.replace(base, missing_places=tuple(missing))
        hit = relevant[0]
        meta = hit.article.meta
        given = {field: getattr(meta, field) for field in about if getattr(meta, field)}
        where = meta.region or meta.title
        if not given:
            part = Part(text=query.question)
            gap = Gap(part, where, f"its {' or '.join(_META_NAMES[f] for f in about)}")
            return dataclasses.replace(base, gaps=(gap,))
        statement = metadata_statement(meta, list(given))
        quote = _metadata_quote(hit.article, list(given.values()))
        passage = Passage(
            article=hit.article,
            sentences=(statement,),
            quote=quote,
            context=(quote,),
            parts=tuple(range(len(query.parts))),
            relevance=1.0,
            score=hit.score,
            written=True,
        )
        gaps = tuple(
            Gap(Part(text=query.question), where, f"its {_META_NAMES[f]}") for f in about if f not in given
        )
        return dataclasses.replace(base, passages=(passage,), gaps=gaps)

    def _merge(self, chosen: list[tuple[int, int, ArticleHit, list[_Sentence], float]]) -> list[Passage]:
        """One passage per article, in the order the question names places and parts."""
        merged: dict[str, tuple[int, int, ArticleHit, dict[int, _Sentence], set[int], float]] = {}
        for order, index, hit, sentences, merit in chosen:
            key = hit.article.path
            if key not in merged:
                merged[key] = (order, index, hit, {}, set(), merit)
            entry = merged[key]
            entry[3].update({s.index: s for s in sentences})
            entry[4].add(index)
        out: list[Passage] = []
        for _order, _index, hit, by_index, parts, _merit in sorted(merged.values(), key=lambda e: e[:2]):
            sentences = [by_index[i] for i in sorted(by_index)]
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


_CJK = re.compile(r"[\u3400-\u9fff]")
_UNIT_TERMS = frozenset(terms("year years month months week weeks day days per number amount much many long"))
_PLACE_WORDS = frozenset(
    terms(
        "province provincial city cities county counties district districts new area zone town village "
        "prefecture autonomous region municipality municipal pilot free trade port s"
    )
)


def _holds(question: str, outer: str, inner: str) -> bool:
    """The question names a place as the one holding another: "Shanghai's Lin-gang Special Area"."""
    return outer != inner and outer.endswith(("'s", "’s")) and f"{outer} {inner}" in question


def _names_word(query: Query, term: str, vocabulary: frozenset[str]) -> bool:
    """A name's word is there, or a word it shortens ("Sci-Tech City": science, technology)."""
    if term in vocabulary or any(alt in vocabulary for alt in query.alternatives.get(term, ())):
        return True
    return len(term) >= 3 and any(word.startswith(term) for word in vocabulary)


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

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
from functools import lru_cache

from assistant.answering.evidence import Evidence, Gap, covered_regions, merge_passages
from assistant.answering.metadata_answers import asked_metadata, metadata_evidence
from assistant.answering.sentences import ANSWER_TYPES, CONTINUES, Sentence, quotable, sentences_of
from assistant.language.places import Gazetteer
from assistant.search.answer_types import Vocabulary
from assistant.search.fits import fits, gives_a_benefit
from assistant.search.parts import GROUP_TERMS, Part, groups_in, years_in
from assistant.search.query import Query
from assistant.search.question_clauses import asks_in_words
from assistant.search.retrieval import ArticleHit, Corpus
from assistant.text import terms

_FIGURE = re.compile(r"\d")
# "... or only those who join enterprises?", "PhDs who ...": a relative pronoun asks nothing
_RELATIVE = re.compile(
    r"(?:,|\b(?:those|the ones|anyone|someone|people|one)|\b\w+s)\s+(?:who|which|whose|whom)\b", re.IGNORECASE
)

# An article answers when the share of the question's focus terms it holds (IDF-weighted) plus the
# cosine similarity of its best chunk reaches this. Measured on evals/questions.jsonl: questions the
# corpus cannot answer score at most 0.54, answerable ones mostly 0.6 and above.
MIN_RELEVANCE = 0.6
# A sentence answers a part only when it (with the sentences just before it) holds this share of the
# part's topic words, IDF-weighted. Chosen on evals/answerability.jsonl and evals/questions.jsonl:
# at 0.3, 30 of 35 must-decline cases declined (0.25: 28) and key facts 0.959 on questions.jsonl ...
MIN_TOPIC_COVERAGE = 0.3
OWN_SHARE = MIN_TOPIC_COVERAGE  # of one part's own words, when a question asks several things
# ... and of a part asking neither a typed answer nor a benefit, which nothing else checks: most of
# them ("do they have to pay social insurance?" is not answered by "project funding")
PLAIN_SHARE = 0.5
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


class EvidenceFinder:
    """Finds, for each part of a question, the sentences that answer it, or records that none does."""

    def __init__(self, corpus: Corpus, max_sources: int = 5) -> None:
        self.corpus = corpus
        self.max_sources = max_sources
        self._covered = covered_regions(corpus)
        # An article's quotable sentences, split and tokenised once (each question part reads them).
        self._quotable = lru_cache(maxsize=2_000)(self._compute_quotable)

    def _compute_quotable(self, doc_id: str) -> tuple[Sentence, ...]:
        return tuple(s for s in sentences_of(self.corpus.article(doc_id)) if quotable(s))

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
        required: tuple[tuple[str, str], ...] = (),
    ) -> list[Sentence]:
        """The article's sentences that may answer the part, scored. required: the things the question
        names, each a word and the name as written (_name_words); a sentence, or those just before it,
        must hold each word."""
        sentences = list(self._quotable(hit.article.doc_id))
        if part is not None:
            # A sentence that holds none of the words the question asks about does not answer it.
            # A programme named after its place ("the Heilongjiang Talent Card") is the topic of the part
            # naming it, by its words beyond the place (which any sentence there has).
            text = part.text.lower()
            names = tuple(
                t
                for i, (p, written) in enumerate(zip(query.places, query.place_names, strict=False))
                if not query.is_place(i) or (query.names_thing(i) and written.lower() in text)
                for t in p
                if not query.is_place(i) or t not in self.corpus.gazetteer
            )
            topic = set(weights) | set(names)
            # A name asked about ("What position does Tao Shixiang hold?") is part of the topic.
            topical = {**weights, **self._weights(names, query)} if names else weights
            if part.groups and (part.benefit or part.asks):
                # Which people the part is about is checked by fits(); the topic is the rest
                # ("And someone who only holds a master's degree?" after a PhD's one-off subsidy).
                topical = {t: w for t, w in topical.items() if t not in GROUP_TERMS} or topical
            # "From what date must I have started working?": a date answers it, not the word "date".
            naming = _TYPE_NAMES.get(part.asks or "", frozenset())
            if Vocabulary.load().predicate["qualifies"].match(part.text):
                naming = _QUALIFYING  # "Do I qualify?": a condition answers it, not the word "qualify"
            topical = {t: w for t, w in topical.items() if t not in naming} or topical
            # A thing the question names ("the Heilongjiang Talent Week") is what the sentence, or the
            # sentences just before it, must be about: its rarest word is there.
            words = tuple(w for w, _ in required)
            # "the 100 Talent Plan": the programme last named by number, up to the sentence, is that one
            numbered = [(w, name) for w, name in required if w[:1].isdigit()]
            topic |= set(words)
            # A word nearly every chunk uses ("talent") does not make a sentence about the topic.
            # Nor does the unit a part asks in ("how many years": years).
            telling = {
                t
                for t in topic
                if self.corpus.idf(t) >= MIN_TOPIC_IDF and t not in _UNIT_TERMS and t not in naming
            } or topic
            # "For how long is it paid?" after a question about the living subsidy: words asking only
            # the kind of answer leave the benefit carried over, which fits() checks, as the topic
            asking_only = bool(part.kinds) and not words and topic <= naming | _UNIT_TERMS
            if topic and not asking_only:
                own = self.own_weights(query, part)
                plain = self.plain_weights(query, part)
                # "... applies to nine cities in Guangdong, including Guangzhou, Shenzhen ...": a list of the
                # names asked for may leave its topic to the sentences just before it
                listed = part.asks == "entity"
                sentences = [
                    s
                    for s in sentences
                    if (
                        any(
                            self._covered_term(query, t, s.terms | s.context_terms if listed else s.terms)
                            for t in telling
                        )
                        # "doctor student can get 50000 RMB" names the PhD holders asked about
                        or bool(part.groups & s.groups)
                    )
                    and all(_names_word(query, t, s.terms | s.context_terms) for t in words)
                    and all(_last_numbered(s, number, name) for number, name in numbered)
                    and (
                        (
                            self._coverage(query, plain, s.terms | s.context_terms) >= PLAIN_SHARE
                            if plain
                            else self._coverage(query, topical, s.terms | s.context_terms)
                            >= MIN_TOPIC_COVERAGE
                        )
                        or (bool(own) and self._coverage(query, own, s.terms | s.context_terms) >= OWN_SHARE)
                        or (
                            (part.asks is not None or part.benefit)
                            and hit.chunk_similarity.get(s.chunk_id, 0.0) >= MIN_TYPED_SIMILARITY
                        )
                    )
                ]
            # "Do graduates need to have paid social insurance for a certain time before applying for the
            # living subsidy?" is not answered by the living subsidy given to graduates.
            predicate = self.predicate_weights(query, part)
            if predicate:
                share = Vocabulary.load().predicate_share
                spoken = [self._coverage(query, predicate, s.terms | s.context_terms) for s in sentences]
                sentences = [s for s, covered in zip(sentences, spoken, strict=True) if covered >= share]
            # ... nor one that does not answer what the part asks (checked last: it is the dearer test).
            sentences = [s for s in sentences if fits(part, s.text, s.before, s.lede, s.year).ok]
        return [self._scored(query, weights, hit, s, part) for s in sentences]

    def _programme_words(self, query: Query, part: Part) -> tuple[str, ...]:
        """The words a part describes a programme by ("under the youth housing policy": youth, housing),
        which the article answering it must use; a part saying "this policy" is about the one the
        question's statements describe."""
        found = _PROGRAMME.findall(_place_as_the(part.text, query))
        # "Is there an age limit on Zhuhai's young-talent housing policy? What's the maximum age to
        # qualify?": a part naming no programme nor place of its own is about the question's
        text = part.text.lower()
        names = enumerate(query.place_names)
        own_place = any(query.is_place(i) and name.lower() in text for i, name in names)
        if not found and (_THIS_PROGRAMME.search(part.text) or not own_place):
            found = _PROGRAMME.findall(_place_as_the(query.reading, query))
        named = {t for phrase in query.places for t in phrase}
        described = terms(" ".join(w for words in found for w in words.split() if not w[:1].isupper()))
        return tuple(
            dict.fromkeys(
                t
                for t in described
                if t not in named
                and (t not in GROUP_TERMS or t in _YOUTH)  # "the youth housing policy" names a programme
                and t not in _NOT_PROGRAMME_WORDS
                and not t[:1].isdigit()
                and self.corpus.idf(t) >= MIN_TOPIC_IDF
            )
        )

    def own_weights(self, query: Query, part: Part) -> dict[str, float]:
        """ "What's the most we can get for buying a home, and by what date must we apply?": a sentence
        answering one part of several need only be about that part's own words (at least two telling
        ones), not the other parts' too. Only for a part that asks a kind of answer or a benefit, which
        fits() then checks; empty for a question of one part."""
        if not (part.asks or part.benefit):
            return {}
        # ... nor, for a question after the asker's situation ("My husband has a PhD, he's 41 ... what
        # settlement subsidy can he get?"), the words describing them
        if len(query.parts) < 2 and set(query.focus) <= set(part.focus):
            return {}
        return self._part_words(query, part)

    def plain_weights(self, query: Query, part: Part) -> dict[str, float]:
        """ "What living allowance does a PhD get, and do they have to pay social insurance?": a part
        of several that asks neither a kind of answer nor a benefit, nor names one, has only its words to be
        checked by, so a sentence answering it must be about its own words (at least two telling
        ones), not the question's other parts; empty for a question of one part."""
        # "hengqin talent card renewal", "housing subsidy tax treatment": words typed, not asked, are all
        # the part has to be checked by, even in a question of one part or naming a benefit
        typed = part.asks is None and not asks_in_words(part.text)
        if not typed and (len(query.parts) < 2 or part.asks or part.benefit or part.kinds):
            return {}  # a part naming a benefit ("what help with housing is there?") is checked by fits()
        words = self._part_words(query, part)
        vocabulary = Vocabulary.load()
        if words and vocabulary.predicate["yes_no"].match(part.text):
            # "Do I need a particular work permit ...?": the words asking say nothing of the topic (the
            # programme asked about does: "the youth housing scheme")
            asking = vocabulary.predicate_not_telling - _PROGRAMME_TERMS
            words = {t: w for t, w in words.items() if t not in asking} or words
        return words

    def _described(self, query: Query, hits: list[ArticleHit], weights: dict[str, float]) -> list[ArticleHit]:
        """The hits whose article is about the question's topic (coverage plus similarity)."""
        return [
            hit
            for hit in hits
            if self._coverage(query, weights, self.corpus.article_terms(hit.article)) + hit.similarity
            >= MIN_RELEVANCE
        ]

    def predicate_weights(self, query: Query, part: Part) -> dict[str, float]:
        """What a yes-or-no question asks of a benefit or a rule ("Can I appeal the score?"), as weighted
        terms: its own words beyond the benefit, its people and its place, and words that say nothing of
        their own ("apply", "get"); of a question whether a rule covers something, the words of what it
        covers. Empty for a part asking a typed answer or naming a kind of benefit without asking for one
        (other checks read those), a wh-question, or one asking nothing beyond the benefit ("Can PhD
        holders get the rent subsidy?")."""
        vocabulary = Vocabulary.load()
        reads = vocabulary.predicate
        chinese = part.original and reads["yes_no_chinese"].search(part.original)
        yes_or_no = reads["yes_no"].match(part.text) or chinese
        if (
            part.asks is not None
            # "Is there any help with rent while I look for work?", "Is 15% the threshold?": a kind of
            # benefit or a figure asked of, which other checks read
            or (not part.benefit and (part.kinds or _FIGURE.search(part.text)))
            or not yes_or_no
            or reads["wh"].search(_RELATIVE.sub(" ", f"{part.text} {part.original}"))
            or reads["qualifies"].match(part.text)  # "Do I qualify for it?": the people's check reads it
            or part.both_sides  # "one-off or in instalments?": the sides' check reads it
        ):
            return {}
        said_nothing = vocabulary.predicate_not_telling | vocabulary.benefit_terms
        said_nothing |= _benefit_names(part.text, vocabulary)
        words = {
            t: w
            for t, w in self._part_words(query, part, least=1).items()
            if t not in said_nothing and not t[:1].isdigit()
        }
        # "Does Wenzhou's 80,000-yuan subsidy for new doctors also cover PhDs hired by public hospitals?":
        # whether it covers the hospitals' PhDs, which the sentence giving the subsidy does not say
        covers = reads["covers"].search(part.text)
        covered = set(terms(part.text[covers.end() :])) if covers else set()
        return {t: w for t, w in words.items() if t in covered} or words

    def _part_words(self, query: Query, part: Part, least: int = 2) -> dict[str, float]:
        named = {t for phrase in query.places for t in phrase}
        own = {
            t: w
            for t, w in self._weights(part.focus, query).items()
            if t not in GROUP_TERMS and t not in named and self.corpus.idf(t) >= MIN_TOPIC_IDF
        }
        return own if len(own) >= least else {}

    def _name_words(self, query: Query) -> tuple[tuple[str, str], ...]:
        """The rarest word of each thing the question names in two words or more, beyond the place
        it may start with ("the Heilongjiang Talent Week": week), with the name as written; for a
        numbered programme, its number ("the 100 Talent Plan" is not the 10 Talent Plan)."""
        out: list[tuple[str, str]] = []
        # a translated question's capitalised words are a dictionary's glosses, but for a numbered
        # programme the glossary's ("百人计划": the 100 Talent Plan)
        translated = bool(_CJK.search(query.question))
        asked = " ".join((query.english if translated else query.question, *query.carried))
        for i, phrase in enumerate(query.places):
            name = query.place_names[i]
            if len(name.split()) < 2 or groups_in(name):
                continue  # "Grade C" names people, not a thing
            numbers = _numbers_naming(name, asked)
            if numbers and not years_in(numbers[0]):
                out.append((numbers[0], name))
                continue
            # ... and a name the asker put in quotes (“头雁”: the glossary's “ Leading Wild Goose ”)
            if translated and not re.search(rf"[“\"「『]\s*{re.escape(name)}\s*[”\"」』]", asked):
                continue
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
                out.append((max(own, key=self.corpus.idf), name))
        return tuple(out)

    def _scored(
        self, query: Query, weights: dict[str, float], hit: ArticleHit, sentence: Sentence, part: Part | None
    ) -> Sentence:
        """A copy of the sentence with its score for this question (the cached one stays unscored)."""
        # The chunk's cosine similarity carries the meaning that word overlap misses.
        score = self._coverage(query, weights, sentence.terms)
        score += CHUNK_WEIGHT * hit.chunk_similarity.get(sentence.chunk_id, 0.0)
        if query.wants and ANSWER_TYPES[query.wants].search(sentence.text):
            score += ANSWER_TYPE_BONUS
        if part is not None and part.groups & sentence.groups:
            score += GROUP_BONUS  # names the people asked about itself, not only nearby
        # "What can the leaders receive?" (no benefit named): a sentence that gives something
        asks_what_is_given = part is not None and part.benefit and not part.kinds and part.asks is None
        if asks_what_is_given and gives_a_benefit(sentence.text):
            score += ANSWER_TYPE_BONUS
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
        required: tuple[tuple[str, str], ...] = (),
    ) -> list[Sentence]:
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
                and CONTINUES.match(follower.text)
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
        return groups, list(dict.fromkeys(missing))  # "澳门 ... 在澳门": one place, named once

    @staticmethod
    def _each_group(part: Part, quoted: list[Sentence]) -> list[Part]:
        """The part for each degree it names that none of the quoted sentences answers: "a master's
        graduate and a vocational college graduate" asks for both."""
        ranked = sorted(g for g in part.groups if Vocabulary.load().groups[g][0] is not None)
        if len(ranked) < 2:
            return []
        singles = [dataclasses.replace(part, groups=frozenset({g})) for g in ranked]
        return [
            single
            for single in singles
            if not any(fits(single, s.text, s.before, s.lede, s.year).ok for s in quoted)
        ]

    @staticmethod
    def _parts_for(query: Query, order: int) -> list[int]:
        """The parts a place's articles should answer: those naming the place, and those naming no
        place that follow it ("... in Hangzhou's X, and how much office space does it have?");
        else every part naming no place."""
        if order < 0:
            return list(range(len(query.parts)))
        texts = [p.text.lower() for p in query.parts]
        name = query.place_names[order].lower()
        # a thing named that is no place ("a 'top talent'") leaves the part to the place before it
        places = [other.lower() for i, other in enumerate(query.place_names) if query.is_place(i)]
        # "我是香港永久居民, 准备去珠海工作。有什么住房帮助? 大湾区个税补贴怎么算?": a part naming no place
        # is about the place of the statements before it, where they name one
        texts = [
            text if any(other in text for other in places) else f"{p.context.lower()} {text}"
            for text, p in zip(texts, query.parts, strict=True)
        ]
        naming = [[other in text for other in places] for text in texts]
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
        about = asked_metadata(query.english, query.earlier)
        if about:
            # "What's the date on that Shenyang article, and which source supplied it?": when no article is
            # about all the words, one naming the place asked is found by what it is about, not by the
            # words asking for its date or source, nor by the source the asker names ("was it published
            # by China Daily?")
            sources = _CLAIMED_SOURCE.findall(query.english)
            claimed = set(terms(" ".join(sources)))
            topic = tuple(t for t in query.focus if t not in _METADATA_TERMS and t not in claimed)
            places = [
                name
                for i, name in enumerate(query.place_names)
                if query.is_place(i) and not any(name in source for source in sources)
            ]
            hits_asked = [hit for _, group in groups for hit in group]
            described = self._described(query, hits_asked, self._weights(query.focus, query))
            if not described and places:
                naming = [hit for hit in hits_asked if hit.place_coverage == 1.0]
                described = self._described(query, naming, self._weights(topic, query))
            base = Evidence(query.question, query.parts, covered=self._covered, searched=searched)
            # "... which date was it updated, and which local daily did it cite?": a part asking something
            # other than the article's metadata is answered from its text, or named as not given
            others = {i for i, part in enumerate(query.parts) if self._asks_beside_metadata(query, part)}
            asked = [i for i in range(len(query.parts)) if i not in others]
            evidence = metadata_evidence(base, about, described, missing, asked)
            if not others or len(others) == len(query.parts) or evidence.missing_places:
                return evidence
            text = self._answers(query, groups, missing, searched, others)
            passages = (*evidence.passages, *text.passages)[: self.max_sources]
            return dataclasses.replace(
                evidence,
                passages=passages,
                gaps=tuple(dict.fromkeys((*evidence.gaps, *text.gaps))),
                labelled=len({p.article.path for p in passages}) > 1,
            )
        return self._answers(query, groups, missing, searched)

    @staticmethod
    def _asks_beside_metadata(query: Query, part: Part) -> bool:
        """Whether a part of a question about an article's metadata asks something else of it: its
        words are more than the metadata it asks, the places it names and the document itself."""
        if asked_metadata(part.text, [query.english]):
            return False
        named = {t for place in query.places for t in place}
        return any(t not in _METADATA_TERMS and t not in named for t in part.focus)

    def _answers(
        self,
        query: Query,
        groups: list[tuple[int, list[ArticleHit]]],
        missing: list[str],
        searched: tuple[str, ...],
        only: set[int] | None = None,
    ) -> Evidence:
        """The passages of each place's articles answering each part (``only`` those parts, if given),
        and the parts they do not give."""
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
        named = self._name_words(query)
        chosen: list[tuple[int, int, ArticleHit, list[Sentence], float]] = []  # order, part, hit, ...
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
                if index in blocked or (only is not None and index not in only):
                    continue
                part = query.parts[index]
                weights = whole_weights
                if several_parts:
                    # "..., and how large is each one?": a part naming only the kind of answer it asks
                    # is about what the rest of the question is about
                    type_names = _TYPE_NAMES.get(part.asks or "", frozenset())
                    own = tuple(t for t in part.focus if t in whole_weights and t not in type_names)
                    # ... unless it carries a benefit of its own ("How long is it paid, and how much is
                    # the purchase subsidy?" after the living allowance), which fits() checks
                    weights = self._weights(own, query) if own else {} if part.kinds else whole_weights
                # "How many services does the X Platform offer, and when will the Y Building open?":
                # each part is about the things it names (a part naming none, about all of them).
                own_names = tuple((w, name) for w, name in named if name.lower() in part.text.lower())
                # ... and a thing another part names is that part's ("How many skilled personnel did
                # Heilongjiang have, and how many Heilongjiang Talent Cards have been issued?")
                others = [p.text.lower() for k, p in enumerate(query.parts) if k != index]
                unclaimed = tuple(
                    (w, name) for w, name in named if not any(name.lower() in text for text in others)
                )
                required = own_names or unclaimed
                answering: list[tuple[float, ArticleHit, list[Sentence]]] = []
                programme = self._programme_words(query, part)
                for rank, hit in relevant:
                    article_terms = self.corpus.article_terms(hit.article)
                    if programme and not all(self._covered_term(query, t, article_terms) for t in programme):
                        continue  # "the youth housing policy": an article about another programme
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
                if fresh and relevant:
                    # "A master's graduate and a vocational college graduate: what would each get?"
                    for single in self._each_group(part, [s for _, _, ss in fresh[:keep] for s in ss]):
                        selected = (
                            (merit, hit, self._select(query, weights, hit, single, overview, required))
                            for merit, hit, _ in answering
                        )  # lazily: the first article that answers for this degree is enough
                        found = next((item for item in selected if item[2]), None)
                        if found:
                            merit, hit, sentences = found
                            chosen.append((order, index, hit, sentences, merit))
                        else:
                            article = fresh[0][1].article
                            gaps.append(Gap(single, article.meta.region or article.meta.title))
                # A place asked about whose articles do not answer: say so, even when they are
                # about something else ("Comparing Liangjiang and Lanzhou: what does each give ...").
                covering = [hit for _, hit in relevant] or (group if order >= 0 else [])
                if not answering and covering:
                    where = covering[0].article.meta.region or covering[0].article.meta.title
                    gaps.append(Gap(part, where))
        passages = merge_passages(chosen)
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


_CJK = re.compile(r"[\u3400-\u9fff]")
# "under the youth housing policy", "the free first-year housing scheme": a programme described in words
_PROGRAMME_HEAD = r"(?:polic(?:y|ies)|programmes?|programs?|schemes?|initiatives?)\b"
_PROGRAMME = re.compile(
    r"(?:\b(?i:the|this|that|its|their)|['’]s)\s+((?:[a-z][\w-]*\s+){1,4}?)" + _PROGRAMME_HEAD
)
_THIS_PROGRAMME = re.compile(r"\b(?:this|that|the same|the said)\s+" + _PROGRAMME_HEAD, re.IGNORECASE)
_YOUTH = frozenset(terms("young youth"))
_PROGRAMME_TERMS = frozenset(terms("policy policies programme programmes program scheme schemes plan"))
_NOT_PROGRAMME_WORDS = frozenset(
    terms(
        "what which how the a an this that these those its their new current latest local under for of about "
        "does do is are was were can could will would talent talents people person preferential support "
        "government official city's city province provincial municipal national whole entire same said "
        "set sets up launched launches introduced introduces issued issues rolled out offers offer "
        "gives give has have had",
        keep_stopwords=True,
    )
)
_METADATA_TERMS = frozenset(
    terms(
        "date dated dates day source sources supplied supply supplies published publish publisher "
        "publication article articles story stories piece report reports news page website site paper "
        "newspaper outlet department "
        "author authors wrote written writer editor edited byline title titled headline quoting quote quoted "
        "released carried carry posted updated dateline agency media wire"
    )
)
# "was it published by China Daily?": the source the asker names, which the article may not have
_CLAIMED_SOURCE = re.compile(
    r"\b(?:published|written|carried|posted|released|edited|reported|run|put out) (?:by|in|on) "
    r"((?:the )?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})"
)


def _place_as_the(text: str, query: Query) -> str:
    """The text with each place it names first or after a preposition read as "the": "Zhuhai youth housing
    policy" (a translation) is the youth housing policy."""
    for name in query.place_names:
        # first, or after a preposition (not "does Lanzhou offer support policies": a place that acts)
        text = re.sub(rf"(^\W*|\b(?:{_PLACE_BEFORE})\s+){re.escape(name)}(?:['’]s)?(?!\w)", r"\1the", text)
    return text


_PLACE_BEFORE = "in|under|of|for|about|from|on|with|by|to|at"


# The words naming the kind of answer a part asks for, which the answer gives rather than says ("the
# date": June 1, 2023). Not "age", "duration" or "conditions", which answers often say ("under age 40").
_TYPE_NAMES = {
    kind: frozenset(terms(words))
    for kind, words in {
        "date": "date dates day",
        "deadline": "deadline deadlines date",
        "percent": "percentage share proportion",
        "count": "number",
        "amount": "amount sum figure cost costs pay pays",  # "how much does the R visa cost?"
        "size": "size area large larger big bigger",  # "how large is each one?"
        "duration": "long last lasts paid pay given granted",  # "for how long is it paid?"
    }.items()
}
_QUALIFYING = frozenset(terms("qualify qualifies eligible eligibility entitled"))
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


def _numbers_naming(name: str, text: str) -> list[str]:
    """The numbers a text writes just before a name, as terms, in order: "1000" for "the '1,000 Talent
    Plan'"."""
    words = re.escape(name.strip("'’\" ")).replace(r"\ ", r"\s+")
    found = re.findall(rf"(?<![\w.,])(\d[\d,]*)\W{{0,2}}\s*{words}", text, re.IGNORECASE)
    return [terms(number)[0] for number in found]


def _last_numbered(sentence: Sentence, number: str, name: str) -> bool:
    """The last programme named with a number ("the 10 Talent Plan"), in the sentence or just before
    it, is the one asked about; True when none is named there."""
    named = _numbers_naming(name, f"{sentence.before} {sentence.text}")
    return not named or named[-1] == number


def _names_word(query: Query, term: str, vocabulary: frozenset[str]) -> bool:
    """A name's word is there, or a word it shortens ("Sci-Tech City": science, technology); a
    programme's number, exactly (100 is not 1000)."""
    if term in vocabulary or any(alt in vocabulary for alt in query.alternatives.get(term, ())):
        return True
    return len(term) >= 3 and not term[:1].isdigit() and any(word.startswith(term) for word in vocabulary)


def _benefit_names(text: str, vocabulary: Vocabulary) -> frozenset[str]:
    """The terms of the words (up to four) between "the" or "'s" and a benefit word, which name the
    benefit ("Xiamen's new talent introduction subsidy": new, talent, introduction; not "a single
    lump-sum payment", which says what it is asked to be)."""
    words = re.findall(r"[\w'’-]+", text.lower())
    named: list[str] = []
    for i, word in enumerate(words):
        if word not in vocabulary.benefits:
            continue
        for start in range(i - 1, max(-1, i - 6), -1):
            if words[start] == "the" or words[start].endswith(("'s", "’s")):
                named.extend(words[start + 1 : i])
                break
    return frozenset(terms(" ".join(named)))

"""Comparison tables: one column per place, one row per aspect, each cell a cited figure.

A question that compares places ("Liuzhou or Tai'an: which pays a new PhD more?"), or the Compare
tab, names places and a topic. For each place, only the articles of that place are read (its region,
else the sentences that name it); their sentences about the topic (parts.fits: the benefit, the
people) are split into the clauses that hold each figure, and every figure goes to the row of its
aspect (amount, share, how long, age limit), its benefit, its people and its period. A figure per
month and one per year sit in different rows; a cell holds only figures of its own place's articles,
each with its [n]; "not stated" where that place's articles say nothing for the row; a place no
article covers is "not covered". The vocabulary is data: assistant/data/compare.json.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass

from assistant.answering.answer import Citation
from assistant.answering.compare_figures import (
    GROUP_ORDER,
    Found,
    Vocab,
    named_benefit,
    read_figures,
)
from assistant.answering.compare_table import (
    CONDITIONS,
    NOT_COVERED,
    NOT_STATED,
    Cell,
    CellFigure,
    Column,
    Comparison,
    Row,
    row_label,
    row_order,
    statement_row,
    summarise,
)
from assistant.language.places import Gazetteer
from assistant.search.answer_types import Vocabulary
from assistant.search.fits import fits
from assistant.search.parts import Part, read_part
from assistant.search.question_clauses import split_question
from assistant.snapshot import Article, Snapshot
from assistant.text import fold_ws, terms

MAX_PLACES = 6
# What a table's figures give (compare_figures.Found.aspect): a comparison asking anything else is no table.
TABLED = ("amount", "age", "duration", "percent")
# Up to this many articles holding a topic's word, all are read to count those using it; past it, a sample.
SAMPLED = 5_000
_SENTENCE_END = set('.!?;:。！？；"”’)）')
# Words of a place name that name no place of their own ("Liangjiang New Area").
_GENERIC_PLACE = frozenset(
    terms("city county province district new area zone region municipality prefecture autonomous the of")
)
# A heading ("... below conditions should all be met:") or someone's words are no statement of conditions.
_HEADING_OR_SPEECH = re.compile(r"[:：]\s*$|[“”\"]|\bsaid\b|\bsaying\b", re.IGNORECASE)
# What a sentence of conditions says: who qualifies, what they must do.
_CONDITION = re.compile(
    r"\b(?:must|should|need to|needs to|required to|eligible|conditions?|provided that|on condition|"
    r"as long as|"
    r"social insurance|who (?:come|work|have|are|pay|start|intend|do not|did not|hold)|within \w+ years? "
    r"(?:of|after) graduat\w*|for the first time|have not|not have|do not have)\b",
    re.IGNORECASE,
)
# Words of a topic that say nothing of what is compared: "compare", "which pays more", "each".
_TOPIC_NOISE = re.compile(
    r"\b(?:compar\w*|versus|vs\.?|which|what|how|much|does|do|did|is|are|would|will|could|can|each|both|"
    r"city|cities|place|places|region|regions|pays?|gives?|offers?|provides?|more|less|better|between|"
    r"choosing|deciding|me|my|i|i'm|get|the|a|an|and|or|in|of|for|to|with|on|at|side by side|"
    r"newly|new|hired|someone|person|people|one|them|two|these|off|from)\b",
    re.IGNORECASE,
)
_HEADLINES = re.compile(r"\s[/|]\s")


@dataclass(frozen=True)
class _Sentence:
    text: str
    before: str  # the article's title and the two sentences before it
    previous: str  # the two sentences before it
    title: str


def _sentences(article: Article) -> Iterator[_Sentence]:
    previous: list[str] = []
    title = article.meta.title or ""
    # A title joining two headlines ("New Talent Subsidy / Talent House Subsidy") says nothing of
    # which one a sentence is under.
    heading = "" if _HEADLINES.search(title) else title
    for chunk in article.chunks:
        for sentence in chunk.sentences:
            near = " ".join(previous[-2:])
            yield _Sentence(sentence, f"{heading} {near}", near, title)
            previous.append(sentence)


def _usable(sentence: str) -> bool:
    return len(sentence.split()) >= 5 and sentence.rstrip()[-1:] in _SENTENCE_END


def topic_of(question: str, places: Sequence[str]) -> str:
    """What a comparison question asks about, without its places and comparison words."""
    text = question
    for place in sorted(places, key=len, reverse=True):
        text = re.sub(re.escape(place) + r"(?:['’]s)?", " ", text, flags=re.IGNORECASE)
    return fold_ws(text.strip(" ?.:;,"))


def _text(article: Article) -> str:
    return " ".join(s for c in article.chunks for s in c.sentences)


class Comparer:
    """Builds comparison tables over the articles of one index snapshot."""

    def __init__(
        self,
        articles: Sequence[Article] | Snapshot,
        gazetteer: Gazetteer | None = None,
        holding: Callable[[Iterable[str]], Collection[str]] | None = None,
    ) -> None:
        """holding: the paths of the articles whose indexed text has every one of some terms (any
        superset of those whose sentences do; default: every article), so that finding the articles
        naming a place reads those articles only."""
        # A stored snapshot's articles are read when a comparison needs them; their listings suffice
        # to find a place's own articles.
        snapshot = articles if isinstance(articles, Snapshot) else Snapshot({a.path: a for a in articles})
        self.articles = snapshot.articles
        self.listings = list(snapshot.listings.values())
        self.gazetteer = gazetteer
        self._holding = holding or (lambda _terms: snapshot.listings.keys())
        self._terms: dict[str, frozenset[str]] = {}  # an article's terms, computed when first needed
        self._region_terms = {
            a.path: frozenset(terms(f"{a.meta.region or ''} {a.meta.title or ''}")) for a in self.listings
        }

    def place_articles(self, place: str) -> tuple[list[Article], bool]:
        """The articles of a place, and whether they are the place's own (by region or title)
        rather than articles that merely name it (then only their sentences naming it count)."""
        wanted = frozenset(terms(place)) - _GENERIC_PLACE or frozenset(terms(place))
        if not wanted:
            return [], True
        own = [self.articles[a.path] for a in self.listings if wanted <= self._region_terms[a.path]]
        if own:
            return own, True
        candidates = self._holding(wanted)
        naming = [
            self.articles[a.path]
            for a in self.listings
            if a.path in candidates and wanted <= self._terms_of(a.path)
        ]
        return naming, False

    def compare(self, places: Sequence[str], topic: str, question: str | None = None) -> Comparison:
        """The table for these places (in order) and this topic."""
        places = list(dict.fromkeys(p.strip() for p in places if p and p.strip()))
        topic = fold_ws(topic)
        part = read_part(topic, question or "")
        wanted_terms = self._distinctive(self._topic_terms(topic))
        columns: list[Column] = []
        found: dict[str, list[tuple[Found, Article, str]]] = {}
        # A topic named by its own words ("hukou", "talent card"), not a benefit: the sentence that
        # says most about it, per place, is a row of its own.
        content = frozenset() if part.kinds else frozenset(wanted_terms - _BENEFIT_TERMS)
        said: dict[str, tuple[float, Article, str]] = {}
        conditions: dict[str, tuple[float, Article, str]] = {}  # per place, its sentence of conditions
        for place in places:
            articles, own = self.place_articles(place)
            columns.append(
                Column(place, bool(articles), sorted({a.meta.region for a in articles if a.meta.region}))
            )
            place_terms = frozenset(terms(place)) - _GENERIC_PLACE
            found[place] = []
            for article in articles:
                for sentence in _sentences(article):
                    if not _usable(sentence.text):
                        continue
                    if not own and not place_terms <= frozenset(terms(sentence.text)):
                        continue  # another place's article: only what it says of this place
                    if (
                        part.kinds
                        and _CONDITION.search(sentence.text)
                        and not _HEADING_OR_SPEECH.search(sentence.text)
                        and self._about_benefit(part, sentence)
                    ):
                        weight = len(_CONDITION.findall(sentence.text)) - 0.001 * len(sentence.text.split())
                        if place not in conditions or weight > conditions[place][0]:
                            conditions[place] = (weight, article, sentence.text)
                    if not self._about(part, wanted_terms, sentence):
                        continue
                    if content:
                        weight = _statement_weight(content, sentence)
                        if place not in said or weight > said[place][0]:
                            said[place] = (weight, article, sentence.text)
                    for figure in read_figures(sentence.text, sentence.previous, part.kinds, sentence.title):
                        if self._belongs(part, figure, sentence.text):
                            found[place].append((figure, article, sentence.text))
        # "Compare the age limits for the housing subsidy in Wuhu and Xiamen": the rows of that aspect only
        # (not when the question asks more: "Which city pays more, and for how long does Tai'an pay it?",
        # "每个月能拿多少 living subsidy, and for up to how many months?")
        vocabulary = Vocabulary.load()
        asked = [
            a for a in TABLED if vocabulary.asks[a].search(topic) or vocabulary.asks_chinese[a].search(topic)
        ]
        if part.benefit and _HOW_MUCH.search(topic) and "amount" not in asked:
            asked.append("amount")
        if len(asked) == 1 and len(split_question(question or topic)[0]) == 1:
            found = {place: [f for f in items if f[0].aspect == asked[0]] for place, items in found.items()}
        rows = self._rows(part, columns, found)
        if said:
            rows.insert(0, statement_row(columns, said))
        if conditions:
            rows.append(statement_row(columns, conditions, "conditions", CONDITIONS))
        citations = self._cite(rows, columns)
        comparison = Comparison(question or topic, topic, columns, rows, [], citations)
        comparison.summary = summarise(comparison, part)
        return comparison

    def _terms_of(self, path: str) -> frozenset[str]:
        if path not in self._terms:
            self._terms[path] = frozenset(terms(_text(self.articles[path])))
        return self._terms[path]

    def _distinctive(self, wanted: frozenset[str]) -> frozenset[str]:
        """The topic's words, less those most articles use ("talent" of "talent card"), if any remain."""
        half = max(len(self.articles), 2) / 2
        common = {t for t in wanted if self._share(t) > half}
        return (wanted - common) or wanted

    def _share(self, term: str) -> float:
        """How many articles' sentences use the term: counted among the articles holding it, or
        estimated from SAMPLED of them when more hold it."""
        candidates = sorted(self._holding([term]))
        if len(candidates) <= SAMPLED:
            return sum(1 for path in candidates if term in self._terms_of(path))
        sample = random.Random(term).sample(candidates, SAMPLED)
        return sum(1 for path in sample if term in self._terms_of(path)) * len(candidates) / SAMPLED

    @staticmethod
    def _topic_terms(topic: str) -> frozenset[str]:
        cleaned = _TOPIC_NOISE.sub(" ", topic)
        vocabulary = Vocabulary.load()
        for _, pattern in vocabulary.groups.values():
            cleaned = pattern.sub(" ", cleaned)
        return frozenset(terms(cleaned))

    @staticmethod
    def _about(part: Part, wanted_terms: frozenset[str], sentence: _Sentence) -> bool:
        """Is the sentence about the topic: its benefit and people, else its words?"""
        reading = Part(text=part.text, kinds=part.kinds, benefit=part.benefit, groups=part.groups)
        if part.kinds:
            return fits(reading, sentence.text, sentence.before).ok
        if part.groups and not fits(reading, sentence.text, sentence.before).ok:
            return False
        own = frozenset(terms(sentence.text))
        nearby = own | frozenset(terms(sentence.before))
        content = {t for t in wanted_terms if t not in _BENEFIT_TERMS}
        if not wanted_terms:
            return True
        if content:  # "hukou", "talent card": the topic's own words, at least one in the sentence itself
            return bool(content & own) and len(content & nearby) * 2 >= len(content)
        return bool(_BENEFIT_TERMS & nearby)  # "subsidy for a PhD": any benefit

    @staticmethod
    def _about_benefit(part: Part, sentence: _Sentence) -> bool:
        """Is the sentence about the topic's benefit, whoever it names (conditions apply to all)?"""
        named = named_benefit(sentence.text) - {"housing"}
        wanted = part.kinds - {"housing"} or {"rent", "purchase"}
        if named and not named & wanted:
            return False  # "... will give living allowances to graduates who come for entrepreneurship"
        reading = Part(text=part.text, kinds=part.kinds, benefit=part.benefit)
        return fits(reading, sentence.text, sentence.before).ok

    @staticmethod
    def _belongs(part: Part, figure: Found, sentence: str) -> bool:
        """Is the figure about the topic's benefit and people (not another benefit in the same sentence)?"""
        if part.kinds and figure.kind is None and figure.aspect in ("amount", "percent"):
            return False  # the clause, its sentence and the sentences before it name no benefit
        if part.kinds and figure.kind is not None:
            wanted = part.kinds - {"housing"} or {"housing", "rent", "purchase"}
            if figure.kind not in wanted and not (figure.kind == "housing" and "housing" in part.kinds):
                return False
        if part.groups and figure.groups:
            return _covers(figure.groups, part.groups, sentence)
        return True

    def _rows(
        self, part: Part, columns: list[Column], found: dict[str, list[tuple[Found, Article, str]]]
    ) -> list[Row]:
        vocab = Vocab.load()
        keyed: dict[
            tuple[str, str | None, str | None, str | None], dict[str, list[tuple[Found, Article, str]]]
        ] = {}
        for place, items in found.items():
            for figure, article, sentence in items:
                group = _row_group(figure, part, sentence)
                if figure.aspect == "duration" and group not in part.groups:
                    group = None  # how long a benefit is paid is rarely per degree: one row
                period = figure.period if figure.aspect == "amount" else None
                kind = figure.kind if figure.aspect in ("amount", "percent", "duration") else None
                key = (figure.aspect, kind, group, period)
                keyed.setdefault(key, {}).setdefault(place, []).append((figure, article, sentence))
        rows: list[Row] = []
        for key in sorted(keyed, key=row_order):
            aspect, kind, group, period = key
            label = row_label(aspect, kind, group, period, vocab)
            cells: list[Cell] = []
            for column in columns:
                if not column.covered:
                    cells.append(Cell(column.place, NOT_COVERED))
                    continue
                items = keyed[key].get(column.place, [])
                figures: list[CellFigure] = []
                seen: set[str] = set()
                for figure, article, sentence in items:
                    if (figure.text, figure.who) in {(f.text, f.who) for f in figures} and sentence in seen:
                        continue
                    seen.add(sentence)
                    figures.append(CellFigure(figure.text, 0, sentence, article.path, figure.who))
                if len(figures) == 1:
                    figures[0].who = ""
                cells.append(Cell(column.place, "stated" if figures else NOT_STATED, figures))
            rows.append(Row("|".join(str(k) for k in key), label, aspect, kind, group, period, cells))
        return rows

    def _cite(self, rows: list[Row], columns: list[Column]) -> list[Citation]:
        """Number the cited articles, place by place in column order, and fill each figure's [n]."""
        numbers: dict[str, int] = {}
        quotes: dict[str, str] = {}
        for index, _ in enumerate(columns):
            for row in rows:
                for figure in row.cells[index].figures:
                    if figure.path not in numbers:
                        numbers[figure.path] = len(numbers) + 1
                        quotes[figure.path] = figure.quote
                    figure.n = numbers[figure.path]
        citations = []
        for path, n in numbers.items():
            article = self.articles[path]
            meta, quote = article.meta, quotes[path]
            citations.append(
                Citation(
                    n,
                    meta.title,
                    meta.publisher,
                    meta.date,
                    meta.region,
                    path,
                    quote,
                    0.0,
                    article.page_of(quote),
                )
            )
        return citations


_BENEFIT_TERMS = frozenset(terms(" ".join(sorted(Vocabulary.load().benefits))))


def _statement_weight(content: frozenset[str], sentence: _Sentence) -> float:
    """How much a sentence says about a topic's own words (in it, then just before it)."""
    own = frozenset(terms(sentence.text))
    near = frozenset(terms(sentence.before))
    return len(content & own) + 0.5 * len(content & near) - 0.002 * len(sentence.text.split())


def _covers(have: frozenset[str], asked: frozenset[str], sentence: str) -> bool:
    """The figure's people include the people asked about ("bachelor's or above" covers a PhD)."""
    vocabulary = Vocabulary.load()
    wanted = {g for g in asked if g != "couple"} or set(asked)
    if any(vocabulary.groups[g][0] is not None for g in wanted):
        wanted.discard("graduate")  # "PhD graduates": the degree is what counts
    if have & wanted:
        return True
    if not vocabulary.or_above.search(sentence):
        return False
    for asked_group in wanted:
        rank = vocabulary.groups[asked_group][0]
        if rank is None:
            continue
        for group in have:
            lower = vocabulary.groups[group][0] if group in vocabulary.groups else None
            if lower is not None and lower <= rank:
                return True
    return False


def _row_group(figure: Found, part: Part, sentence: str) -> str | None:
    """The people a figure's row is about: the ones asked, else the one its clause names."""
    asked = [g for g in GROUP_ORDER if g in part.groups and g != "couple"]
    if asked and figure.groups and _covers(figure.groups, frozenset(asked), sentence):
        for group in asked:
            if _covers(figure.groups, frozenset({group}), sentence):
                return group
    if len(figure.groups) == 1:
        return next(iter(figure.groups))
    ranked = [g for g in GROUP_ORDER if g in figure.groups and g != "graduate"]
    if len(ranked) == 1:  # "PhD graduates": the degree says who
        return ranked[0]
    return None


# -- questions that compare ------------------------------------------------------------------------
def is_comparison(question: str) -> bool:
    """True when the question's words compare ("compare", "which pays more", "A vs B")."""
    return bool(Vocab.load().cue.search(question))


def comparison_asked(question: str, place_names: Sequence[str]) -> tuple[list[str], str] | None:
    """The places and topic of a question that compares two or more places on one benefit or figure
    ("Liuzhou or Tai'an: which pays a new PhD more?"); None for any other question."""
    places = list(dict.fromkeys(re.sub(r"['’]s$", "", n) for n in place_names))
    if len(places) < 2 or len(places) > MAX_PLACES:
        return None
    topic = topic_of(question, places)
    part = read_part(topic, question)
    if not (part.benefit or part.asks in TABLED):
        return None
    # "Compare the application deadlines in Liuzhou and Tai'an": no table gives a deadline; "which city
    # gives undergraduates more" is answered by one
    if part.asks and part.asks not in TABLED and part.asks != "entity":
        return None
    compares = is_comparison(question) or joined_by_or(question, places)
    asked = _CONDITION_FIRST.sub("", topic)  # "If I leave Lin-gang early, do I have to pay ... back?"
    if not part.asks and _YES_NO.match(asked) and not _IS_THERE.match(asked) and not compares:
        return None  # "Is the settlement subsidy taxed in Lin-gang and in Liangjiang?" asks no figure
    if not (compares or len(split_question(question)[0]) == 1):
        return None
    return places, topic


_HOW_MUCH = re.compile(r"\bhow much\b|多少|几多", re.IGNORECASE)
_YES_NO = re.compile(
    r"^\W*(?:is|are|was|were|does|do|did|can|could|will|would|should|must|may|has|have)\b", re.IGNORECASE
)
_IS_THERE = re.compile(r"^\W*(?:is|are) there\b", re.IGNORECASE)
_CONDITION_FIRST = re.compile(
    r"^\W*(?:if|when|once|after|before|should)\b[^?]*?,\s*(?=(?:is|are|do|does|can|will|would|must|has|have)\b)",
    re.IGNORECASE,
)


def joined_by_or(question: str, places: Sequence[str]) -> bool:
    """True when two of the places are offered as alternatives: "Liuzhou or Tai'an"."""
    for left in places:
        for right in places:
            if left != right and re.search(re.escape(left) + r"\s+or\s+" + re.escape(right), question, re.I):
                return True
    return False

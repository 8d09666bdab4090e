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

import csv
import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from assistant.answering.answer import Answer, Citation
from assistant.language.places import Gazetteer
from assistant.search.parts import Part, Vocabulary, fits, groups_in, kinds_in, read_part, split_question
from assistant.snapshot import Article
from assistant.text import fold_ws, terms

NOT_STATED = "not stated"
NOT_COVERED = "not covered"
MAX_PLACES = 6
# Words of a place name that name no place of their own ("Liangjiang New Area").
_GENERIC_PLACE = frozenset(
    terms("city county province district new area zone region municipality prefecture autonomous the of")
)
_ASPECT_ORDER = ("amount", "percent", "duration", "age", "income")
_FIGURE_ASPECTS = ("amount", "percent", "duration", "age")
_GROUP_ORDER = (
    "doctor", "master", "bachelor", "college", "graduate", "grade_a", "grade_b", "grade_c", "grade_d",
    "grade_e", "high_level", "couple", "employer",
)  # fmt: skip
_SENTENCE_END = set('.!?;:。！？；"”’)）')
_CLAUSE_BREAK = re.compile(
    r"\s*[;；]\s*|,\s*(?:while|whereas|but)\s+|,\s+(?:and\s+)?|\s+or\s+|\s+and\s+", re.I
)
_ITEM_BREAK = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s+or\s+", re.IGNORECASE)
_LABEL = re.compile(r"^\s*([^:：]{1,60})[:：]\s*")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_SCALE = {"million": 1e6, "billion": 1e9, "thousand": 1e3, "hundred thousand": 1e5, "ten thousand": 1e4}
_INCOME = re.compile(
    r"\b(?:income|salary|salaries|wages?|earnings?|earns?|turnover|revenue|investment)\b", re.I
)
_RANGE_END = re.compile(
    r"^\W*(?:\([^)]*\))?\W*(?:and\s+|but\s+)?(?:below|under|to|up to|less than)?\s*$", re.IGNORECASE
)
_RANGE_WORD = re.compile(r"\b(?:below|under|to|up to|less than)\b", re.IGNORECASE)
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
_UPPER_BOUND = re.compile(r"\b(?:maximum|max|up to|at most|no more than)\b", re.IGNORECASE)
# Words of a topic that say nothing of what is compared: "compare", "which pays more", "each".
_TOPIC_NOISE = re.compile(
    r"\b(?:compar\w*|versus|vs\.?|which|what|how|much|does|do|did|is|are|would|will|could|can|each|both|"
    r"city|cities|place|places|region|regions|pays?|gives?|offers?|provides?|more|less|better|between|"
    r"choosing|deciding|me|my|i|i'm|get|the|a|an|and|or|in|of|for|to|with|on|at|side by side|"
    r"newly|new|hired|someone|person|people|one|them|two|these|off|from)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Vocab:
    """The comparison vocabulary (package data), compiled once."""

    cue: re.Pattern[str]
    figures: dict[str, re.Pattern[str]]
    aspects: dict[str, str]
    kind_labels: dict[str, str]
    group_labels: dict[str, str]
    periods: dict[str, str]
    topics: tuple[str, ...]

    @classmethod
    @cache
    def load(cls) -> Vocab:
        """The bundled vocabulary."""
        raw: dict[str, Any] = json.loads(
            resources.files("assistant").joinpath("data", "compare.json").read_text(encoding="utf-8")
        )
        return cls(
            cue=re.compile(raw["cue"], re.IGNORECASE),
            figures={k: re.compile(v, re.IGNORECASE) for k, v in raw["figures"].items()},
            aspects=dict(raw["aspects"]),
            kind_labels=dict(raw["kind_labels"]),
            group_labels=dict(raw["group_labels"]),
            periods=dict(raw["periods"]),
            topics=tuple(raw["topics"]),
        )


def topic_suggestions() -> list[str]:
    """The topics the Compare tab offers."""
    return list(Vocab.load().topics)


# -- figures in a sentence -------------------------------------------------------------------------
@dataclass(frozen=True)
class Found:
    """A figure in a sentence, with what it is about."""

    text: str  # verbatim in the sentence
    start: int
    aspect: str  # amount, percent, duration, age
    groups: frozenset[str]  # the people it is for (empty: the sentence does not say)
    period: str | None  # month, year, once
    kind: str | None  # the benefit: living, rent, purchase ...
    who: str = ""  # the item of a "respectively" list it belongs to, as written


def figures_in(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, aspect) of every figure in a sentence, earliest first, no overlaps."""
    found: list[tuple[int, int, str]] = []
    for aspect in _FIGURE_ASPECTS:
        for match in Vocab.load().figures[aspect].finditer(sentence):
            text = match.group().rstrip(" ,.")
            start, end = match.start(), match.start() + len(text)
            if _parenthesised(sentence, start):
                continue  # "100 million yuan ($14.43 million)", "(including 700 thousand RMB)": an aside
            if any(s < end and start < e for s, e, _ in found):
                continue
            found.append((start, end, aspect))
    return sorted(found)


def _parenthesised(sentence: str, start: int) -> bool:
    """True when the position is inside parentheses."""
    before = sentence[:start]
    return before.rfind("(") > before.rfind(")")


def _clauses(sentence: str, figures: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Spans of the sentence's clauses, each holding at least one figure; a clause without a figure
    joins the one after it ("those with a doctorate, below the age of 45, can apply for 80,000 yuan")."""
    cuts = [0]
    for match in _CLAUSE_BREAK.finditer(sentence):
        if not any(s < match.end() and match.start() < e for s, e, _ in figures):
            cuts.extend([match.start(), match.end()])
    cuts.append(len(sentence))
    pieces = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    spans: list[tuple[int, int]] = []
    pending: int | None = None
    for start, end in pieces:
        has = any(start <= s < end for s, _, _ in figures)
        begin = pending if pending is not None else start
        if has:
            spans.append((begin, end))
            pending = None
        else:
            pending = begin
    if pending is not None:
        if spans:
            spans[-1] = (spans[-1][0], len(sentence))
        else:
            spans.append((pending, len(sentence)))
    return spans


def _respectively(
    sentence: str, figures: list[tuple[int, int, str]]
) -> dict[int, tuple[str, frozenset[str]]]:
    """In a "respectively" sentence, the n-th amount belongs to the n-th item (people) listed before
    the amounts: {figure start: (item as written, its groups)}."""
    if not re.search(r"\brespectively\b", sentence, re.IGNORECASE):
        return {}
    amounts = [f for f in figures if f[2] == "amount"]
    if len(amounts) < 2:
        return {}
    head = sentence[: amounts[0][0]]
    items = [item.strip() for item in _ITEM_BREAK.split(head) if item.strip()]
    named = [(item, groups_in(item)) for item in items]
    named = [(item, groups) for item, groups in named if groups]
    if len(named) != len(amounts):
        return {}
    return {f[0]: (item, groups) for f, (item, groups) in zip(amounts, named, strict=True)}


def _period(text: str) -> str | None:
    periods = Vocabulary.load().periods
    return next((p for p, pattern in periods.items() if pattern.search(text)), None)


def _named_benefit(text: str) -> frozenset[str]:
    """The benefit kinds a text names right before a benefit word: "a monthly rent subsidy" is rent,
    though the clause also says "start a business"."""
    benefits = Vocabulary.load().benefits
    words = re.findall(r"[\w'’-]+", text.lower())
    near = [" ".join(words[max(0, i - 3) : i]) for i, w in enumerate(words) if w in benefits]
    return kinds_in(" ".join(near)) if near else frozenset()


def _kind(text: str, wanted: frozenset[str]) -> str | None:
    """The one benefit a text names (among the wanted ones, when the topic names some); when it names
    several, the one named right before a benefit word."""
    named = kinds_in(text)
    if len(named - {"housing"}) > 1:
        named = _named_benefit(text) or named
    if wanted:
        named = named & (wanted | {"housing", "rent", "purchase"} if "housing" in wanted else wanted)
    specific = named - {"housing"}
    if len(specific) == 1:
        return next(iter(specific))
    if not specific and "housing" in named:
        return "housing"
    return None


def read_figures(
    sentence: str, context: str = "", topic_kinds: frozenset[str] = frozenset(), title: str = ""
) -> list[Found]:
    """Every figure of a sentence, bound to its own clause's people, period and benefit.

    context: the sentences just before it, for the benefit and the people when the sentence does not
    name them; title: the article's title, for the benefit when neither does (a title joining two
    headlines, "A / B", names a benefit only when both do)."""
    headlines = [h for h in re.split(r"\s+[/|]\s+", title) if h.strip()]
    title = title if len({_kind(h, topic_kinds) for h in headlines}) == 1 else ""
    figures = figures_in(sentence)
    if not figures:
        return []
    listed = _respectively(sentence, figures)
    label_match = _LABEL.match(sentence)
    label_groups = groups_in(label_match.group(1)) if label_match else frozenset()
    sentence_groups = groups_in(sentence)
    context_groups = groups_in(context)
    around = _kind(context, topic_kinds) or _kind(title, topic_kinds)
    sentence_period = _period(sentence)
    out: list[Found] = []
    spans = _clauses(sentence, figures)
    previous: tuple[int, str] | None = None  # the end and aspect of the figure before
    for start, end, aspect in figures:
        span = next(((a, b) for a, b in spans if a <= start < b), (0, len(sentence)))
        clause = sentence[span[0] : span[1]]
        who = ""
        if start in listed:
            who, groups = listed[start]
        else:
            groups = label_groups or groups_in(clause)
            if not groups:
                # "They can also apply for ...": the people of the sentence before.
                inherited = (
                    context_groups if len(context_groups) == 1 and _CONTINUES.match(sentence) else None
                )
                groups = sentence_groups or inherited or frozenset()
            if _EMPLOYER.match(clause) or (not who and _EMPLOYER.match(sentence) and not groups_in(clause)):
                # "Companies that introduce top talents ... will be eligible for ...": paid to employers.
                groups = frozenset({"employer"})
        text = sentence[start:end]
        period = None
        if aspect == "amount":
            # Its own words ("3000 RMB / month"), then the words just before it ("a monthly rent subsidy
            # of"), or a "monthly ... respectively" list; not a period elsewhere in the sentence ("to
            # attract five academicians every year, will award such talents with 5 million yuan").
            before = " ".join(sentence[span[0] : start].split()[-6:])
            after = " ".join(sentence[end : span[1]].split()[:3])
            period = (
                _period(text) or _period(before) or _period(after) or (sentence_period if listed else None)
            )
        # The clause's own benefit, even one the topic does not ask about ("800 thousand RMB of house
        # buying subsidy or 3000 RMB / month of house renting subsidy"), else the sentence's.
        own_kinds = kinds_in(clause) - {"housing"}
        kind = (
            _kind(clause, frozenset())
            or _kind(clause, topic_kinds)
            # "Living allowances will be 1,500 yuan ...; 1,000 yuan ...": named before, not after
            # ("... 100 million yuan, while graduates ... a resettlement subsidy of 10,000 yuan").
            or (_kind(sentence[: span[0]], topic_kinds) if not listed else _kind(sentence, topic_kinds))
            or around
        )
        if kind is not None and len(own_kinds) > 1 and kind not in own_kinds:
            kind = None  # "Top talents who purchase a house ... 6 million yuan to settle down": which is it?
        if aspect == "amount" and (
            _INCOME.search(sentence[span[0] : start])
            or (
                previous is not None
                and previous[1] == "income"
                and _RANGE_END.match(sentence[previous[0] : start]) is not None
                and _RANGE_WORD.search(sentence[previous[0] : end]) is not None
            )
        ):
            aspect, period, kind = (
                "income",
                None,
                None,
            )  # "an annual income over 700 thousand RMB": a condition
        previous = (end, aspect)
        out.append(Found(text, start, aspect, frozenset(groups), period, kind, who))
    return out


# -- the table -------------------------------------------------------------------------------------
@dataclass
class CellFigure:
    """One cited figure of a cell."""

    text: str  # verbatim in the cited article
    n: int  # the citation number
    quote: str  # the sentence it comes from, verbatim
    path: str  # the cited article
    who: str = ""  # the people it is for, as the article lists them, when a cell holds several

    def shown(self) -> str:
        """'1,500 yuan per person per month [1]'."""
        who = f" ({self.who})" if self.who else ""
        return f"{self.text}{who} [{self.n}]"


@dataclass
class Cell:
    """One place's figures for one row."""

    place: str
    status: str  # "stated", "not stated", "not covered"
    figures: list[CellFigure] = field(default_factory=list)

    def shown(self) -> str:
        """The cell as text: its cited figures, or why it is empty."""
        if self.status != "stated":
            return self.status
        return "; ".join(f.shown() for f in self.figures)


@dataclass
class Row:
    """An aspect the sources give, with one cell per place."""

    key: str
    label: str
    aspect: str
    kind: str | None
    group: str | None
    period: str | None
    cells: list[Cell]


@dataclass
class Column:
    """A place compared."""

    place: str
    covered: bool
    regions: list[str] = field(default_factory=list)  # the regions of its articles


@dataclass
class Comparison:
    """A comparison table with its citations and the sentences that answer the question."""

    question: str
    topic: str
    columns: list[Column]
    rows: list[Row]
    summary: list[str]
    citations: list[Citation]

    @property
    def has_figures(self) -> bool:
        """True when some cell holds a figure."""
        return any(c.status == "stated" for r in self.rows for c in r.cells)

    @property
    def has_figure_rows(self) -> bool:
        """True when some cell of a figure row (not a quoted sentence) holds a figure."""
        return any(c.status == "stated" for r in self.rows if r.aspect not in _PHRASES for c in r.cells)

    def to_json(self) -> dict[str, Any]:
        """The --json shape: question, topic, columns, rows (cells, figures), summary, citations."""
        return {
            "question": self.question,
            "topic": self.topic,
            "columns": [asdict(c) for c in self.columns],
            "rows": [
                {
                    "label": r.label,
                    "aspect": r.aspect,
                    "benefit": r.kind,
                    "group": r.group,
                    "period": r.period,
                    "cells": [
                        {
                            "place": c.place,
                            "status": c.status,
                            "text": c.shown(),
                            "figures": [asdict(f) for f in c.figures],
                        }
                        for c in r.cells
                    ],
                }
                for r in self.rows
            ],
            "summary": " ".join(self.summary),
            "citations": [asdict(c) for c in self.citations],
        }

    def header(self) -> list[str]:
        """The table's header: the aspect, then one column per place."""
        return ["Aspect", *(c.place for c in self.columns)]

    def table_rows(self) -> list[list[str]]:
        """The table's rows as text, with their [n] markers."""
        return [[r.label, *(c.shown() for c in r.cells)] for r in self.rows]

    def markdown(self) -> str:
        """The table in Markdown, the summary under it (no reference list)."""

        def line(cells: Sequence[str]) -> str:
            return "| " + " | ".join(fold_ws(c).replace("|", "\\|") for c in cells) + " |"

        lines = [line(self.header()), "|" + "---|" * len(self.header())]
        lines += [line(r) for r in self.table_rows()]
        return "\n".join(lines) + ("\n\n" + " ".join(self.summary) if self.summary else "")

    def references(self) -> str:
        """The citations as a plain-text reference list."""
        return self.answer().references()

    def markdown_with_sources(self) -> str:
        """The table, the summary and the reference list: ready to paste into a reply."""
        refs = self.references()
        return self.markdown() + (f"\n\nSources:\n{refs}" if refs else "")

    def csv_text(self) -> str:
        """The table as CSV (the aspect, then one column per place), then the sources."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(self.header())
        writer.writerows(self.table_rows())
        if self.citations:
            writer.writerow([])
            writer.writerow(["source", "title", "publisher", "date", "region", "path"])
            for c in self.citations:
                writer.writerow(
                    [f"[{c.n}]", c.title or "", c.publisher or "", c.date or "", c.region or "", c.path]
                )
        return buffer.getvalue()

    def answer(self) -> Answer:
        """The comparison as an answer: the table and summary as its text, the articles as citations."""
        return Answer(self.question, self.markdown(), declined=not self.has_figures, citations=self.citations)


# -- building it -----------------------------------------------------------------------------------
_EMPLOYER = re.compile(
    r"^\W*(?:(?:for|and|while|the|a|an|each|any)\s+)*(?:enterprises?|compan(?:y|ies)|employers?|"
    r"institutions?|units?|social capitals?|businesses)\b(?!\s+(?:talents?|graduates?|staff|employees))",
    re.IGNORECASE,
)
_CONTINUES = re.compile(
    r"^\s*(?:They|These|Those|This|Such|It|Its|Their|On this level|At this level|In addition)\b",
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

    def __init__(self, articles: Sequence[Article], gazetteer: Gazetteer | None = None) -> None:
        self.articles = list(articles)
        self.gazetteer = gazetteer
        self._terms: dict[str, frozenset[str]] = {}  # an article's terms, computed when first needed
        self._region_terms = {
            a.path: frozenset(terms(f"{a.meta.region or ''} {a.meta.title or ''}")) for a in self.articles
        }

    def place_articles(self, place: str) -> tuple[list[Article], bool]:
        """The articles of a place, and whether they are the place's own (by region or title)
        rather than articles that merely name it (then only their sentences naming it count)."""
        wanted = frozenset(terms(place)) - _GENERIC_PLACE or frozenset(terms(place))
        if not wanted:
            return [], True
        own = [a for a in self.articles if wanted <= self._region_terms[a.path]]
        if own:
            return own, True
        naming = [a for a in self.articles if wanted <= self._terms_of(a)]
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
        rows = self._rows(part, columns, found)
        if said:
            rows.insert(0, _statement_row(columns, said))
        if conditions:
            rows.append(_statement_row(columns, conditions, "conditions", CONDITIONS))
        citations = self._cite(rows, columns)
        comparison = Comparison(question or topic, topic, columns, rows, [], citations)
        comparison.summary = summarise(comparison, part)
        return comparison

    def _terms_of(self, article: Article) -> frozenset[str]:
        if article.path not in self._terms:
            self._terms[article.path] = frozenset(terms(_text(article)))
        return self._terms[article.path]

    def _distinctive(self, wanted: frozenset[str]) -> frozenset[str]:
        """The topic's words, less those most articles use ("talent" of "talent card"), if any remain."""
        half = max(len(self.articles), 2) / 2
        common = {t for t in wanted if sum(1 for a in self.articles if t in self._terms_of(a)) > half}
        return (wanted - common) or wanted

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
        named = _named_benefit(sentence.text) - {"housing"}
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
        for key in sorted(keyed, key=_row_order):
            aspect, kind, group, period = key
            label = _label(aspect, kind, group, period, vocab)
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
        by_path = {a.path: a for a in self.articles}
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
            article = by_path[path]
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


STATEMENT = "What the articles say"
CONDITIONS = "Conditions"
_PHRASES = ("statement", "conditions")  # rows of quoted sentences, not figures


def _statement_weight(content: frozenset[str], sentence: _Sentence) -> float:
    """How much a sentence says about a topic's own words (in it, then just before it)."""
    own = frozenset(terms(sentence.text))
    near = frozenset(terms(sentence.before))
    return len(content & own) + 0.5 * len(content & near) - 0.002 * len(sentence.text.split())


def _statement_row(
    columns: list[Column],
    said: dict[str, tuple[float, Article, str]],
    aspect: str = "statement",
    label: str = STATEMENT,
) -> Row:
    """The row quoting, per place, the sentence that says most about the topic (or its conditions)."""
    cells: list[Cell] = []
    for column in columns:
        if not column.covered:
            cells.append(Cell(column.place, NOT_COVERED))
        elif column.place in said:
            _, article, sentence = said[column.place]
            cells.append(Cell(column.place, "stated", [CellFigure(sentence, 0, sentence, article.path)]))
        else:
            cells.append(Cell(column.place, NOT_STATED))
    return Row(aspect, label, aspect, None, None, None, cells)


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
    asked = [g for g in _GROUP_ORDER if g in part.groups and g != "couple"]
    if asked and figure.groups and _covers(figure.groups, frozenset(asked), sentence):
        for group in asked:
            if _covers(figure.groups, frozenset({group}), sentence):
                return group
    if len(figure.groups) == 1:
        return next(iter(figure.groups))
    ranked = [g for g in _GROUP_ORDER if g in figure.groups and g != "graduate"]
    if len(ranked) == 1:  # "PhD graduates": the degree says who
        return ranked[0]
    return None


def _row_order(key: tuple[str, str | None, str | None, str | None]) -> tuple[int, str, int, str]:
    aspect, kind, group, period = key
    group_rank = _GROUP_ORDER.index(group) if group in _GROUP_ORDER else len(_GROUP_ORDER)
    return (_ASPECT_ORDER.index(aspect), kind or "~", group_rank, period or "~")


def _label(aspect: str, kind: str | None, group: str | None, period: str | None, vocab: Vocab) -> str:
    """'Living allowance, PhD holders, per month'; 'Age limit, master's graduates'."""
    head = vocab.aspects[aspect]
    if kind and aspect == "amount":
        head = vocab.kind_labels.get(kind, head)
    elif kind and aspect in ("percent", "duration"):
        head = f"{head} ({vocab.kind_labels.get(kind, kind).lower()})"
    pieces = [head]
    if group:
        pieces.append(vocab.group_labels.get(group, group))
    if period:
        pieces.append(vocab.periods.get(period, period))
    return ", ".join(pieces)


# -- the sentences under the table -----------------------------------------------------------------
def amount_value(text: str) -> float | None:
    """The yuan an amount names ("800 thousand RMB" -> 800000.0); None for other currencies or ranges."""
    if "$" in text or re.search(r"dollar", text, re.IGNORECASE):
        return None
    numbers = _NUMBER.findall(text)
    if len(numbers) != 1:
        return None
    value = float(numbers[0].replace(",", ""))
    lowered = text.lower()
    for word in sorted(_SCALE, key=len, reverse=True):
        if re.search(rf"\b{word}\b", lowered):
            return value * _SCALE[word]
    return value


def summarise(comparison: Comparison, part: Part) -> list[str]:
    """One or two sentences answering the comparison, every figure cited; periods never mixed."""
    sentences: list[str] = []
    places = [c.place for c in comparison.columns if c.covered]
    best_row: Row | None = None
    best_values: list[tuple[float, str, CellFigure]] = []
    for row in comparison.rows:
        if row.aspect != "amount":
            continue
        values: list[tuple[float, str, CellFigure]] = []
        for cell in row.cells:
            candidates = [(amount_value(f.text), f) for f in cell.figures]
            known = [(v, f) for v, f in candidates if v is not None]
            if known:
                value, figure = max(known, key=lambda item: item[0])
                values.append((value, cell.place, figure))
        asked = row.group is not None and row.group in part.groups
        if len(values) >= 2 and (best_row is None or (asked and best_row.group not in part.groups)):
            best_row, best_values = row, values
        if best_row is not None and asked:
            break
    if best_row is not None:
        ranked = sorted(best_values, key=lambda item: -item[0])
        top_value, top_place, top = ranked[0]
        what = best_row.label[0].lower() + best_row.label[1:]
        others = ", ".join(f"{f.text} [{f.n}] in {place}" for _, place, f in ranked[1:])
        if ranked[1][0] == top_value:
            same = " and ".join(f"{f.text} [{f.n}] in {place}" for _, place, f in ranked[:2])
            sentences.append(f"For {what}, {ranked[0][1]} and {ranked[1][1]} give the same: {same}.")
        else:
            bound = " at most" if any(_UPPER_BOUND.search(f.text) for _, _, f in ranked) else ""
            sentences.append(
                f"For {what}, {top_place} gives more{bound}: {top.text} [{top.n}], against {others}."
            )
        periods = {r.period for r in comparison.rows if r.aspect == "amount" and r.kind == best_row.kind}
        if len(periods - {None}) > 1 or (best_row.period and None in periods and len(periods) > 1):
            sentences.append("Amounts per month, per year or once are in separate rows, never added up.")
    elif any(r.aspect not in _PHRASES and r.cells for r in comparison.rows) and comparison.has_figures:
        each: list[tuple[str, str]] = []
        for index, column in enumerate(comparison.columns):
            first = next(
                (
                    r
                    for r in comparison.rows
                    if r.aspect not in _PHRASES and r.cells[index].status == "stated"
                ),
                None,
            )
            if first is not None:
                figure = first.cells[index].figures[0]
                what = first.label[0].lower() + first.label[1:]
                each.append((column.place, f"{figure.text} ({what}) [{figure.n}]"))
        if len(each) == 1:
            sentences.append(f"Only the articles about {each[0][0]} give a figure: {each[0][1]}.")
        else:
            listed = "; ".join(f"{place} {text}" for place, text in each)
            sentences.append(
                f"No two places give a figure for the same benefit, people and period: {listed}."
            )
    if any(r.aspect == "statement" for r in comparison.rows) and not sentences:
        sentences.append(
            "The first row quotes, for each place, the sentence of its articles that says most about "
            f"{comparison.topic if len(comparison.topic.split()) <= 6 else 'the topic'}."
        )
    silent = [
        p
        for i, p in enumerate(c.place for c in comparison.columns)
        if comparison.columns[i].covered and all(r.cells[i].status != "stated" for r in comparison.rows)
    ]
    missing = [c.place for c in comparison.columns if not c.covered]
    notes = []
    if silent:
        notes.append(f"the articles about {_join(silent)} do not state it")
    if missing:
        notes.append(f"the corpus does not cover {_join(missing)}")
    if notes:
        note = "; ".join(notes)
        sentences.append(note[0].upper() + note[1:] + ".")
    if not places:
        return [f"The corpus does not cover {_join([c.place for c in comparison.columns])}."]
    return sentences


def _join(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


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
    if not (part.benefit or part.asks in ("amount", "age", "duration", "percent")):
        return None
    if not (
        is_comparison(question) or joined_by_or(question, places) or len(split_question(question)[0]) == 1
    ):
        return None
    return places, topic


def joined_by_or(question: str, places: Sequence[str]) -> bool:
    """True when two of the places are offered as alternatives: "Liuzhou or Tai'an"."""
    for left in places:
        for right in places:
            if left != right and re.search(re.escape(left) + r"\s+or\s+" + re.escape(right), question, re.I):
                return True
    return False

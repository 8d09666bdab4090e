"""Figures in a sentence, for comparison tables: where each figure is, which aspect it gives
(amount, share, how long, age limit), and which benefit, people and period it is for.

    >>> [f.text for f in read_figures("PhD holders get 3,000 yuan a month for three years.")]
    ['3,000 yuan a month', 'for three years']
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from assistant.search.answer_types import Vocabulary
from assistant.search.clauses import people_listed
from assistant.search.parts import groups_in, kinds_in

ASPECT_ORDER = ("amount", "percent", "duration", "age", "income")
_FIGURE_ASPECTS = ("amount", "percent", "duration", "age")
GROUP_ORDER = (
    "doctor", "master", "bachelor", "college", "graduate", "grade_a", "grade_b", "grade_c", "grade_d",
    "grade_e", "high_level", "couple", "employer",
)  # fmt: skip
_CLAUSE_BREAK = re.compile(
    r"\s*[;；]\s*|,\s*(?:while|whereas|but)\s+|,\s+(?:and\s+)?|\s+or\s+|\s+and\s+", re.I
)
_LABEL = re.compile(r"^\s*([^:：]{1,60})[:：]\s*")
_INCOME = re.compile(
    r"\b(?:income|salary|salaries|wages?|earnings?|earns?|turnover|revenue|investment)\b", re.I
)
_RANGE_END = re.compile(
    r"^\W*(?:\([^)]*\))?\W*(?:and\s+|but\s+)?(?:below|under|to|up to|less than)?\s*$", re.IGNORECASE
)
_RANGE_WORD = re.compile(r"\b(?:below|under|to|up to|less than)\b", re.IGNORECASE)


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
            group_labels={
                **Vocabulary.load().group_labels,
                **{k: v for k, v in raw["group_labels"].items() if not k.startswith("_")},
            },
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
    named = people_listed(sentence[: amounts[0][0]])
    if len(named) != len(amounts):
        return {}
    return {f[0]: (item, groups) for f, (item, groups) in zip(amounts, named, strict=True)}


def _period(text: str) -> str | None:
    periods = Vocabulary.load().periods
    return next((p for p, pattern in periods.items() if pattern.search(text)), None)


def named_benefit(text: str) -> frozenset[str]:
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
        named = named_benefit(text) or named
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

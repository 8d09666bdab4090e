"""Requests to verify a claim, read as the question the claim answers.

"A colleague says Tai'an pays master's graduates 1,000 yuan a month for three years - is that right?"
asks how much and how long Tai'an pays: it is read as "Tai'an pays master's graduates how much a month for
how many years?". A passage then confirms or corrects the claim only when it gives that detail, and a
claim about a detail no article gives is declined like any other question, rather than "confirmed" by a
passage that shares its words. The markers of a request to verify are data (answer_types.json,
"verification"); every figure of the claim that is not a label ("the 10,000-yuan subsidy") is asked.
"""

from __future__ import annotations

import re

from assistant.search.answer_types import Vocabulary
from assistant.text import MONTH_NAMES, has_cjk, split_sentences

_NUMBER = (
    r"(?:\d[\d,]*(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)"
)
_UNIT = r"(?:(?:working |work |business |calendar |natural )?(?:years?|months?|weeks?|days?|workdays?))"
_AGE_BOUND = r"under|below|over|above|up to|at most|no older than|not older than|younger than|older than"
_MONEY = (
    r"(?:[\s-]*(?:million|billion|thousand|hundred thousand|k|w|万|亿))?"
    r"[\s-]*(?:yuan|rmb|cny|dollars?|usd|元)"
)
# "up to 30 million yuan", "under 60 square metres": a bound of something other than an age
_NOT_AN_AGE = (
    r"(?:%|percent|per cent|million|billion|thousand|hundred|k\b|w\b|万|亿|yuan|rmb|元|square|sq|m2|㎡|days?|"
    r"weeks?|months?|years?(?! old)|times|people|persons|talents?|points?)"
)
# English figures, each with the question phrase that asks it, in order of precedence where two overlap (not
# counts: "24 exclusive services across seven areas, such as ..." is too loose a phrase to ask "how many" of)
_ENGLISH: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            rf"\b({_AGE_BOUND})\s+(?:the age of\s+)?\d\d\b(?![\s-]*{_NOT_AN_AGE})(?:\s*years? old)?",
            re.IGNORECASE,
        ),
        r"\1 what age",
    ),
    (re.compile(r"\b\d\d\s*years? old(?:\s+(?:or|and)\s+(?:under|below|younger))?", re.I), "what age"),
    (re.compile(r"\b\d[\d.]*\s*(?:%|percent\b|per cent\b)", re.IGNORECASE), "what percent"),
    (
        re.compile(
            rf"(?:rmb|cny|¥|\$)\s*\d[\d,.]*(?:\s*(?:million|billion|thousand))?"
            rf"|\b{_NUMBER}{_MONEY}",
            re.I,
        ),
        "how much",
    ),
    (re.compile(rf"\b{_NUMBER}[\s-]+({_UNIT})\b", re.IGNORECASE), "how many {plural}"),
    (
        re.compile(
            rf"\b(?:in|on|by|from|since|before|after|until)\s+(?:early |late |mid-|mid )?(?:{MONTH_NAMES})"
            r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+(?:19|20)\d\d)?\b",
            re.IGNORECASE,
        ),
        "when",
    ),
    (re.compile(r"\b\d[\d,.]*[\s-]*(?:square[\s-]met(?:re|er)s?|sq\.? ?m\b|m2\b|㎡)", re.I), "how big"),
)
_AGE_ASKED = ("what age", "多少岁")
_CHINESE_NUMBER = r"(?:\d[\d,]*(?:\.\d+)?|[一二两三四五六七八九十百千]+)"
_CHINESE_UNIT = r"(个工作日|个月|年(?![薪度级代龄终底初末份])|天|周(?!岁))"
_CHINESE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"{_CHINESE_NUMBER}\s*(?:周岁|岁)"), "多少岁"),
    (re.compile(rf"\d[\d.]*\s*%|百分之{_CHINESE_NUMBER}"), "百分之几"),
    (re.compile(rf"{_CHINESE_NUMBER}\s*(?:万|千)?\s*(?:元|块)"), "多少元"),
    (re.compile(rf"(?<!\d)(?!(?:19|20)\d\d){_CHINESE_NUMBER}\s*{_CHINESE_UNIT}"), "几{unit}"),
    (re.compile(rf"(?<![\d年])(?:{_CHINESE_NUMBER})月(?:{_CHINESE_NUMBER}日)?"), "什么时候"),
    (re.compile(r"\d[\d,.]*\s*(?:平方米|平米|㎡)"), "多少平方米"),
)


def claim_as_question(text: str) -> str | None:
    """The question a request to verify a claim asks, or None when the text verifies no claim.

    A question of its own after the request is kept: "A friend says Liuzhou gives PhDs 1,500 yuan a month.
    Is that right, and for how many months is it paid?" asks how much, then how long."""
    asked = _claim_asked(text)
    if asked is not None:
        return asked
    markers = Vocabulary.load().verification
    for split in reversed(list(_THEN_ASKED.finditer(text))):
        head, rest = text[: split.start()].rstrip(), text[split.end() :].strip()
        asks = rest.endswith(("?", "？")) or markers["asks"].match(rest) or _ASKS_CHINESE.search(rest)
        if not asks or _claim_asked(rest) is not None:
            continue
        asked = _claim_asked(f"{head}{'？' if has_cjk(head) else '?'}")
        if asked is not None:
            return f"{asked}{'' if has_cjk(rest) else ' '}{rest[:1].upper()}{rest[1:]}"
    return None


# where a question follows: "... Is that right, and for how many months ...?", "... 对吗? 要交社保多久?"
_THEN_ASKED = re.compile(r",\s*(?:and|but)\s+|(?<=[?？])\s*(?:(?:and|also|then)[,\s]+)?", re.IGNORECASE)
_ASKS_CHINESE = re.compile(r"[吗呢]|多少|几|什么|怎么|怎样|是否|哪")


def _claim_asked(text: str) -> str | None:
    """The question a request to verify a claim asks, when the whole text is that request."""
    markers = Vocabulary.load().verification
    chinese = has_cjk(text)
    body = text.strip()
    # a question typed in both languages ends in either's tag ("Xiamen 的 PhD 补贴 is 100,000 yuan, right?")
    tags = [markers["tag"], *([markers["tag_chinese"]] if chinese else [])]
    lead = markers["lead"].match(body) or (markers["lead_chinese"].match(body) if chinese else None)
    if not lead and not any(t.search(body) for t in tags):
        return None
    if lead:
        body = body[lead.end() :]
        if markers["asks"].match(body):
            return None  # "Can you confirm when the second batch runs?" asks a question of its own
    tag = next((found for t in tags if (found := t.search(body))), None)
    if tag:
        body = body[: tag.start()]  # "My understanding is that ... Can you check both?"
    sentences = [body.strip()] if chinese else split_sentences(body.strip())
    if not sentences:
        return None
    *said, claim = sentences
    reported = markers["reported_chinese" if chinese else "reported"].match(claim)
    claim = claim[reported.end() if reported else 0 :].strip(" ,，.。:：;?？")
    if not claim or _WH_QUESTION.match(claim):
        return None  # "How much does Liuzhou pay, and is that right?" asks, it claims nothing
    # "A friend who moved to Liuzhou says the city pays ...": the city is Liuzhou
    if reported and (went := _WENT_TO.search(reported.group(0))):
        claim = _THE_PLACE.sub(went.group(1), claim, count=1)
    if chinese:
        # "泰安 master's graduates 每月 1,500 yuan, 对吗": figures written either way
        return f"{''.join(said)}{_figure_asked(claim, _CHINESE + _ENGLISH) or claim + '吗'}？"
    # "... above 15 percent of taxable income, and the subsidy itself is exempt from tax", "... 5 million
    # yuan and also gives them a free apartment": two claims
    claims = [c for c in _CLAIMS_JOINED.split(claim) if c.strip()]
    questions = [_figure_asked(c, _ENGLISH) or f"Is it true that {c}" for c in claims]
    return " ".join([*said, *(f"{q.strip()[:1].upper()}{q.strip()[1:]}?" for q in questions)])


_WH_QUESTION = re.compile(r"(?:how|what|when|which|where|who|why)\b", re.IGNORECASE)
_WENT_TO = re.compile(r"\b(?:to|in|at)\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")
_THE_PLACE = re.compile(
    r"\b(?:the|that) (?:city|district|county|province|municipality|new area|zone|region|local government)\b",
    re.IGNORECASE,
)
_CLAIMS_JOINED = re.compile(
    r",?\s+and\s+(?=(?:the|its|it|that|this|they|each|every|all|both|also)\b)|;\s*|,\s+(?=(?:and\s+)?(?:each|every)\b)",
    re.IGNORECASE,
)


def _figure_asked(claim: str, figures: tuple[tuple[re.Pattern[str], str], ...]) -> str | None:
    """The claim with each of its figures (not a label: "the 10,000-yuan subsidy") as the phrase asking it:
    every figure claimed is one to check ("2000元 ... 连发三年": 多少元 ... 连发几年)."""
    taken: list[tuple[int, int, str]] = []
    for pattern, asking in figures:
        for found in pattern.finditer(claim):
            if any(found.start() < end and found.end() > start for start, end, _ in taken):
                continue
            # "for graduates within five years of graduating": who the claim is about, not a figure claimed
            condition = _WITHIN_OF.match(claim, found.end()) and _WITHIN.search(claim[: found.start()])
            if _labels(claim, found) or condition:
                continue
            taken.append((found.start(), found.end(), _phrase(found, asking)))
    # "every second-level talent under 35 gets 26,000 yuan": an age beside another figure says who, it is
    # not the figure claimed
    claimed = [t for t in taken if not t[2].endswith(_AGE_ASKED)] or taken
    if not claimed:
        return None
    for start, end, phrase in sorted(claimed, reverse=True):
        claim = f"{claim[:start]}{phrase}{claim[end:]}"
    return claim


_WITHIN = re.compile(r"\bwithin\s+$", re.IGNORECASE)
_WITHIN_OF = re.compile(r"\s+(?:of|after|since|from)\b", re.IGNORECASE)


def _labels(claim: str, found: re.Match[str]) -> bool:
    """The figure names the thing the claim is about ("the 80,000-yuan settlement allowance") rather than
    saying something of it."""
    return bool(_DEFINITE_BEFORE.search(claim[: found.start()]))


# "the 10,000-yuan resettlement subsidy", "the Lin-gang 80,000-yuan allowance", "the first 7%": a figure after
# a definite article names the thing (not "a one-off 30,000-yuan subsidy", "is worth 20,000 yuan")
_DEFINITE_BEFORE = re.compile(
    r"\b(?:the|its|that|this|their|my|your|his|her|our)\s+"
    r"(?:(?!(?:for|to|of|in|on|at|by|with|from|over|within|after|before|is|are|was|were|be|gets?|pays?|gives?)\b)"
    r"[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)


def _phrase(found: re.Match[str], asking: str) -> str:
    if "{plural}" in asking:
        unit = found.group(1).strip()
        return asking.format(plural=unit if unit.endswith("s") else f"{unit}s")
    if "{words}" in asking:
        return asking.format(words=found.group(1))
    if "{unit}" in asking:
        return asking.format(unit=found.group(1))
    return found.expand(asking) if "\\" in asking else asking

"""Questions about an article itself (its author, publisher, date or title), answered from its
metadata: what is asked, the statement written from the metadata, and the line of the article it rests on.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from datetime import date

from assistant.answering.evidence import Evidence, Gap, Passage
from assistant.ingest.metadata import ArticleMeta
from assistant.ingest.publishers import publisher_of
from assistant.search.parts import Part
from assistant.search.retrieval import ArticleHit
from assistant.snapshot import Article

# "Just need the headline target number": the main figure, not the article's headline
_NOT_A_TITLE = (
    r"(?!\s+(?:targets?|figures?|numbers?|rates?|amounts?|counts?|totals?|goals?|results?|subsid\w*)\b)"
)
_META_ASKS = {
    "author": re.compile(
        r"\bwho (?:wrote|authored|reported|penned)\b|\bauthor\b|\bwritten by\b|\breporter\b|\bbyline\b|"
        r"\bwho (?:is|was) (?:the |its )?(?:writer|journalist)\b",
        re.IGNORECASE,
    ),
    "editor": re.compile(r"\bwho edited\b|\beditors?\b|\bedited by\b", re.IGNORECASE),
    "publisher": re.compile(
        r"\bwho (?:published|put out|released|issued|carried|ran|posted)\b|\bpublisher\b|"
        r"\b(?:which|what) (?:local |national |official |state |foreign )?"
        r"(?:website|web site|site|newspaper|paper|"
        r"outlet|newswire|wire|media|publication|"
        r"agency)\b.{0,60}\b(?:carried|carries|published|ran|runs|posted|released|put out|reported|issued|"
        r"supplied|provided|contributed|written for|wrote for|write for)\b|"
        # "Which department supplied the Shenyang article?" (the 供稿部门 of a page's header)
        r"\b(?:which|what) (?:department|office|bureau|unit|organi[sz]ation)\b.{0,60}"
        r"\b(?:supplied|contributed)\b|"
        # "on which website do they apply?" asks where to apply, not who published the article
        r"\b(?:on|in|by|through|for) (?:which|what) (?:website|site|newspaper|paper|outlet|newswire|wire)\b"
        r"(?!.{0,40}\b(?:apply|applies|applying|register|registering|submit|sign up|claim|declare|book|file|"
        r"files|filing|lodge|lodging)\b)|"
        r"\b(?:where|by whom) was\b.{0,80}\b(?:published|posted|released|carried)\b|"
        # "The story I'm quoting - was it published by China Daily?"
        r"\b(?:was|is) (?:it|the (?:article|piece|story|report)|this|that) "
        r"(?:published|put out|released|posted|carried) by\b|\bwritten by\b[^?]{1,40}?\bfor\b|"
        # "who wrote the lanzhou piece, which paper", "author and outlet": the paper asked on its own
        r"\b(?:which|what) (?:newspaper|paper|outlet|publication|news outlet|media outlet|newswire|website|"
        r"web site|site)\W*(?:$|[,;?])|\b(?:outlet|masthead)\b|\bsource\b(?! of)|"
        # "Who is credited as the source of the Changchun article?"
        r"\bsource of (?:the|this|that) (?:[\w'’-]+ ){0,4}?(?:article|piece|story|report|page|news)\b|"
        r"\boriginally published\b|"
        # "Which organisation put out that announcement?" (not "which department issued the policy")
        r"\b(?:which|what) (?:organi[sz]ations?|body|bodies|agency|company|institution)\b.{0,30}"
        r"\b(?:put out|published|released|issued|posted|sent out)\s+(?:that|this|the)\s+"
        r"(?:announcement|press release|release|article|news release|notice|story|report)\b",
        re.IGNORECASE,
    ),
    "date": re.compile(
        r"\b(?:when|what date|which date|what day|on what date|on which date) (?:was|were|did)\b.{0,140}"
        r"\b(?:published|written|released|issued|posted|put out|dated|carried|come out|updated|edited)\b|"
        r"\b(?:publication|release|issue|updated|update|posting|posted|published) date\b|"
        # "asks when the China Daily article on Tai'an was published": asked as reported
        r"\bwhen (?:the|this|that|its|their)\b.{0,140}\b(?:was|were) (?:first )?"
        r"(?:published|written|released|issued|posted|put out|carried|updated|edited)\b|"
        # "是哪天发布的": "what date release?", as translated
        r"\b(?:what|which) (?:date|day)\W{0,2}(?:was it |is it |did it )?(?:releas|publish|post)\w*"
        r"\W*(?:$|[,;?])|"
        # "是什么时候发布的": "when release, ... that article?", as translated
        r"^\W*when (?:releas|publish|post)\w*\W*(?:$|[,;?])|"
        r"\bdate (?:of|on) (?:the|this|that)\b|"
        # "The Guiyang article, it published on which date?": the question word after the verb
        r"\b(?:published|released|posted|written|issued)\s+(?:on\s+|in\s+)?(?:what|which)\s+(?:date|day)\b|"
        # "liuzhou talent policy article date", typed without a question
        r"\b(?:article|piece|story|report|news item|notice|press release)(?:'s|’s)? (?:date|dated)\b",
        re.IGNORECASE,
    ),
    "title": re.compile(
        r"\b(?:title|headline) of (?:the|this|that) (?:article|piece|story|report|press release|notice|news|"
        r"transcript|press conference|post|interview)\b|\bheadline\b" + _NOT_A_TITLE + r"|\bfull title\b|"
        r"\bwhat is the (?:article|piece|story|report) called\b|"
        r"\b(?:article|piece|story|report)(?:'s|’s) (?:title|headline)\b",
        re.IGNORECASE,
    ),
}
# The question is about a document, not about the policy it reports.
_DOCUMENT = re.compile(
    r"\b(?:article|piece|story|report|news|press release|release|transcript|notice|post|page|interview|"
    r"announcement|headline" + _NOT_A_TITLE + r"|website|newswire|newspaper|paper|byline|press conference)\b"
    # "Which outlet ran 'Shanghai ranks top in granting R-visas to foreign experts'?": a title quoted
    r"|['‘\"“][^'’\"”]{20,}['’\"”]",
    re.IGNORECASE,
)
# "What date was it published?", "who wrote it?": the document an earlier turn named
_IT = re.compile(r"\b(?:it|this|that|this one|that one)\b", re.IGNORECASE)
_META_NAMES = {
    "author": "author",
    "editor": "editor",
    "publisher": "publisher",
    "date": "publication date",
    "title": "title",
}
# Fields a page states in its text rather than its header: "Edited by Owen Fishwick", "(Edited by Tong
# Wei, tongwei@xinhua.org)", "责任编辑:王明"
_STATED = {
    "editor": re.compile(
        r"\bEdited by:?\s+([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})|\bEditor\s*[:：]\s*"
        r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})|(?:责任编辑|编辑)\s*[:：]\s*([\u4e00-\u9fff·]{2,8})"
    ),
}


def asked_metadata(question: str, earlier: Sequence[str] = ()) -> list[str]:
    """The metadata fields a question asks about an article (author, publisher, date, title), if any;
    earlier: the turns before it ("There's a news item titled ..." - "What date was it published?")."""
    about_it = _IT.search(question) and any(_DOCUMENT.search(turn) for turn in earlier[-1:])
    if not _DOCUMENT.search(question) and not about_it:
        return []
    fields = [field for field, pattern in _META_ASKS.items() if pattern.search(question)]
    # "Which website carried the transcript, and on what date?": the date asked beside is its date too.
    # "Who published the Wuhu article, and when?" too.
    beside = re.search(r"\b(?:what|which) (?:date|day)\b|\band when\b|\bwhen\s*\?", question, re.I)
    if fields and "date" not in fields and beside:
        fields.append("date")
    return fields


def metadata_statement(meta: ArticleMeta, asked: list[str], stated: dict[str, str] | None = None) -> str:
    """One sentence saying what was asked of an article's metadata, or of the fields its text states
    (its title names the article)."""
    stated = stated or {}
    if asked == ["title"] and meta.title:
        return f"The article is titled “{meta.title}”."
    pieces = [f"The article “{meta.title}”" if meta.title else "The article"]
    if "publisher" in asked and (publisher := meta.publisher or stated.get("publisher")):
        pieces.append(f"was published by {publisher}")
    if "date" in asked and meta.date:
        pieces.append(f"{'on' if len(pieces) > 1 else 'is dated'} {_spelled_date(meta.date)}")
    if "author" in asked and meta.author:
        pieces.append(f"{'and ' if len(pieces) > 1 else ''}was written by {meta.author}")
    if "editor" in asked and stated.get("editor"):
        pieces.append(f"{'and ' if len(pieces) > 1 else ''}was edited by {stated['editor']}")
    return " ".join(pieces) + "."


def stated_fields(article: Article) -> dict[str, str]:
    """The fields the article's own text states ("Edited by Owen Fishwick"), each its first value, and the
    publisher its web address names (en.people.cn: People's Daily Online)."""
    found: dict[str, str] = {}
    for sentence in (s for c in article.chunks for s in c.sentences):
        for field, pattern in _STATED.items():
            if field not in found and (m := pattern.search(sentence)):
                found[field] = next(g for g in m.groups() if g).strip()
    if "publisher" not in found and (site := publisher_of(article.meta.url)):
        found["publisher"] = site
    return found


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


def metadata_evidence(
    base: Evidence,
    about: list[str],
    relevant: list[ArticleHit],
    missing: list[str],
    parts: Sequence[int] | None = None,
) -> Evidence:
    """Who wrote or published the best relevant article, when, under which title: from its metadata, cited.

    ``base`` is the evidence with nothing found yet; ``missing``, the places asked about that no
    article covers; ``parts``, the parts of the question asking it (default: all).
    """
    if missing or not relevant:
        return dataclasses.replace(base, missing_places=tuple(missing))
    hit = relevant[0]
    meta = hit.article.meta
    stated = stated_fields(hit.article)
    known = {**stated, **{field: value for field, value in meta.as_dict().items() if value}}
    given = {field: value for field in about if (value := known.get(field))}
    where = meta.region or meta.title
    part = Part(text=" ".join(base.parts[i].text for i in parts) if parts else base.question)
    if not given:
        gap = Gap(part, where, f"its {' or '.join(_META_NAMES[f] for f in about)}")
        return dataclasses.replace(base, gaps=(gap,))
    statement = metadata_statement(meta, list(given), stated)
    quote = _metadata_quote(hit.article, list(given.values()))
    passage = Passage(
        article=hit.article,
        sentences=(statement,),
        quote=quote,
        context=(quote,),
        parts=tuple(range(len(base.parts)) if parts is None else parts),
        relevance=1.0,
        score=hit.score,
        written=True,
    )
    gaps = tuple(Gap(part, where, f"its {_META_NAMES[f]}") for f in about if f not in given)
    return dataclasses.replace(base, passages=(passage,), gaps=gaps)

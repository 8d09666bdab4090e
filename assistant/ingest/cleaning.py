"""Boilerplate and spam removal: keeps article lines verbatim, drops everything else."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text import is_mostly_cjk

# Bump when the rules change: the index is named by it, so a change rebuilds.
CLEANER_VERSION = "2"

# A leading "date YYYY-MM-DD" stamp is metadata, not article text.
DATE_STAMP = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+", re.IGNORECASE)
# A wire-service dateline ("CHONGQING, China, Nov. 19, 2020 /PRNewswire/ -- ") before the lede.
DATELINE = re.compile(r"^[^\n]{0,80}?(?:/\s*[A-Za-z-]+\s*/|\((?:Xinhua|Reuters|AP|AFP)\))\s*--\s*")
# Attribution lines that metadata reads and answers must not quote.
SOURCE_LINE = re.compile(r"^\s*(?:SOURCE\s+\S.*|\[\s*Source\s*[:：].*\])\s*$")

_BOILERPLATE = [
    r"print\s*e-?mail",
    r"bookmark and share",
    r"\bcomment\(s\)",
    r"^no comments\.?$",
    r"^add your comments",
    r"^user name required",
    r"^your comment$",
    r"enter the words you see",
    r"^racist, abusive",
    r"^follow\b.*\bon (?:twitter|facebook|weibo|wechat|linkedin|instagram)",
    r"\bapp download$",
    r"^send your stories",
    r"adjust font size",
    r"^go to forum",
    r"^(?:share|share this|share to|分享.*)$",
    r"^(?:print|close|top|back|more|related|next|previous|next page|previous page)$",
    r"^\W*print\W*\s*\W*close\W*$",
    r"^home\s*>",
    r"^eyesight protection",
    r"^(?:editor|responsible editor|source)\s*[:：]?\s*$",
    r"^(?:tags?|keywords?)\s*[:：]",
    r"^copyright\b|^©|all rights reserved",
    r"^(?:click|tap) here\b",
    r"^(?:scan|scan the qr code)\b",
    r"^(?:facebook|twitter|linkedin|weibo|wechat|email)(?:\s*[|/·]\s*\w+)*$",
]
_BOILERPLATE_RE = re.compile("|".join(f"(?:{p})" for p in _BOILERPLATE), re.IGNORECASE)
# A pagination row: page numbers and arrows, nothing else.
_PAGINATION = re.compile(r"^[\s<>«»‹›|.…\d]*$")
# Link-farm spam: a run of titles separated by pipes, or the SEO "template" banner.
_LINK_FARM = re.compile(r"(?:[^|]{1,80}\|){5,}")
_SHORT_LINE = 200
_SPAM_MARKERS = re.compile(r"蜘蛛池|^主站")


@dataclass(frozen=True)
class CleanText:
    """An article's paragraphs, each a verbatim line of the source."""

    paragraphs: list[str]
    dropped: int

    @property
    def text(self) -> str:
        """The cleaned article as plain text."""
        return "\n\n".join(self.paragraphs)


def is_boilerplate(line: str, *, english_article: bool) -> bool:
    """True for a line that is navigation, widgets, attribution or spam."""
    stripped = line.strip().lstrip("•·*- ").strip()
    if not stripped:
        return True
    # Widgets, attributions and page numbers are short lines; paragraphs need not be scanned.
    if len(stripped) <= _SHORT_LINE and (
        _BOILERPLATE_RE.search(stripped)
        or SOURCE_LINE.match(stripped)
        or (_PAGINATION.match(stripped) and sum(ch.isdigit() for ch in stripped) >= 2)
    ):
        return True
    # Counting pipes first spares the link-farm pattern a slow scan of every ordinary paragraph.
    if (stripped.count("|") >= 5 and _LINK_FARM.search(stripped)) or _SPAM_MARKERS.search(stripped):
        return True
    # In an English article a Chinese-script line is a widget label or injected spam.
    return english_article and is_mostly_cjk(stripped)


def clean(text: str) -> CleanText:
    """Drop boilerplate lines and the leading date stamp; keep every other line verbatim."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    english_article = not is_mostly_cjk(text)
    paragraphs: list[str] = []
    dropped = 0
    for line in lines:
        if not paragraphs:
            line = DATELINE.sub("", DATE_STAMP.sub("", line))
        if is_boilerplate(line, english_article=english_article):
            dropped += bool(line.strip())
            continue
        paragraphs.append(line.strip())
    return CleanText(paragraphs=paragraphs, dropped=dropped)

"""Article metadata: read from the text itself, then filled and overridden by a catalog."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.ingest.cleaning import DATE_STAMP

CATALOG_NAME = "catalog.json"
GLOSSARY_NAME = "glossary.tsv"
"""A corpus folder's own Chinese-English terms (language/translation.py reads it); not an article."""
SYNONYMS_NAME = "synonyms.tsv"
"""A corpus folder's own English synonyms (language/glossary.py reads it); not an article."""

_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH_DATE = re.compile(
    r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2}),\s*(\d{4})\b"
)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_CJK_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_SOURCE = re.compile(r"^\s*SOURCE\s+(\S.*?)\s*$", re.MULTILINE)
_BRACKET_SOURCE = re.compile(r"\[\s*Source\s*[:：]\s*(.+?)\s*\]")
_BYLINE = re.compile(r"written by ([^.]{2,60}?) for ([^\n]{2,80}?)\.?\s*$", re.MULTILINE)
# "China.org.cn, May 15, 2024": a site name right before the date line.
# "chinadaily.com.cn, May 10, 2016", "ezhejiang.gov.cn|Updated: January 7, 2022"
_SITE_BEFORE_DATE = re.compile(
    r"([A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)+)\s*(?:,|\|)\s*(?:Updated:?\s*)?" + _MONTH_DATE.pattern
)
# "时间:2022-07-06 撰稿人: 供稿部门:Shenyang Municipal Government website", "来源:新华社 作者:张三" (or with
# full-width colons): labelled fields in a page's header line, each value running to the next label or the
# end of the line
_LABELS = {
    "publisher": r"供稿部门|供稿单位|信息来源|来源|稿源|发布机构|发布单位|Source",
    "author": r"撰稿人|撰稿|作者|记者|Author|Reporter",
    "other": r"时间|发布时间|日期|编辑|责任编辑|浏览次数|字号|Date|Editor",
}
_ANY_LABEL = "|".join(_LABELS.values())
_LABELLED = {
    field: re.compile(
        rf"(?:^|(?<=[\s\d]))(?:{names})\s*[:：][ \t]*(.*?)[ \t]*(?=\s*(?:{_ANY_LABEL})\s*[:：]|$)",
        re.MULTILINE,
    )
    for field, names in _LABELS.items()
    if field != "other"
}
# "SHANGHAI, Jan. 5 /PRNewswire/ --", "BEIJING, June 26 (Xinhua) --": the agency a dateline names
_WIRE = re.compile(
    r"/\s*(PRNewswire|Xinhua|Reuters)\s*/|^[^\n]{0,80}?\((Xinhua|Reuters|AP|AFP)\)\s*--",
    re.IGNORECASE | re.MULTILINE,
)
_PLACE = re.compile(
    r"\b((?:[A-Z][a-z']+ ?){1,3}?)\s+(?:City|Province|County|New Area|District|Municipality)\b"
)


@dataclass(frozen=True)
class ArticleMeta:
    """What a citation shows about an article."""

    title: str | None = None
    publisher: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    region: str | None = None
    url: str | None = None
    author: str | None = None

    def merged(self, override: dict[str, Any]) -> ArticleMeta:
        """These fields, with every non-empty catalog field taking precedence."""
        known = {k: v for k, v in override.items() if k in asdict(self) and v not in (None, "")}
        return replace(self, **known)

    def as_dict(self) -> dict[str, str | None]:
        """The fields as a plain dict."""
        return dict(self.__dict__)  # every field is a string: asdict's deep copy only costs time


def regions_by_count(metas: Iterable[ArticleMeta], *, alphabetical_ties: bool = False) -> list[str]:
    """The distinct regions of some articles, most articles first; ties in the order first seen, or
    alphabetical."""
    counts = Counter(meta.region for meta in metas if meta.region)
    if alphabetical_ties:
        return sorted(counts, key=lambda region: (-counts[region], region))
    return sorted(counts, key=lambda region: -counts[region])


def _iso(year: str, month: str | int, day: str) -> str | None:
    try:
        month_no = month if isinstance(month, int) else _MONTHS.index(month[:3].lower()) + 1
        return date(int(year), int(month_no), int(day)).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> str | None:
    """The article's date from a date stamp or a dateline in its first lines."""
    if stamp := DATE_STAMP.match(text):
        return stamp.group(1)
    head = "\n".join(text.splitlines()[:15])
    for pattern in (_ISO_DATE, _CJK_DATE):
        if m := pattern.search(head):
            return _iso(m.group(1), int(m.group(2)), m.group(3))
    if m := _MONTH_DATE.search(head):
        return _iso(m.group(3), m.group(1), m.group(2))
    return None


def find_publisher(text: str) -> tuple[str | None, str | None]:
    """The publisher (and author, where a byline names one) from attribution lines."""
    if m := _SOURCE.search(text):
        return m.group(1), None
    if m := _BRACKET_SOURCE.search(text):
        return m.group(1), None
    if m := _BYLINE.search(text):
        return m.group(2).strip(), m.group(1).strip()
    head = "\n".join(text.splitlines()[:15])
    labelled = {field: _labelled(pattern, head) for field, pattern in _LABELLED.items()}
    if labelled["publisher"]:
        return labelled["publisher"], labelled["author"]
    if m := _SITE_BEFORE_DATE.search(head):
        return m.group(1), None
    if m := _WIRE.search(head):
        return m.group(1) or m.group(2), None
    return None, None


def _labelled(pattern: re.Pattern[str], head: str) -> str | None:
    """The first value a label gives in a page's header, if any is not empty."""
    return next((m.group(1) for m in pattern.finditer(head) if m.group(1).strip()), None)


def find_title(paragraphs: list[str]) -> str | None:
    """A headline: a short first paragraph with no sentence-final full stop."""
    for paragraph in paragraphs[:3]:
        words = paragraph.split()
        if 4 <= len(words) <= 30 and not paragraph.rstrip().endswith((".", ":", "。", "：")):
            return paragraph.strip()
    return None


def find_region(text: str) -> str | None:
    """The place named most often as 'X City/Province/County/New Area/District'."""
    counts: dict[str, int] = {}
    for m in _PLACE.finditer(text):
        place = m.group(0).strip()
        counts[place] = counts.get(place, 0) + 1
    return max(counts, key=lambda p: counts[p]) if counts else None


def read_meta(raw_text: str, paragraphs: list[str]) -> ArticleMeta:
    """Everything the text itself tells about the article."""
    publisher, author = find_publisher(raw_text)
    return ArticleMeta(
        title=find_title(paragraphs),
        publisher=publisher,
        date=find_date(raw_text),
        region=find_region("\n".join(paragraphs)),
        author=author,
    )


def load_catalog(folder: Path) -> dict[str, dict[str, Any]]:
    """The catalog beside a folder's articles, keyed by file name (empty when absent)."""
    path = folder / CATALOG_NAME
    if not path.is_file():
        return {}
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AssistantError(f"{path} is not valid JSON ({exc}); fix or remove it") from exc
    if not isinstance(entries, dict):
        raise AssistantError(f"{path} must map file names to metadata objects")
    for name, entry in entries.items():
        if isinstance(entry, dict) and entry.get("date"):
            try:
                datetime.strptime(str(entry["date"]), "%Y-%m-%d")
            except ValueError as exc:
                raise AssistantError(f"{path}: date of {name} must be YYYY-MM-DD") from exc
    return {name: entry for name, entry in entries.items() if isinstance(entry, dict)}

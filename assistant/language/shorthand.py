"""Chat shorthand read as the words it stands for ("how many yrs", "2nd level", "can u"), the fillers of
speech dropped ("um") and its years written in figures ("twenty eighteen"), before a question is parsed.
The shorthand is data: assistant/data/shorthand.tsv."""

from __future__ import annotations

import functools
import re
from importlib.resources import files

from assistant.language.tables import rows


def _read(text: str, source: str) -> dict[str, str]:
    """Lines of 'shorthand<TAB>words'; '#' starts a comment line."""
    found = rows(text, source, "shorthand<TAB>words", empty_right=True)  # a filler stands for nothing
    return {short.lower(): words for _, short, words in found}


@functools.cache
def _shorthand() -> tuple[dict[str, str], re.Pattern[str]]:
    data = files("assistant") / "data" / "shorthand.tsv"
    table = _read(data.read_text(encoding="utf-8"), "assistant/data/shorthand.tsv")
    alternatives = "|".join(re.escape(s) for s in sorted(table, key=len, reverse=True))
    # A word on its own: not inside another word, a number ("2+2") or a name ("R&D", "AT&T").
    pattern = re.compile(rf"(?<![\w&+/.'’-])(?:{alternatives})(?![\w&+/'’-]|\.\w)", re.IGNORECASE)
    return table, pattern


def spelt_out(text: str) -> str:
    """The text with its chat shorthand written out: "how many yrs + which dept" -> "how many years and
    which department"."""
    text = _SPOKEN_YEAR.sub(_year, text)
    table, pattern = _shorthand()
    # a filler with nothing to stand for ("um", "uh") goes, with the comma after it: "get and um, how soon"
    marked = pattern.sub(lambda m: table[m.group().lower()] or _DROPPED, text)
    if _DROPPED not in marked:
        return marked
    return re.sub(rf"\s*{_DROPPED}[,，]?(\s*)", lambda m: " " if m.group(1) else "", marked).strip()


_DROPPED = "\x00"


_UNITS = re.findall(r"\w+", "one two three four five six seven eight nine")
_TEENS = re.findall(r"\w+", "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen")
# a year as it is said: "twenty eighteen", "twenty twenty-three", "two thousand and nineteen"
_SPOKEN_YEAR = re.compile(
    rf"\b(?:twenty[\s-]+(?P<teen>{'|'.join(_TEENS)})|twenty[\s-]+twenty(?:[\s-]+(?P<unit>{'|'.join(_UNITS)}))?"
    rf"|two thousand(?:\s+and)?\s+(?P<later>{'|'.join(_TEENS + _UNITS)}))\b",
    re.IGNORECASE,
)


def _year(found: re.Match[str]) -> str:
    if found.group("teen"):
        return str(2010 + _TEENS.index(found.group("teen").lower()))
    if found.group("later"):
        later = found.group("later").lower()
        return str(2010 + _TEENS.index(later) if later in _TEENS else 2001 + _UNITS.index(later))
    unit = found.group("unit")
    return str(2020 + (_UNITS.index(unit.lower()) + 1 if unit else 0))


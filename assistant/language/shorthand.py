"""Chat shorthand read as the words it stands for ("how many yrs", "2nd level", "can u"), before a
question is parsed. The shorthand is data: assistant/data/shorthand.tsv."""

from __future__ import annotations

import functools
import re
from importlib.resources import files

from assistant.language.tables import rows


def _read(text: str, source: str) -> dict[str, str]:
    """Lines of 'shorthand<TAB>words'; '#' starts a comment line."""
    return {short.lower(): words for _, short, words in rows(text, source, "shorthand<TAB>words")}


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
    table, pattern = _shorthand()
    return pattern.sub(lambda m: table[m.group().lower()], text)

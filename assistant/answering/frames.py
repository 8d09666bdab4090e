"""The words around the quotes, in the question's language: declines, gap notes, 'Sources'.

Quotes stay verbatim English (the citation contract); the frame follows the question. The strings
are data (``assistant/data/frames.json``); a question is Chinese when its Chinese characters
outweigh its Latin letters (a character carries about as much as a three-letter word).

    >>> language_of("两江新区的毕业生可以获得多少安置补贴?"), language_of("What do graduates get in 两江?")
    ('zh', 'en')
    >>> Frames.load("zh").text("sources")
    '来源'
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

LANGUAGES = ("en", "zh")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_LETTERS_PER_CHARACTER = 3


def language_of(text: str) -> str:
    """'zh' when the text is mostly Chinese (characters weighed against Latin letters), else 'en'."""
    chinese = len(_CJK.findall(text))
    return "zh" if chinese and chinese * _LETTERS_PER_CHARACTER >= len(_LATIN.findall(text)) else "en"


@dataclass(frozen=True)
class Frames:
    """The frame strings of one language."""

    language: str
    strings: dict[str, Any]

    @classmethod
    def load(cls, language: str) -> Frames:
        """The frames of 'en' or 'zh' (any other language gets English)."""
        return _frames(language if language in LANGUAGES else "en")

    @classmethod
    def of(cls, question: str) -> Frames:
        """The frames of the question's language."""
        return cls.load(language_of(question))

    def text(self, key: str, **values: str) -> str:
        """A frame string with its {placeholders} filled in."""
        return str(self.strings[key]).format(**values)

    def asked(self, english: str, kind: str | None, original: str = "") -> str:
        """What a gap lacks, in this language: English as the evidence says it; otherwise named by the
        part's kind, or by the clause as asked (original)."""
        if self.language == "en":
            return english
        names: dict[str, str] = self.strings.get("asked", {})
        field = english.removeprefix("its ").split(" or ")[0] if english.startswith("its ") else None
        named = names.get(kind or "", "") or names.get(field or "", "")
        if named:
            return named
        clause = original.rstrip("?？。. ")
        return self.text("asked_clause", clause=clause) if clause else self.text("asked_otherwise")

    def join_places(self, places: list[str] | tuple[str, ...]) -> str:
        return str(self.strings["places_separator"]).join(places)

    def join_and(self, names: list[str] | tuple[str, ...]) -> str:
        """'A and B', 'A; B and C' (region names hold commas of their own: "Liuzhou, Guangxi")."""
        if len(names) < 2:
            return "".join(names)
        head = str(self.strings["list_separator"]).join(names[:-1])
        return head + str(self.strings["and_separator"]) + names[-1]


@functools.cache
def _frames(language: str) -> Frames:
    raw = json.loads((files("assistant") / "data" / "frames.json").read_text(encoding="utf-8"))
    english = raw["en"]
    return Frames(language, {**english, **raw[language]})

"""Questions that ask for things to be named ("which banks", "which city"): the kind asked, and
whether a sentence names one: a capitalised name holding the kind's word ("Bank of Hangzhou"), or for
places a place of that level the gazetteer knows (a country does not answer "which city").
"""

from __future__ import annotations

import re

from assistant.language.places import Gazetteer, Place
from assistant.search.answer_types import Vocabulary


def entity_kinds(text: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    """The kind of thing "which banks" asks to be named, as written in the plural."""
    match = vocabulary.asks["entity"].search(text)
    if not match:
        return ()
    kinds = [_plural(next(g for g in match.groups() if g))]  # "which banks", "the names of the policies"
    # "which website or office": either kind answers
    other = re.match(r"\s+or\s+(?:an? )?([a-z]+)\b", text[match.end() :], re.IGNORECASE)
    if other and _plural(other.group(1)) in vocabulary.name_words:
        kinds.append(_plural(other.group(1)))
    return tuple(kinds)


def _plural(word: str) -> str:
    """ "which city" asks as "which cities" does."""
    word = word.lower()
    if word.endswith("y"):
        return word[:-1] + "ies"
    return word if word.endswith("s") else word + "s"


def names_one(kind: tuple[str, ...], sentence: str, vocabulary: Vocabulary, known: frozenset[str]) -> bool:
    """Does the sentence name a thing of this kind: "Bank of Hangzhou" for banks, "Japan" for countries?
    known: the places and things the question itself names, which are not the answer ("which banks
    take part in the Talent Service Bank?" is not answered by "the Talent Service Bank 2.0")."""
    if not kind:
        return True
    if kind[0] in vocabulary.place_kinds:
        return any(
            place.name not in known and of_kind(kind, place) for _, place in Gazetteer.load().find(sentence)
        )
    asked = [set(_NAME_WORD.findall(k)) for k in known]
    return any(not any(set(_NAME_WORD.findall(n)) <= a for a in asked) for n in kind_names(kind, sentence))


def of_kind(kind: tuple[str, ...], place: Place) -> bool:
    """Is the place one of the kind asked ("which cities": not Japan)? A municipality or county-level
    city is a city whatever its level: its Chinese name ends in 市."""
    if not kind or kind[0] not in Vocabulary.load().place_kinds:
        return True
    levels = Vocabulary.load().place_levels[kind[0]]
    city = kind[0] == "cities" and bool(place.chinese and place.chinese.endswith("市"))
    return not levels or place.level in levels or city


_NAME_WORD = re.compile(r"[A-Z][\w&.-]*[\w&]|[A-Z]")


def kind_names(kind: tuple[str, ...], text: str, vocabulary: Vocabulary | None = None) -> list[str]:
    """The names of things of a kind that the text holds: "Bank of Hangzhou", "China Merchants Bank"."""
    vocabulary = vocabulary or Vocabulary.load()
    if not kind or kind[0] in vocabulary.place_kinds:
        return []
    words = tuple(w for k in kind for w in vocabulary.name_words.get(k, (_singular(k).capitalize(),)))
    word = "|".join(re.escape(w) for w in words)
    name = rf"(?:[A-Z][\w&'’.-]*,?\s+){{1,6}}(?:{word})(?![a-z])|\b(?:{word}) of (?:[A-Z][\w'’-]*\s*)+"
    return [m.group().strip() for m in re.finditer(name, text)]


def _singular(kind: str) -> str:
    return re.sub(r"ies$", "y", kind) if kind.endswith("ies") else kind.removesuffix("s")

"""A gazetteer of places, to recognise the places a question names.

The data, ``assistant/data/places.tsv``, is built by ``scripts/build_places.py`` from maintained data
packages (the adcode table of China's divisions, ISO 3166, GeoNames); this module only reads it. It
holds China's provinces, prefectures, counties, districts and new areas, the world's countries and
its large cities, each with its English and Chinese forms (Simplified and Traditional).

    >>> gazetteer = Gazetteer.load()
    >>> [(text, place.name) for text, place in gazetteer.find("What subsidies does Taiyuan offer?")]
    [('Taiyuan', 'Taiyuan')]
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import files

LEVELS = ("province", "prefecture", "country", "city", "county", "district")
"""The levels, in the order a name shared by several places is resolved (Jilin: the province)."""

_LATIN = "A-Za-z\u00c0-\u024f"
# A word; an apostrophe may join syllables (Xi'an, Tai'an) but a possessive 's is not part of the word.
_WORD = re.compile(rf"[{_LATIN}]+(?:['’](?![sS]\b)[{_LATIN}]+)*")
_BETWEEN_WORDS = re.compile(r"[ \t\-]+")  # "Hunnan District", "Xi-an"; not across punctuation
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_MAX_WORDS = 6


@dataclass(frozen=True)
class Place:
    name: str
    """The conventional English name: Hohhot, Xi'an, Hunnan District, Liangjiang New Area, Singapore."""
    chinese: str | None
    """The full Chinese name (呼和浩特市), or None where the data has none."""
    level: str
    """province, prefecture, county, district (China's divisions), country, or city (outside China)."""
    parent: str | None
    """The English name of the province (for a Chinese division) or the country (for a city)."""
    aliases: tuple[str, ...]
    """Every other form, English or Chinese, that names the place."""


def _key(name: str) -> str:
    """Words of letters only, without diacritics, in lower case: Xi'an, Xian and XI'AN become "xian",
    Hunnan District "hunnan district"."""
    folded = unicodedata.normalize("NFKD", name)
    words = (
        "".join(c for c in word if c.isalpha() and not unicodedata.combining(c)) for word in folded.split()
    )
    return " ".join(w for w in words if w).lower()


def _is_chinese(form: str) -> bool:
    return _CJK.fullmatch(form) is not None


def names_of(place: Place) -> set[str]:
    """Every English and Chinese form of ``place``, as an article may write it (Tai'an, Taian, 泰安市)."""
    forms = {place.name, *place.aliases}
    if place.chinese:
        forms.add(place.chinese)
    for form in list(forms):
        if "'" in form:
            forms.add(form.replace("'", ""))
            forms.add(form.replace("'", "’"))
    return forms


class Gazetteer:
    """Places by every form of their names, to find those that a text mentions."""

    def __init__(self, places: Iterable[Place]) -> None:
        self.places = tuple(places)
        rank = {level: i for i, level in enumerate(LEVELS)}
        # English forms, each with whether it is weak: a county's or district's name without its suffix
        # ("Taihu" for Taihu County), which a following capitalised word makes part of another proper
        # noun ("Wuxi's Taihu Talent Program", "Hunnan Road").
        self._english: dict[str, tuple[Place, bool]] = {}
        self._chinese: dict[str, Place] = {}
        for place in sorted(self.places, key=lambda p: rank.get(p.level, len(rank))):
            for form in names_of(place):
                if _is_chinese(form):
                    # 城区, 郊区, 矿区 are districts, but mostly words ("urban area", "suburb", "mining area")
                    if len(form) >= 2 and not (len(form) == 2 and form.endswith("区")):
                        self._chinese.setdefault(form, place)
                elif key := _key(form.replace("-", " ")):
                    weak = place.level in ("county", "district") and form != place.name and " " not in key
                    self._english.setdefault(key, (place, weak))
        self._longest_chinese = max(map(len, self._chinese), default=0)

    @classmethod
    def load(cls) -> Gazetteer:
        """The gazetteer of ``assistant/data/places.tsv``, read once."""
        return _packaged()

    @classmethod
    def from_tsv(cls, text: str) -> Gazetteer:
        places = []
        header_seen = False
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            if not header_seen:
                header_seen = True
                continue
            name, chinese, level, parent, aliases = (line.split("\t") + [""] * 5)[:5]
            places.append(
                Place(
                    name=name,
                    chinese=chinese or None,
                    level=level,
                    parent=parent or None,
                    aliases=tuple(a for a in aliases.split("|") if a),
                )
            )
        return cls(places)

    def names_of(self, place: Place) -> set[str]:
        return names_of(place)

    def chinese_names(self) -> dict[str, str]:
        """Every Chinese form of a place's name, with the place's English name (兰州市 -> Lanzhou)."""
        return {form: place.name for form, place in self._chinese.items()}

    def find(self, text: str) -> list[tuple[str, Place]]:
        """Every place ``text`` names, as (the text as written, the place), in the order of the text.

        Where names overlap the longest wins ("Hunnan District" over "Hunnan", 太原市 over 太原). English
        names count only from a capitalised word, so ordinary words ("long", "he") are never places.
        """
        found: list[tuple[int, int, Place]] = []
        words = list(_WORD.finditer(text))
        keys: dict[int, str] = {}  # each word's key, made once: a run tries up to six lengths

        def key(k: int) -> str:
            if k not in keys:
                keys[k] = _key(words[k].group())
            return keys[k]

        for i, first in enumerate(words):
            if not first.group()[0].isupper():
                continue
            end = i + 1
            while (
                end < len(words)
                and end - i < _MAX_WORDS
                and _BETWEEN_WORDS.fullmatch(text, words[end - 1].end(), words[end].start())
            ):
                end += 1
            for last in range(end, i, -1):  # the longest run of words that is a name
                entry = self._english.get(" ".join(key(k) for k in range(i, last)))
                if entry is None:
                    continue
                place, weak = entry
                if weak and last < end and words[last].group()[0].isupper():
                    continue
                found.append((first.start(), words[last - 1].end(), place))
                break
        for run in _CJK.finditer(text):
            chars = run.group()
            for i in range(len(chars)):
                for length in range(min(self._longest_chinese, len(chars) - i), 1, -1):
                    named = self._chinese.get(chars[i : i + length])
                    if named is not None:
                        found.append((run.start() + i, run.start() + i + length, named))
                        break
        chosen: list[tuple[int, int, Place]] = []
        for start, end, place in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
            if all(end <= s or start >= e for s, e, _ in chosen):
                chosen.append((start, end, place))
        return [(text[start:end], place) for start, end, place in sorted(chosen, key=lambda c: c[0])]


@functools.cache
def _packaged() -> Gazetteer:
    data = files("assistant") / "data" / "places.tsv"
    return Gazetteer.from_tsv(data.read_text(encoding="utf-8"))

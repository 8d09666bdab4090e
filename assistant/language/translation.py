"""A Chinese question read as English search terms: segmented, and each word looked up.

Traditional characters are read as Simplified (CC-CEDICT's table); figures are written as an English
article writes them (3000万 -> 30 million); the text is cut into words by jieba, which is told every
glossary term and Chinese place name so that it keeps them whole. Each word is then, in order:

1. a glossary term (``assistant/data/glossary.tsv``, extended by a corpus's own ``glossary.tsv``):
   its English, or nothing for a particle;
2. a Chinese place name (the gazetteer): its English name, so an uncovered place is declined;
3. a CC-CEDICT word: the first of its glosses whose words the corpus uses (the others become
   alternatives the answer may use instead);
4. otherwise cut into the longest words the glossary, the gazetteer or the dictionary know.

A single character that no glossary names is dropped: alone, most are particles or fragments.
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.ingest.metadata import GLOSSARY_NAME
from assistant.language.cantonese import as_mandarin
from assistant.language.dictionary import Dictionary
from assistant.language.numerals import figure_spans
from assistant.language.places import Gazetteer
from assistant.language.tables import rows
from assistant.text import terms

_LOOSE = "\x00"  # marks a run of single characters while they are joined
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_PLACE_SUFFIXES = "州市县区省盟旗"
_MAX_GLOSS_WORDS = 3  # longer glosses describe rather than translate
_MAX_ALTERNATIVES = 3


# "Zunyi (遵义)", "the 浙江人才服务平台 (Zhejiang Talent Service Platform)": a name glossed in the other
# language, in brackets. The English is kept and the gloss dropped, so the name is read once.
_CHINESE_GLOSS = re.compile(r"(?<=[A-Za-z0-9.'’)])\s*[（(]\s*[\u3400-\u9fff][^()（）A-Za-z]*[)）]")
_GLOSSED_CHINESE = re.compile(
    r"[\u3400-\u9fff][\u3400-\u9fff0-9·]*\s*[（(]\s*([A-Za-z0-9][^()（）\u3400-\u9fff]*?)\s*[)）]"
)


_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’]{3,}(?![\w'’-])")


# "Liu zhou", "Shen Yang", "Wu hu": a place name typed as its syllables, the first capitalised
_SPACED_SYLLABLES = re.compile(r"(?<![\w'’-])([A-Z][a-z]{1,5})\s([A-Za-z][a-z]{1,5})(?![\w-])")


def syllables_joined(text: str) -> str:
    """A question with the cities and provinces typed as their separate syllables written as one name:
    "Liu zhou first home subsidy" -> "Liuzhou first home subsidy". Both words must be one pinyin syllable
    each and the two together the name of a province or a prefecture-level city; a county's name is too
    like English ("He an")."""
    if not _SPACED_SYLLABLES.search(text):
        return text
    known, gazetteer = _pinyin_syllables(), Gazetteer.load()

    def joined(match: re.Match[str]) -> str:
        first, second = match.group(1), match.group(2)
        if first.lower() not in known or second.lower() not in known:
            return match.group()
        name = first + second.lower()
        found = [place for written, place in gazetteer.find(name) if written == name]
        if not any(place.level in ("province", "prefecture") for place in found):
            return match.group()
        # "Xi an" is Xi'an, as the gazetteer writes it
        written = found[0].name
        return written if re.sub(r"['’-]", "", written) == name else name

    return _SPACED_SYLLABLES.sub(joined, text)


def places_in_capitals(text: str) -> str:
    """A question with the Chinese places typed in lower case capitalised, so they are read as places:
    "how much does luoyang give phds?" -> "... Luoyang ...". A word is one when it is pinyin of two
    syllables or more, the gazetteer has it, and neither English (CC-CEDICT's glosses) nor the
    glossary's domain words use it ("guide": Guide County, but a word; "hukou"). The dictionary is
    loaded only for such a word, not for every question."""
    if not _LOWER_WORD.search(text):
        return text
    gazetteer = Gazetteer.load()

    def capitalised(match: re.Match[str]) -> str:
        word = match.group()
        letters = re.sub(r"['’]", "", word)
        name = word[0].upper() + word[1:]
        if not is_pinyin(letters) or letters in _domain_words() or not gazetteer.find(name):
            return word
        return word if letters in Dictionary.load().english_words else name

    return _LOWER_WORD.sub(capitalised, text)


def is_pinyin(word: str, syllables: int = 2) -> bool:
    """True when the word is at least this many toneless pinyin syllables ("luoyang": luo yang)."""
    known = _pinyin_syllables()
    reach = {0: 0}  # a position in the word -> the most syllables that end there
    for start in range(len(word)):
        if start not in reach:
            continue
        for end in range(start + 1, min(len(word), start + 6) + 1):
            if word[start:end] in known:
                reach[end] = max(reach.get(end, 0), reach[start] + 1)
    return reach.get(len(word), 0) >= syllables


# "living butie", "dazhuan grads", "anjia butie": a glossary term typed as its toneless pinyin, in lower
# case ("Harbin Boshi Automation" is a name)
_LATIN_WORD = re.compile(r"(?<![\w'’-])[a-z]{4,}(?![\w'’-])")
_PINYIN_RUN = 3  # "anjia butie": the words a term's pinyin may be typed in


def pinyin_terms_read(text: str) -> str:
    """A question with the glossary's terms typed as pinyin read as their English: "living butie for
    dazhuan grads" -> "living subsidy for junior college grads". A word (or two or three in a row, "anjia
    butie") is read so when its letters are the toneless pinyin of a glossary term of two characters or
    more that no other term shares, and it is no place ("Shanwei") and no English word."""
    words = list(_LATIN_WORD.finditer(text))
    if not any(is_pinyin(w.group().lower()) for w in words):
        return text
    table, gazetteer = _pinyin_terms(), Gazetteer.load()
    pieces, end, i = [], 0, 0
    while i < len(words):
        for n in range(min(_PINYIN_RUN, len(words) - i), 0, -1):
            run = words[i : i + n]
            between = [text[a.end() : b.start()] for a, b in itertools.pairwise(run)]
            letters = "".join(w.group() for w in run).lower()
            english = table.get(letters) if all(s == " " for s in between) else None
            if english and not gazetteer.find(letters.capitalize()):
                pieces += [text[end : run[0].start()], english]
                end, i = run[-1].end(), i + n
                break
        else:
            i += 1
    return "".join([*pieces, text[end:]])


@functools.cache
def _pinyin_terms() -> dict[str, str]:
    """The packaged glossary's terms by their toneless pinyin ("butie": subsidy), each character read as
    CC-CEDICT first reads it; a spelling two terms share, or an English word, is left out."""
    dictionary = Dictionary.load()
    spelt: dict[str, set[str]] = {}
    for chinese, english in packaged_glossary().items():
        syllables = dictionary.syllables(chinese)
        if english and syllables and len(syllables) > 1:
            spelt.setdefault("".join(syllables), set()).add(english)
    english_words = dictionary.english_words
    return {
        letters: next(iter(found))
        for letters, found in spelt.items()
        if len(found) == 1 and letters not in english_words
    }


@functools.cache
def _pinyin_syllables() -> frozenset[str]:
    lines = (files("assistant") / "data" / "pinyin.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@functools.cache
def _domain_words() -> frozenset[str]:
    """The English words of the packaged glossary ("hukou"): the domain's words, no places."""
    return frozenset(w for english in packaged_glossary().values() for w in re.findall(r"[a-z]+", english))


def without_glosses(text: str) -> str:
    """An English question with the Chinese it glosses in brackets left out, and a Chinese name with an
    English gloss read as that English: "Zunyi (遵义)" -> "Zunyi", "大学生12条 (12 Measures)" -> "12
    Measures". A question in Chinese alone is unchanged."""
    if not re.search(r"[A-Za-z]{3,}", text):
        return text
    return _GLOSSED_CHINESE.sub(r"\1", _CHINESE_GLOSS.sub("", text))


@dataclass(frozen=True)
class Translation:
    """A Chinese text's English reading."""

    text: str
    source: str = ""  # the text translated, in Simplified characters
    places: tuple[str, ...] = ()  # the English names of the Chinese place names it holds
    # a term of a chosen gloss -> terms of the word's other glosses that the corpus uses
    alternatives: dict[str, tuple[str, ...]] = field(default_factory=dict)


def parse_glossary(text: str, source: str = "glossary") -> dict[str, str]:
    """'chinese<TAB>english' lines (# comments, a 'chinese english' header line allowed)."""
    entries: dict[str, str] = {}
    form = "Chinese characters<TAB>English (an empty English drops the word)"
    for number, chinese, english in rows(text, source, form, empty_right=True):
        if (chinese, english) == ("chinese", "english"):
            continue
        if not _CJK_RUN.fullmatch(chinese):
            raise AssistantError(f"{source}, line {number}: write '{form}', got {chinese!r} on the left")
        entries[chinese] = english
    return entries


@functools.cache
def packaged_glossary() -> dict[str, str]:
    """The glossary that ships with the assistant (assistant/data/glossary.tsv)."""
    data = files("assistant") / "data" / GLOSSARY_NAME
    return parse_glossary(data.read_text(encoding="utf-8"), "assistant/data/glossary.tsv")


def corpus_glossary(folder: Path) -> dict[str, str]:
    """The glossary a corpus folder adds (its glossary.tsv), empty when it has none."""
    path = folder / GLOSSARY_NAME
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AssistantError(f"cannot read {path} ({exc}); save it as UTF-8 text or remove it") from exc
    return parse_glossary(text, str(path))


class Translator:
    """Reads Chinese text as English: glossary first, then places, then the dictionary."""

    def __init__(
        self,
        glossary: Mapping[str, str] | None = None,
        dictionary: Dictionary | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.dictionary = dictionary or Dictionary.load()
        self.gazetteer = gazetteer or Gazetteer.load()
        base = packaged_glossary() if glossary is None else glossary
        # Staff may type a term in Traditional characters: it is matched in Simplified.
        self.glossary = {self.dictionary.simplify(k): v for k, v in base.items()}
        self._places = self.gazetteer.chinese_names()
        self._tokenizer: Any = None

    @classmethod
    def for_corpus(cls, folder: Path | None) -> Translator:
        """The packaged glossary extended by the corpus folder's glossary.tsv (read again when it changes)."""
        if folder is None:
            return _translator(None, 0.0)
        path = folder / GLOSSARY_NAME
        stamp = path.stat().st_mtime if path.is_file() else 0.0
        return _translator(folder, stamp)

    @property
    def tokenizer(self) -> Any:
        if self._tokenizer is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            for word in [*self.glossary, *self._places]:
                if len(word) > 1:
                    tokenizer.add_word(word, freq=max(tokenizer.suggest_freq(word), 1000 * len(word)))
            self._tokenizer = tokenizer
        return self._tokenizer

    def translate(self, text: str, known: Callable[[str], bool] | None = None) -> Translation:
        """The English reading of a (mostly) Chinese text; Latin words and numbers are kept.

        known: whether the corpus uses a term, to choose among a word's glosses.
        """
        simplified = _premises_ended(self.dictionary.simplify(_half_width(as_mandarin(text))))
        words: list[str] = []
        alternatives: dict[str, tuple[str, ...]] = {}
        places: list[str] = []
        prepared = _PEOPLE.sub("多少人数", _OFTEN.sub(r"\1一次\2", simplified))
        prepared = _GRADE.sub(r" Grade \1 ", prepared)
        prepared = _ORDINAL.sub(_ordinal_english, prepared)
        named = [w for w, _ in self.gazetteer.find(prepared) if _CJK_RUN.match(w)]
        prepared = _with_units(self._figures_in_english(prepared, named))
        # 来长就业 beside 长春市: a place named in full is also written by its first character alone
        initials = {w[0] for w in named}
        for token in self._words(list(self.tokenizer.cut(prepared, HMM=False)), known, initials):
            if not _CJK_RUN.search(token):
                words.append(token)
                continue
            for english, others in self._read(token, known, places):
                if english:
                    words.append(f" {english} ")
                for term in terms(english):
                    if others:
                        alternatives[term] = tuple(dict.fromkeys((*alternatives.get(term, ()), *others)))
        out = _CJK_RUN.sub(" ", "".join(words))
        out = re.sub(r"\s+", " ", re.sub(r"\s+([?,.!;:])", r"\1", out)).strip()
        return Translation(_question_first(out), simplified, tuple(dict.fromkeys(places)), alternatives)

    def _known_word(self, word: str) -> bool:
        return word in self.glossary or word in self.dictionary or self._place(word) is not None

    def _words(
        self,
        tokens: list[str],
        known: Callable[[str], bool] | None,
        initials: frozenset[str] | set[str] = frozenset(),
    ) -> list[str]:
        """jieba's words, joined where the dictionary knows a longer word across them (永久 居民:
        永久居民, permanent resident), and runs of characters nothing knows joined into one name;
        initials: first characters of places the text names, which stand for them alone (来长:
        come to Changchun)."""
        words: list[str] = []
        i = 0
        while i < len(tokens):
            for n in range(min(4, len(tokens) - i), 1, -1):
                run = tokens[i : i + n]
                joined = "".join(run)
                # jieba was told the glossary's terms: a run holding one is left as cut
                told = any(t in self.glossary for t in run) and joined not in self.glossary
                if _CJK_RUN.fullmatch(joined) and not told and self._known_word(joined):
                    words.append(joined)
                    i += n
                    break
            else:
                words.append(tokens[i])
                i += 1
        if known is None:
            return words
        # 金 普 (of 金普新区): single characters no glossary names may spell a name in pinyin
        out: list[str] = []
        for word in words:
            loose = len(word) == 1 and _CJK_RUN.fullmatch(word) and word not in self.glossary
            if loose and word in initials:
                continue  # the place, named in full elsewhere in the text
            if loose and out and out[-1].startswith(_LOOSE):
                out[-1] += word
            else:
                out.append(_LOOSE + word if loose else word)
        return [w.removeprefix(_LOOSE) for w in out]

    def _figures_in_english(self, text: str, places: list[str]) -> str:
        """Chinese figures as English ones, except inside the Chinese place names the text holds
        (六盘水, 十堰)."""
        taken = [(text.find(w), text.find(w) + len(w)) for w in places]
        out: list[str] = []
        last = 0
        for start, end, english in figure_spans(text):
            if any(start < e and end > s for s, e in taken):
                continue
            out.extend([text[last:start], f" {english} "])
            last = end
        out.append(text[last:])
        return "".join(out)

    def _read(
        self, token: str, known: Callable[[str], bool] | None, places: list[str]
    ) -> list[tuple[str, tuple[str, ...]]]:
        """A segmented word as English: [(gloss, alternative terms)], several when it is cut further.
        The English names of places read are added to places."""
        if token in self.glossary:
            return [(self.glossary[token], ())]
        place = self._place(token)
        if place is not None:
            places.append(place)
            return [(place, ())]
        if len(token) > 1 and token in self.dictionary:
            glosses = self.dictionary.glosses(token)
            if known is not None and self.dictionary.is_verb(token) and not self._used(glosses[:1], known):
                # A verb whose first sense the corpus never uses ("convene" where articles "hold"
                # meetings) only weighs the question down; its nouns carry what it asks.
                return []
            return [self._choose(glosses, known)]
        if len(token) == 1:
            return []
        name = self._name(token, known)
        if name:
            return [(name, ())]
        return [pair for piece in self._cut(token) for pair in self._read(piece, known, places)]

    def _name(self, token: str, known: Callable[[str], bool] | None) -> str | None:
        """A word no resource knows, as the articles spell the name in pinyin (横琴: Hengqin, 临港:
        Lin-gang), when the corpus uses that spelling."""
        syllables = self.dictionary.syllables(token)
        if known is None or not syllables:
            return None
        joined = "".join(syllables)
        if known(joined):
            return joined.capitalize()
        if len(syllables) > 1 and all(known(s) for s in syllables):
            return "-".join(syllables).capitalize()
        return None

    def _place(self, token: str) -> str | None:
        """The English name of the place a word names, if it names one."""
        if token in self._places and not self._ordinary_word(token):
            return self._places[token]
        if len(token) > 2 and token[-1] in _PLACE_SUFFIXES and token[:-1] in self._places:
            return self._places[token[:-1]]  # 阿坝州, 延边州: the name and a bare suffix
        for suffix in "县市区":  # 淳安 for 淳安县; a word (开发 of 开发区) is no district
            word = token in self.dictionary if suffix == "区" else self._ordinary_word(token)
            if len(token) > 1 and token + suffix in self._places and not word:
                return self._places[token + suffix]
        return None

    def _ordinary_word(self, token: str) -> bool:
        """A word the dictionary knows only in ordinary senses, none a name: 比如 (for example; 比如县 is
        a county), 合作 (cooperate; 合作市 a city), 东方 (the East). 海口 and 和平 name places too."""
        if token[-1:] in _PLACE_SUFFIXES or token not in self.dictionary:
            return False
        return not any(gloss[:1].isupper() for gloss in self.dictionary.glosses(token))

    def _cut(self, token: str) -> list[str]:
        """Longest known words from the left; characters nothing knows stand alone."""
        pieces: list[str] = []
        i = 0
        while i < len(token):
            for length in range(min(len(token) - i, self.dictionary.longest), 0, -1):
                piece = token[i : i + length]
                if length == 1 or piece in self.glossary or piece in self._places or piece in self.dictionary:
                    pieces.append(piece)
                    i += length
                    break
        return pieces

    @staticmethod
    def _used(glosses: tuple[str, ...], known: Callable[[str], bool]) -> bool:
        return any(terms(g) and all(known(t) for t in terms(g)) for g in glosses)

    @staticmethod
    def _choose(glosses: tuple[str, ...], known: Callable[[str], bool] | None) -> tuple[str, tuple[str, ...]]:
        """The first gloss whose words the corpus uses (else the first), and the other such glosses' terms."""
        # A capitalised gloss names a book or a person (大学: "the Great Learning"): common senses first.
        short = sorted((g.split(",")[0].strip() for g in glosses), key=lambda g: g[:1].isupper())
        usable = [g for g in short if len(g.split()) <= _MAX_GLOSS_WORDS] or short[:1]
        if known is not None:
            used = [g for g in usable if terms(g) and all(known(t) for t in terms(g))]
            chosen = used[0] if used else usable[0]
            others = [g for g in used if g != chosen][:_MAX_ALTERNATIVES]
        else:
            chosen, others = usable[0], []
        return chosen, tuple(t for g in others for t in terms(g))


# "多久召开一次" (how long ... once) asks how often: read as "多久一次 召开" (the glossary's "how often").
_OFTEN = re.compile(r"(多久|多长时间)([^?？,，。]{1,8}?)一次")
# "第三年是五折, 那第四年以后呢": what comes before "那" (then) is said, not asked; it ends a sentence,
# as in English "The third year is half price. What about the fourth?"
_PREMISE_THEN = re.compile(r"(?<=[^?.!。？！\s])\s*,\s*那么?(?![个些里儿边样种时])")
# "三年", "3个月", "5天": a figure and its unit of time, which no single character is read as alone (not
# "2023年", a year, nor "3年薪" or "3年级")
_UNITS_OF_TIME = (
    (re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*年(?![薪度级代龄终底初末份])"), r" \1 years "),
    (re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*个\s*月"), r" \1 months "),
    (re.compile(r"(?<![\d.])(\d{1,3})\s*(?:个)?\s*(?:自然|日历)?\s*天"), r" \1 days "),
    (re.compile(r"(?<![\d.])(\d{1,3})\s*(?:个)?\s*(?:星期|周)(?!岁)"), r" \1 weeks "),
)


def _with_units(text: str) -> str:
    for pattern, english in _UNITS_OF_TIME:
        text = pattern.sub(english, text)
    return text


def _premises_ended(text: str) -> str:
    """The text with its premises ended as sentences, so that what is said and what is asked split as in
    English."""
    return _PREMISE_THEN.sub(". ", text).strip()


# "有多少人" counts people; "多少人才补贴" is "how much talent subsidy" (人才, 人员, 人口 are words).
_PEOPLE = re.compile(r"多少人(?![才员口力事数])")
# "C类人才": a Grade C talent
_GRADE = re.compile(r"(?<![A-Za-z])([A-Ea-e])\s*类")
# "第二批": the second batch (an ordinal the question asks about, not a count of two)
_ORDINALS = dict(zip("一二三四五六七八九十", ("first", "second", "third", "fourth", "fifth", "sixth",
                                          "seventh", "eighth", "ninth", "tenth"), strict=True))
_ORDINALS |= {str(i + 1): word for i, word in enumerate(_ORDINALS.values())}
_ORDINAL_NOUNS = {
    "批": "batch", "期": "phase", "届": "session", "轮": "round", "次": "time", "年": "year", "阶段": "stage"
}
_ORDINAL = re.compile(r"第([一二三四五六七八九十]|10|[1-9])(批|期|届|轮|次|年|阶段)")


def _ordinal_english(match: re.Match[str]) -> str:
    return f" the {_ORDINALS[match.group(1)]} {_ORDINAL_NOUNS[match.group(2)]} "

_CLAUSE = re.compile(r"(?:[^?,.!;:]|(?<=\d)[,.](?=\d))+[?,.!;:]*")  # "10,000" and "2.5" are no clause ends
_QUESTION_PHRASE = re.compile(
    r"\b(?:how (?:many|much|long|old)|what|which|when|where|who|why|whether|how)\b", re.IGNORECASE
)


def _question_first(text: str) -> str:
    """Each clause with its question phrase first, as English asks: Chinese puts the question word where
    the answer goes ("兰州 需要 什么 保险" -> "what insurance Lanzhou need")."""
    clauses = []
    for clause in _CLAUSE.findall(text):
        clause = clause.strip()
        body = clause.rstrip("?,.!;: ")
        end = clause[len(body) :]
        match = _QUESTION_PHRASE.search(body)
        if match and match.start() > 0:
            # the comma ends the phrase asked about: "how many services, Heilongjiang talent card offer"
            body = f"{body[match.start() :]}, {body[: match.start()].strip().rstrip(',')}"
        clauses.append(body.strip() + end)
    return " ".join(clauses).strip()


def _half_width(text: str) -> str:
    """Full-width letters, digits and punctuation as ASCII; the ideographic full stop and comma too."""
    return unicodedata.normalize("NFKC", text).replace("。", ". ").replace("、", ", ")


@functools.cache
def _translator(folder: Path | None, stamp: float) -> Translator:
    glossary = dict(packaged_glossary())
    if folder is not None and stamp:
        glossary.update(corpus_glossary(folder))
    return Translator(glossary)

"""Understanding a question: follow-ups, Chinese terms, named places, focus terms and intent."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from assistant.errors import BadQuestion
from assistant.language.dictionary import Dictionary
from assistant.language.glossary import SYNONYM_TERMS, spelling_alternatives
from assistant.language.places import Gazetteer
from assistant.language.shorthand import spelt_out
from assistant.language.translation import (
    Translation,
    Translator,
    pinyin_terms_read,
    places_in_capitals,
    syllables_joined,
    without_glosses,
)
from assistant.search.claims import claim_as_question
from assistant.search.listed_items import items_apart
from assistant.search.parts import COMPARED_WITH, GROUP_TERMS, Part, following, parts_of
from assistant.search.question_clauses import split_question
from assistant.text import STOPWORDS, has_cjk, split_sentences, terms

Reader = Callable[[str], Translation]
"""Reads a Chinese (or mixed) turn as English: Translator.translate, told what the corpus uses."""

# Words that start a question or an instruction; capitalised there, they name nothing (nor do the
# stopwords: "What", "How", "Tell", "Please").
_LEADING_WORDS = frozenset(
    ["whose", "may", "might", "shall", "according", "apart", "besides", "compare", "describe", "explain",
     "list", "name", "show", "summarize", "summarise", "what's", "how's"]
)  # fmt: skip
# Words of places' names that are ordinary words too ("Hainan Free Trade Port", "Liangjiang New Area").
_PLACE_PARTS = frozenset(
    terms(
        "free trade port new area zone city county district province pilot special economic development "
        "high tech region bay greater west east north south central inner autonomous municipality island"
    )
)
# "Hong Kong SAR", "Hainan FTP": abbreviations that are part of a place's name
_PLACE_ABBREVIATIONS = frozenset(terms("sar ftz ftp fta gba prd"))
_LEADING_STEMS = frozenset(t for w in _LEADING_WORDS for t in terms(w))  # stopwords have none
# Question words that carry no topic of their own.
_GENERIC = frozenset(
    terms(
        """offer offers offered provide provides provided available exist happen happened mention
        mentioned article articles corpus source sources document region regions city cities province
        provinces place places info specific various different use used using kind kinds type types
        way ways bring brings brought keep keeps come comes along go goes going take takes make makes
        set thing things currently actually exactly compare comparison difference differences similar
        similarities versus like ok okay hi hello thanks thank""",
    )
)
_FOLLOW_UP = re.compile(
    r"^\s*(?:and|but|also|then|so|what about|how about|what of|same for|and for|and in|and what|"
    r"and how|or)\b",
    re.IGNORECASE,
)
_INSTITUTIONS = frozenset(
    terms(
        "university universities college colleges institute school schools hospital academy laboratory "
        # "Heilongjiang State Council Information Office", "China Daily", "Global Times"
        "office bureau council committee commission ministry daily times post news newspaper press"
    )
)
_DEGREE = re.compile(
    r"(?:PhDs?|Ph\.D\.?|Doctors?|Doctoral|Masters?|Master's|Bachelors?|Bachelor's)", re.IGNORECASE
)
_MEASURE_WORDS = frozenset(terms("big large long much many old far high", keep_stopwords=True))
_PRONOUN = re.compile(r"\b(?:it|its|it's|they|their|them|there|this|that|these|those|he|she|his|her)\b", re.I)
_MULTI = re.compile(
    r"\b(?:which|what|all|each|every|both)\s+(?:of the\s+)?(?:regions?|cities|provinces|places|areas|"
    r"localities|counties|governments|articles)\b|\bcompare\b|\bcomparison\b|\bdiffer|\bversus\b|\bvs\.?\b|"
    r"\bboth\b|\bwhere else\b|\b(?:each|every)\s+(?:city|province|place|region|county|locality|government)\b|"
    r"\b(?:choos\w*|decid\w*|pick\w*|torn|weigh\w*)\s+between\b",
    re.IGNORECASE,
)
_INJECTION = re.compile(
    r"(?:system|initial|hidden|original|developer|secret)\s+(?:prompt|instruction|message|rule)|"
    r"\b(?:ignore|disregard|forget|override|bypass)\b.{0,60}\b(?:instruction|rule|prompt|previous|above|guideline)|"
    r"\byour\s+(?:instructions|rules|prompt|guidelines|configuration|programming)\b|"
    r"\b(?:repeat|print|reveal|show|output|display|dump)\b.{0,40}"
    r"\b(?:prompt|instructions|above text|text above)\b|"
    r"\bjailbreak\b|\bdeveloper mode\b|\bpretend (?:you are|to be)\b|\bact as\b|\byou are now\b|"
    # Attempts to dictate the output rather than ask: "just say that ...", "don't cite anything".
    r"\b(?:just|simply|only)\s+(?:say|reply|answer|respond|write|output|state)\b|"
    r"\b(?:reply|respond|answer)\s+(?:only\s+)?with\s+(?:that|this|the following|only)\b|"
    r"\bdon'?t\s+cite\b|\bwithout\s+(?:citing|citations|sources)\b|\bfor this test\b|"
    r"忽略.{0,10}(?:指令|提示|规则)|系统提示|提示词",
    re.IGNORECASE,
)
# Questions whose answer is a figure or a date: sentences holding one answer them better.
_WANTS_AMOUNT = re.compile(
    r"\bhow much\b|\bwhat amount\b|"
    r"\b(?:get|receive|earn|enjoy|worth|maximum|subsid\w*|funding|grant|money)\b|"
    r"多少钱|补贴|奖励",
    re.IGNORECASE,
)
_WANTS_NUMBER = re.compile(
    r"\bhow (?:many|large|big|long)\b|\bwhat (?:percentage|share|number|figure)\b|多少|几", re.I
)
_WANTS_DATE = re.compile(r"\bwhen\b|\bwhat (?:date|year|month|day)\b|\bsince when\b|什么时候|何时", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Unicode format characters (zero-width spaces and joiners, bidirectional overrides, the BOM):
# they only hide or reorder text, so they are dropped.
_FORMAT = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:&[A-Za-z]+)*|\d[\d,.]*")  # "R&D" is one word


@dataclass(frozen=True)
class Filters:
    """Narrow retrieval to a region and a date range (ISO dates, inclusive)."""

    region: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    def __post_init__(self) -> None:
        for value in (self.date_from, self.date_to):
            if value:
                try:
                    date.fromisoformat(value)
                except ValueError as exc:
                    raise BadQuestion(f"dates must be YYYY-MM-DD, got '{value}'") from exc

    def allows(self, region: str | None, when: str | None) -> bool:
        """True when an article with this region and date passes the filters."""
        if self.region and (not region or self.region.lower() not in region.lower()):
            return False
        if self.date_from and (not when or when < self.date_from):
            return False
        return not (self.date_to and (not when or when > self.date_to))

    @property
    def active(self) -> bool:
        """True when any filter is set."""
        return bool(self.region or self.date_from or self.date_to)


@dataclass(frozen=True)
class Query:
    """A question ready for retrieval and answering."""

    question: str  # the last turn, as asked
    search_text: str  # standalone English text for retrieval
    focus: tuple[str, ...]  # terms the answer must address
    alternatives: dict[str, tuple[str, ...]]  # focus term -> article terms that also answer it
    places: tuple[tuple[str, ...], ...]  # named phrases (as terms) the sources must mention
    place_names: tuple[str, ...] = ()  # the same phrases as written
    multi: bool = False  # asks about several regions at once
    injection: bool = False  # asks to reveal or change the instructions
    carried: tuple[str, ...] = field(default=())  # context taken from earlier turns
    wants: str | None = None  # "amount", "number" or "date" when the answer is expected to be one
    # "X and Y" between two named phrases, as "x-last-word and y-first-word": two places, unless an
    # article spells it as one name ("Science and Innovation Center").
    joined: tuple[str, ...] = ()
    parts: tuple[Part, ...] = ()  # what it asks, part by part (parts.py)
    places_known: tuple[bool, ...] = ()  # per named phrase: a place (corpus region or gazetteer)
    reading: str = ""  # the last turn in English (its translation when it is Chinese)
    earlier: tuple[str, ...] = ()  # the turns before it, in English

    @property
    def english(self) -> str:
        """The last turn as English text: as asked, or as translated."""
        return self.reading or self.question

    def is_place(self, order: int) -> bool:
        """True when the named phrase at this position is a place, not a programme or a word."""
        return self.places_known[order] if order < len(self.places_known) else True

    def names_thing(self, order: int) -> bool:
        """True when the named phrase at this position names a thing: not a place, or a programme named
        after its place ("the Heilongjiang Talent Card"), which the sentences answering must be about."""
        written = self.place_names[order] if order < len(self.place_names) else ""
        return not self.is_place(order) or bool(_PROGRAMME.search(written))

    @property
    def search_terms(self) -> list[str]:
        """Lexical terms for retrieval: focus, their synonyms, and places."""
        out = list(self.focus)
        for term in self.focus:
            out.extend(self.alternatives.get(term, ()))
        for phrase in self.places:
            out.extend(phrase)
        return out


def _answer_type(question: str) -> str | None:
    for kind, pattern in (("date", _WANTS_DATE), ("amount", _WANTS_AMOUNT), ("number", _WANTS_NUMBER)):
        if pattern.search(question):
            return kind
    return None


def check_question(text: str, max_chars: int) -> str:
    """The question, trimmed, or BadQuestion saying what is wrong with it."""
    if not isinstance(text, str):
        raise BadQuestion("the question must be text")
    cleaned = _CONTROL.sub(" ", _FORMAT.sub("", text)).strip()
    if not cleaned:
        raise BadQuestion("the question is empty: type a question about the policy articles")
    if len(cleaned) > max_chars:
        raise BadQuestion(
            f"the question is {len(cleaned):,} characters long; keep it under {max_chars:,} "
            "(ask one thing at a time)"
        )
    if not any(ch.isalnum() for ch in cleaned):
        raise BadQuestion("the question has no words in it: ask about a region, a policy or a figure")
    return cleaned


def translate_chinese(text: str) -> str:
    """The English reading of a Chinese question (glossary, places, then CC-CEDICT)."""
    return Translator.for_corpus(None).translate(text).text


_GRADE = re.compile(r"(?:Grade|Class|Tier|Level|Category|Type)", re.IGNORECASE)
_GRADE_MARK = re.compile(r"[A-Ea-e1-5]|I{1,3}|IV|V|one|two|three|four|five", re.IGNORECASE)


def _named_runs(text: str, gazetteer: frozenset[str]) -> list[tuple[str, tuple[str, ...]]]:
    """Runs of capitalised words (and known place words), as written and as terms, in order."""
    phrases: list[tuple[str, tuple[str, ...]]] = []
    run: list[str] = []
    raw: list[str] = []
    found = list(_WORD.finditer(text))
    words = [m.group() for m in found]
    for i, word in enumerate(words):
        between = text[found[i - 1].end() : found[i].start()] if i else ""
        # "Greater Bay Area (nine PRD cities)": a bracket of lower-case words ends a name too (not
        # "Chongqing (Liangjiang New Area)")
        bracketed = bool(re.search(r"[(（]", between)) and word[0].islower()
        if run and (_SENTENCE_BREAK.search(between) or bracketed):
            # "my wife's family is in Zunyi. Guiyang's programme ...": a name does not run on past a stop
            phrases.append((" ".join(raw), tuple(run)))
            run, raw = [], []
        lowered = word.lower().strip("'’")
        stem = terms(word)
        is_named = bool(stem) and "&" not in word and (  # "a French R&D director": R&D names nothing
            (word[0].isupper() and lowered not in _LEADING_WORDS and lowered not in STOPWORDS)
            # a place typed in lower case ("heilongjiang"); "free" or "new" only inside a name
            or (stem[0] in gazetteer and (bool(run) or stem[0] not in _PLACE_PARTS))
        )
        if is_named and bracketed and lowered in Dictionary.load().english_words:
            is_named = False  # "(nine PRD cities)": nor does an English word start one there
        if i == 0 and (lowered in _LEADING_WORDS or (stem and stem[0] in _LEADING_STEMS)):
            is_named = False  # "Comparing Liangjiang and Lanzhou": the verb names nothing
        typed_lower = bool(raw) and raw[0][0].islower() and word[0].isupper() and stem[0] not in gazetteer
        graded = _GRADE.fullmatch(word) and i + 1 < len(words) and _GRADE_MARK.fullmatch(words[i + 1])
        # "joining a Wenzhou SME", "a Tai'an SOE": an abbreviation no gazetteer knows is the employer
        abbreviation = word.isalpha() and word.isupper() and 2 <= len(word) <= 5
        abbreviation = abbreviation and bool(stem) and stem[0] not in gazetteer
        abbreviation = abbreviation and stem[0] not in _PLACE_ABBREVIATIONS
        if is_named and run and abbreviation and not raw[-1].isupper():
            phrases.append((" ".join(raw), tuple(run)))
            run, raw = [], []
            is_named = False
        if is_named and run and (typed_lower or _DEGREE.fullmatch(word) or graded):
            # "tai'an PhD", "Tai'an PhD living allowance": a place does not run on into a degree, nor one
            # typed in lower case into a capitalised word, nor into a grade ("Liuzhou Grade A talents")
            phrases.append((" ".join(raw), tuple(run)))
            run, raw = [], []
        if is_named:
            run.extend(stem)
            raw.append(word)
            if re.search(r"['’]s$", word) and i + 1 < len(words):
                # "Hangzhou's Future Sci-Tech City": the possessive ends the place's name
                phrases.append((" ".join(raw), tuple(run)))
                run, raw = [], []
        elif run:
            phrases.append((" ".join(raw), tuple(run)))
            run, raw = [], []
    if run:
        phrases.append((" ".join(raw), tuple(run)))
    # One capitalised word that is no place ("PhD", "I'm", "Hi") is an ordinary word of the question; nor
    # does a grade name anything ("And Grade B?" asks about other people of the place asked before)
    return [
        p
        for p in phrases
        if (len(p[0].split()) > 1 or _is_place(p[0], p[1], gazetteer)) and not _grade_only(p[0])
    ]


def _grade_only(written: str) -> bool:
    words = written.split()
    return len(words) == 2 and bool(_GRADE.fullmatch(words[0]) and _GRADE_MARK.fullmatch(words[1]))


def _at_provinces(run: tuple[str, tuple[str, ...]]) -> list[tuple[str, tuple[str, ...]]]:
    """A run split before each province-level place after another place ("Tianjin Binhai New Area Hong
    Kong and Macao talents", as 天津滨海新区对港澳人才 is read): a district holds no province."""
    written = run[0]
    starts = [
        written.index(name)
        for i, (name, place) in enumerate(Gazetteer.load().find(written))
        if i and place.level == "province" and name in written
    ]
    if not starts:
        return [run]
    pieces = [written[a:b].strip() for a, b in zip([0, *starts], [*starts, len(written)], strict=True)]
    return [(piece, tuple(terms(piece))) for piece in pieces if terms(piece)]


# "what is a 'talent attraction ambassador' paid?": a name in quotes, typed in lower case
_QUOTED = re.compile(r"(?:(?<=\s)|^)['‘\"“]([a-z][\w’'-]*(?: [\w’'-]+){1,4})['’\"”](?=[\s,.;:?!)]|$)")


def _quoted_names(text: str, runs: list[tuple[str, tuple[str, ...]]]) -> list[tuple[str, tuple[str, ...]]]:
    """The things a question names in quotes, in lower case ("the 'talent loan' product"), that no
    capitalised run already holds: what the sentences answering it must be about, as a name is."""
    named = {t for _, stems in runs for t in stems}
    out = []
    for found in _QUOTED.finditer(text):
        stems = tuple(terms(found.group(1)))
        if stems and not set(stems) <= named:
            out.append((found.group(1), stems))
    return out


# "guiyang 100 talent plan": a numbered programme typed in lower case
_NUMBERED = re.compile(
    r"\b(?!(?:19|20)\d\d\b)\d[\d,]*\s+((?:[a-z][\w-]*\s+){0,2}(?:plan|program|programme|project|scheme|initiative))\b"
)


def _numbered_names(text: str, runs: list[tuple[str, tuple[str, ...]]]) -> list[tuple[str, tuple[str, ...]]]:
    """The programmes a question names by number in lower case ("the 100 talent plan"), that no capitalised
    run already holds: the sentences answering it must be about that one, as for a name."""
    named = {t for _, stems in runs for t in stems}
    out = []
    for found in _NUMBERED.finditer(text):
        stems = tuple(terms(found.group(1)))
        if len(stems) > 1 and not set(stems) <= named:
            out.append((found.group(1), stems))
    return out


# "the '10 Talent Plan'", "the Superior Talent Card": a programme's name, which is no place
_PROGRAMME = re.compile(
    r"\b(?:plan|program|programme|project|scheme|initiative|card|campaign|fund|award|prize|week|platform|portal|"
    r"website)s?\W*$",
    re.I,
)


def _is_place(written: str, stems: tuple[str, ...], gazetteer: frozenset[str]) -> bool:
    """A place: in the gazetteer of Chinese divisions and world places, or in a corpus region's name,
    or named as one ("Tianfu New Area", "Nansha District"). "Zhejiang University" is an institution
    named after a place, not the place."""
    if _names_institution(written):
        return False
    return (
        bool(Gazetteer.load().find(written))
        or any(t in gazetteer for t in stems)
        or bool(_PLACE_HEAD.search(written))
    )


# a line of a form ends a name too ("Place: Liuzhou\nApplicant: ...")
_SENTENCE_BREAK = re.compile(r"[.!?;:。？！；：\n|/]")
# A name ending in the word for a division or an area names a place, whether or not the gazetteer has it
_PLACE_HEAD = re.compile(
    r"\w\s+(?:New Area|New District|District|County|Prefecture|Province|Special Area|Free Trade Zone|"
    r"(?:Economic|Development|High-[Tt]ech|Industrial|Bonded|Pilot) Zone)$"
)


def _asked_about(
    text: str,
    runs: list[tuple[str, tuple[str, ...]]],
    gazetteer: frozenset[str],
    lower_case: bool | None = None,
) -> list[tuple[str, tuple[str, ...]]]:
    """The named runs less the places (and things) the asker only mentions about themselves.

    "I'm 31, my parents live in Wuxi. ... How much settlement allowance can I get in Lin-gang?": a
    place the question itself names is what it asks about; the statements' places are background.
    With none in the question, a statement's place no article covers is background too ("my parents
    in Quanzhou"), unless the asker is moving there, and only when another place it names is covered.
    """
    runs = _less_places_left(text, runs, gazetteer)
    clauses, statements = split_question(text, lower_case)
    if not statements:
        return runs
    asked = " ".join(clauses)
    is_place = [_is_place(name, stems, gazetteer) for name, stems in runs]
    # "a fellow of the Royal Society of Chemistry" names no thing asked about; "I heard a 'Zhejiang Talent
    # Service Platform' was launched. Which sections does that platform have?" does
    asked_terms = set(terms(asked))
    kept = [
        (run, place)
        for run, place in zip(runs, is_place, strict=True)
        if place or run[0] in asked or set(run[1]) & asked_terms
    ]
    runs, is_place = [run for run, _ in kept], [place for _, place in kept]
    if any(place and name in asked for (name, _), place in zip(runs, is_place, strict=True)):
        # "..., preparing to work in Zhuhai. What housing help is there? And the Greater Bay Area tax
        # subsidy?": a question naming no place asks about the place the asker is going to ("What does
        # Xi'an give, and for how many years?" names Xi'an in both of its clauses)
        sentences = split_sentences(text)

        def sentence_of(clause: str) -> str:
            return next((s for s in sentences if clause.strip(" ,;?") in s), clause)

        placeless = any(not any(name in sentence_of(clause) for name, _ in runs) for clause in clauses)

        def going_to(name: str) -> bool:
            return placeless and bool(_MOVING_TO.search(statements[: max(statements.find(name), 0)]))

        return [
            run
            for run, place in zip(runs, is_place, strict=True)
            if run[0] in asked or not place or going_to(run[0])
        ]
    # "my investors are in Shanghai. Someone told me there's a Quzhou Returnees Park ... Where is it?": with
    # no place asked, a thing at a place that a statement about something else names is what "it" is, and
    # the places of the asker's own situation are background
    sentences = split_sentences(statements)
    own = " ".join(s for s in sentences if _FIRST_PERSON.match(s))
    said = " ".join(s for s in sentences if not _FIRST_PERSON.match(s))
    places_found = Gazetteer.load().find
    thing = [
        place and name in said and all(written != name for written, _ in places_found(name))
        for (name, _), place in zip(runs, is_place, strict=True)
    ]
    if any(thing) and _PRONOUN.search(asked):
        return [
            run
            for run, place in zip(runs, is_place, strict=True)
            if not place or run[0] in said or run[0] not in own or _MOVING_TO.search(own[: own.find(run[0])])
        ]
    covered = [
        place and any(t in gazetteer for t in stems) for (_, stems), place in zip(runs, is_place, strict=True)
    ]
    if not any(covered):
        return runs
    return [
        run
        for run, place, known in zip(runs, is_place, covered, strict=True)
        if not place or known or _MOVING_TO.search(text[: max(text.find(run[0]), 0)])
    ]


def _less_places_left(
    text: str, runs: list[tuple[str, tuple[str, ...]]], gazetteer: frozenset[str]
) -> list[tuple[str, tuple[str, ...]]]:
    """ "im moving back to shenyang after like five years in shanghai and um ... how much would i get":
    where the asker has been is background when the same message names a place they are moving to."""

    def before(name: str) -> str:
        return text[: max(text.find(name), 0)]

    left = [name for name, _ in runs if _LEFT_BEHIND.search(before(name))]
    going = [
        name
        for name, stems in runs
        if name not in left and _is_place(name, stems, gazetteer) and _MOVING_TO.search(before(name))
    ]
    if not going or not left:
        return runs
    return [run for run in runs if run[0] not in left]


# "after five years in Shanghai", "I've been working in Shanghai", "back from Shanghai", "leaving Beijing"
_LEFT_BEHIND = re.compile(
    r"(?:\b(?:after|for)\s+(?:like\s+|about\s+|over\s+|nearly\s+|almost\s+|some\s+)?"
    r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|several|many|a\s+few)\s+years?"
    r"(?:\s+of\s+\w+)?\s+(?:in|at)"
    r"|\b(?:have|'ve|has|had)\s+(?:been\s+)?(?:work|liv|stud)\w*\s+in"
    r"|\b(?:back\s+from|left|leaving|leave)"
    r")\s+(?:the\s+)?$",
    re.IGNORECASE,
)


# "... thinking of settling in Sichuan", "an offer from a firm in Chengdu", "deciding between Tai'an and
# Chengdu": where the asker may go ("our investors are in Shanghai" is where they are, not where we go)
_MOVING_TO = re.compile(
    r"\b(?:mov\w*|relocat\w*|settl\w*|com(?:e|ing)|go(?:ing)?|join\w*|transfer\w*|offer\w*|hir\w*|prepar\w*|"
    r"plan\w*|thinking|consider\w*|start\w*|open\w*|invest(?:s|ed|ing|ment)?|apply\w*|buy\w*|"
    r"work (?:for|at|in)|decid\w*|choos\w*|compar\w*|weigh\w*|between)\b"
    r"[^.;!?]{0,50}$",
    re.IGNORECASE,
)


def _compared_with(text: str, name: str) -> bool:
    """The name is what the question compares with (", like Tai'an", "unlike Shanghai's"), not what it
    asks about."""
    compared = rf"{COMPARED_WITH}(?:in\s+|the\s+)?{re.escape(name)}"
    return bool(re.search(compared, text, re.IGNORECASE))


def _people_from(text: str, name: str) -> bool:
    """The name, a province-level region, says where people come from: "Hong Kong and Macao high-end
    talents", "Taiwan residents" (not "Lanzhou flexible talent introduction")."""
    found = Gazetteer.load().find(name)
    if not found or any(place.level != "province" for _, place in found):
        return False
    others = r"(?:\s*(?:,|and|or|&)\s*[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*)*"
    pattern = rf"\b{re.escape(name)}{others}\s+(?:\|\s*)?(?:{_ORIGIN_ADJECTIVES}\s+)?{_PEOPLE_NOUNS}"
    return re.search(pattern, text) is not None


_ORIGIN_ADJECTIVES = r"(?:high-end|high-level|top|permanent|young|skilled|overseas)"
_PEOPLE_NOUNS = (
    r"(?:talents|residents?|people|professionals|experts|graduates|students|youths|compatriots|"
    r"nationals|citizens|applicants)\b"
)


def _studied_at(text: str, name: str) -> bool:
    """The name is an institution the text says someone is at or from ("a master's at Tongji University")."""
    if not _names_institution(name):
        return False
    return re.search(rf"\b(?:at|from|of|in)\s+(?:the\s+)?{re.escape(name)}", text) is not None


def _names_institution(name: str) -> bool:
    """The name ends in an institution's word: "Zhejiang University", "Harbin Institute"."""
    return bool(set(terms(name.split()[-1])) & _INSTITUTIONS)


def _named_words(text: str, places: list[tuple[str, ...]]) -> list[str]:
    """The words of a text that belong to its named phrases, with a number just before one (the
    "1,000" of "the '1,000 Talent Plan'")."""
    named = {t for p in places for t in p}
    found = list(_WORD.finditer(text))
    words = [m.group() for m in found]
    # (not a reference number: "ticket #97050 — Haicang District")
    numbered = [
        w[:1].isdigit() and not text[: m.start()].endswith("#") for w, m in zip(words, found, strict=True)
    ]
    return [
        w
        for i, w in enumerate(words)
        if set(terms(w)) & named or (numbered[i] and i + 1 < len(words) and set(terms(words[i + 1])) & named)
    ]


def _joined(text: str, names: list[str]) -> tuple[str, ...]:
    pairs = []
    for left, right in itertools.pairwise(names):
        if re.search(re.escape(left) + r"\s+and\s+" + re.escape(right), text):
            pairs.append(f"{left.split()[-1]} and {right.split()[0]}".lower())
    return tuple(pairs)


_FIRST_PERSON = re.compile(r"^\W*(?:I|I'm|I’m|I've|I’ve|I'd|I’d|My|Me|We|We're|We’re|Our)\b")


def _as_places(text: str) -> str:
    """The Chinese places typed in lower case or as separate syllables, written as names."""
    return places_in_capitals(syllables_joined(text))


def _focus_terms(text: str, places: list[tuple[str, ...]]) -> list[str]:
    named = {t for p in places for t in p}
    seen: list[str] = []
    for term in terms(text):
        if term not in named and term not in _GENERIC and term not in seen:
            seen.append(term)
    return seen


def place_spellings(names: Iterable[str]) -> dict[str, str]:
    """How the corpus spells the words of its place names that have a hyphen or an apostrophe, by
    their letters: "lingang" -> "Lin-gang", "taian" -> "Tai'an"."""
    out: dict[str, str] = {}
    gazetteer = Gazetteer.load()
    for name in names:
        for word in _WORD.findall(name):
            if _POSSESSIVE.search(word):
                continue
            # and the names the gazetteer knows ("Kunming"), so that a name mistyped is known (respelt)
            known = len(word) >= _TYPO_MIN and any(written == word for written, _ in gazetteer.find(word))
            if re.search(r"[-'’]", word.strip("'’-")) or known:
                out.setdefault(re.sub(r"[^a-z]", "", word.lower()), word)
    return out


_TYPO_MIN = 5  # letters of the shortest place name a typo of which is mended: "Jilin"


def _mistyped(word: str, spellings: Mapping[str, str]) -> str | None:
    """The corpus's place name a capitalised word is a typo of ("Kunmig": Kunming), one letter added,
    dropped, changed or swapped; None when the word is a place or an English word itself, or could be a
    typo of more than one."""
    letters = word.lower()
    if len(letters) < _TYPO_MIN:
        return None
    near = {w for known, w in spellings.items() if len(known) >= _TYPO_MIN and _one_edit(letters, known)}
    if len(near) != 1 or Gazetteer.load().find(word) or letters in Dictionary.load().english_words:
        return None  # (the dictionary is loaded only for a word one letter from a place's name)
    return near.pop()


def _one_edit(a: str, b: str) -> bool:
    """a and b differ by one letter added, dropped, changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    start = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    if len(a) == len(b):
        swapped = a[start : start + 2] == b[start : start + 2][::-1]
        return a[start + 1 :] == b[start + 1 :] or (swapped and a[start + 2 :] == b[start + 2 :])
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[start + 1 :] == shorter[start:]


_POSSESSIVE = re.compile(r"['’]s$")


def respelt(text: str, spellings: Mapping[str, str]) -> str:
    """A question with its place names spelt as the corpus spells them: "Lingang" (a dictionary's
    pinyin, or the asker's) is the corpus's "Lin-gang", "Taian's" its "Tai'an's"."""
    if not spellings:
        return text

    def spell(match: re.Match[str]) -> str:
        word = match.group()
        possessive = _POSSESSIVE.search(word)
        bare = word[: possessive.start()] if possessive else word
        written = spellings.get(re.sub(r"[^a-z]", "", bare.lower()))
        if written is None and bare[:1].isupper():
            written = _mistyped(bare, spellings)  # "Kunmig FTZ": Kunming
        # "lingang settlement allowance": a corpus place typed in lower case is that place too
        if written is None or not (bare[:1].isupper() or len(bare) >= 5):
            return word
        return written + (possessive.group() if possessive else "")

    return _WORD.sub(spell, text)


def understand(
    turns: list[str],
    gazetteer: frozenset[str] = frozenset(),
    read: Reader | None = None,
    synonyms: Mapping[str, tuple[str, ...]] = SYNONYM_TERMS,
    spellings: Mapping[str, str] | None = None,
) -> Query:
    """Resolve the last turn against the earlier ones and pick out what it asks.

    read: how a turn holding Chinese becomes English (default: the packaged glossary and CC-CEDICT);
    synonyms: a question's term -> the article terms that also answer it (the corpus's, if it has its own);
    spellings: how the corpus spells its hyphenated place names (place_spellings).
    """
    # "1) What is the rent subsidy? 2) How long is it paid?", "①补贴多少?②年龄上限?": each item a sentence
    turns = [items_apart(t) for t in turns]
    question = turns[-1]
    read = read or Translator.for_corpus(None).translate
    unglossed = [without_glosses(t) for t in turns]  # "Zunyi (遵义)" names one place, once
    # "A colleague says Liuzhou pays 1,500 yuan a month - is that right?": how much Liuzhou pays
    claim = claim_as_question(unglossed[-1])
    if claim:
        question = unglossed[-1] = claim
    translations = [read(t) if has_cjk(t) else Translation(t) for t in unglossed]
    read_out = [spelt_out(pinyin_terms_read(t.text)) for t in translations]  # "pls", "butie"
    english = [respelt(_as_places(t), spellings or {}) for t in read_out]
    last = english[-1]
    # "liuzhou rent butie is 800. how much ...": typed in lower case, though its places are now capitals
    lower_case = [t.lstrip()[:1].islower() for t in read_out]
    # "finishing a master's at Zhejiang University": where the asker studies says who asks, not where
    runs = [run for run in _named_runs(last, gazetteer) if not _studied_at(last, run[0])]
    runs = [piece for run in runs for piece in _at_provinces(run)]
    # "Does Tianjin Binhai give Hong Kong and Macao talents a tax subsidy?": where people come from is no
    # place asked about, where another is
    # "... three years, like Tai'an?", "Unlike Shanghai, does Xiamen ...?": nor is a place compared with
    aside = [run for run in runs if _people_from(last, run[0]) or _compared_with(last, run[0])]
    if any(run not in aside and _is_place(run[0], run[1], gazetteer) for run in runs):
        runs = [run for run in runs if run not in aside]
    # A Chinese place name is a place even where its English name is not read as one ("She County").
    named = {t for _, stems in runs for t in stems}
    for place in (respelt(p, spellings or {}) for p in translations[-1].places):
        stems = tuple(terms(place, keep_stopwords=True))
        if stems and not set(terms(place)) <= named:
            runs.append((place, stems))
    runs += _quoted_names(last, runs)
    runs += _numbered_names(last, runs)
    runs = _asked_about(last, runs, gazetteer, lower_case[-1])
    places = [t for _, t in runs]
    names = [w for w, _ in runs]
    focus = _focus_terms(last, places)
    carried: list[str] = []
    parts = parts_of(last, translations[-1].source, lower_case[-1])
    # "And for someone with a master's?": names a group of people but no topic of its own. Nor does
    # "And if I'm instead a new undergraduate who graduated less than two years ago?", nor "My
    # colleague finished his bachelor's last year - what can he get?" after a question about a place:
    # a follow-up that names no benefit and nothing to measure keeps the earlier turn's topic.
    # Nor does "How big are they?": a measure word is what it asks, not what about.
    topic = [t for t in focus if t not in GROUP_TERMS and t not in _MEASURE_WORDS]
    own_subject = any(p.asks or p.kinds for p in parts)
    asks_what_one_gets = all(p.benefit and not p.kinds and not p.asks for p in parts)  # "what can he get?"
    if not own_subject and (_FOLLOW_UP.match(last) or (len(turns) > 1 and not places and asks_what_one_gets)):
        topic = []
    # "And the caller has a master's, she's 29 with a Xiamen hukou - how much for her?": the words of the
    # asker's situation are no topic; a follow-up asking of none of its own keeps the earlier turn's
    asked = {t for p in parts for t in p.focus}
    if len(turns) > 1 and not any(t in asked for t in topic):
        topic = []
    follow_up = len(turns) > 1 and (
        bool(_FOLLOW_UP.match(last)) or not places or not topic or bool(_PRONOUN.search(last))
    )
    if follow_up:
        for earlier, typed_lower in zip(reversed(english[:-1]), reversed(lower_case[:-1]), strict=True):
            # the earlier turn's places as it asked them: "my father lives in Qiqihar" was no question
            earlier_runs = _asked_about(earlier, _named_runs(earlier, gazetteer), gazetteer, typed_lower)
            earlier_places = [stems for _, stems in earlier_runs]
            # "And what can the leaders selected under the '10 Talent Plan' receive?": a programme's name is
            # no place of its own; the place is the earlier turn's
            if all(_PROGRAMME.search(written) for written, _ in runs) and earlier_places:
                places = [*earlier_places, *places]
                names = [*(written for written, _ in earlier_runs), *names]
                carried.append(" ".join(_named_words(earlier, earlier_places)))
            if not topic:
                focus = [*_focus_terms(earlier, earlier_places), *focus]
                topic = focus
                carried.append(earlier)
            if places and topic:
                break
    if follow_up:
        earlier_parts = parts_of(english[-2], translations[-2].source, lower_case[-2])
        parts = tuple(following(p, earlier_parts[0]) for p in parts)
    glossed = translations[-1].alternatives
    spelt = spelling_alternatives(" ".join([last, *carried]))
    alternatives = {
        t: tuple(dict.fromkeys((*synonyms.get(t, ()), *glossed.get(t, ()), *spelt.get(t, ()))))
        for t in focus
        if t in synonyms or t in glossed or t in spelt
    }
    search_text = " ".join([last, *carried])
    return Query(
        question=question,
        search_text=search_text,
        focus=tuple(focus),
        alternatives=alternatives,
        places=tuple(places),
        place_names=tuple(names),
        multi=bool(_MULTI.search(last)),
        joined=_joined(last, names),
        injection=any(_INJECTION.search(t) for t in turns),
        wants=_answer_type(question),
        carried=tuple(carried),
        parts=parts,
        places_known=tuple(_is_place(n, p, gazetteer) for n, p in zip(names, places, strict=True)),
        reading=last,
        earlier=tuple(english[:-1]),
    )

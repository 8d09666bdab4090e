"""What a question asks, part by part, and whether a sentence answers a part.

Word overlap cannot tell "a rental subsidy of 5,000 yuan per month" from the home-purchase subsidy a
question asks about, nor a total paid out from what one person gets. A question is split into the parts
it asks ("the monthly rent subsidy", "and for how long"), and each part is read for what kind of answer
it wants (an amount, a count, a duration, an age, a percentage, a date, a score), which benefit it is
about (rent, purchase, living, settlement ...), which group of people (PhD holders, Grade C talents),
and per which period. A sentence answers a part only when it holds that kind of answer, names that
benefit and that group (or a wider group that includes it), and gives no other period. The vocabulary
is data: assistant/data/answer_types.json.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

from assistant.language.glossary import SYNONYM_TERMS
from assistant.language.places import Gazetteer
from assistant.text import split_sentences, terms

_QUESTION_START = re.compile(
    r"^\s*(?:and\s+|but\s+|also\s+|so\s+|then\s+)?(?:how|what|what's|when|where|which|who|whose|whom|why|is|are|"
    r"was|were|does|do|did|can|could|will|would|should|may|might|has|have|tell|list|name|give|show|"
    r"compare|explain|describe|walk|please|any|in which|for how|on what|under what|什么|哪|多少|怎么|如何)\b",
    re.IGNORECASE,
)
# "..., and how long ...": a second question joined to the first.
_JOINED_QUESTION = re.compile(  # not "or": "online, or does someone have to go in person?" is one question
    r"\s*(?:,\s*|;\s*|\s)(?:and|but|also|plus)\s+(?=(?:(?:by|in|on|at|for|from|until|to|under|with|over|after|within|during|through)\s+)?"
    r"(?:how|what|what's|when|where|which|who|whose|is|are|"
    r"does|do|did|can|could|will|would|should|for how|for what)\b)|\s*;\s*",
    re.IGNORECASE,
)
# A clause with one of these verbs and no question word states something: "X says ...", "I'm a PhD".
_STATES = re.compile(
    r"\b(?:says?|said|claims?|claimed|reports?|reported|states?|stated|announced|mentions?|mentioned|"
    r"is|are|was|were|has|have|had|offers?|gives?|pays?|provides?|i'm|i am|i've|we're|we are)\b",
    re.IGNORECASE,
)
_ASKING_WORD = re.compile(
    r"\b(?:how|what|what's|when|where|which|who|whose|whom|why)\b|[?？]|什么|哪|多少|怎么|如何", re.IGNORECASE
)
_PRONOUN_ONLY = re.compile(r"\b(?:it|its|they|them|their|this|that|these|those|there|one)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Vocabulary:
    """The answer-type vocabulary, compiled once."""

    asks: dict[str, re.Pattern[str]]
    asks_chinese: dict[str, re.Pattern[str]]  # the same, for a question asked in Chinese
    answers: dict[str, re.Pattern[str]]
    benefits: frozenset[str]
    kinds: dict[str, frozenset[str]]  # canonical kind -> its words
    housing: frozenset[str]
    groups: dict[str, tuple[int | None, re.Pattern[str]]]  # group -> (degree rank, pattern)
    or_above: re.Pattern[str]
    periods: dict[str, re.Pattern[str]]
    units: dict[str, re.Pattern[str]]
    aggregate: re.Pattern[str]
    multipliers: frozenset[str]  # "30 million yuan": words between a figure and its unit
    measure_units: frozenset[str]  # a figure before one of these measures, it does not count
    measure_before: frozenset[str]  # nor a figure after one of these ("No. 3", "May 15", "yuan 500")
    contrasts: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]  # opposite qualifiers: online, in person
    priced: dict[str, re.Pattern[str]]  # what an amount is of when no benefit: rent, price, salary
    place_kinds: frozenset[str]  # "which countries": named by a place, not by a name holding the word
    name_words: dict[str, tuple[str, ...]]  # "which companies": names ending "Co., Ltd." or "Group"

    @classmethod
    @cache
    def load(cls) -> Vocabulary:
        """The bundled vocabulary (package data)."""
        raw: dict[str, Any] = json.loads(
            resources.files("assistant").joinpath("data", "answer_types.json").read_text(encoding="utf-8")
        )

        def compile_all(patterns: dict[str, str]) -> dict[str, re.Pattern[str]]:
            return {k: re.compile(v, re.IGNORECASE) for k, v in patterns.items()}

        def words(items: list[str]) -> re.Pattern[str]:
            alternatives = "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))
            return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)

        names = raw["entities"]["names"]  # "offices": "departments" spells a kind with another's words
        return cls(
            asks=compile_all(raw["asks"]),
            asks_chinese=compile_all(raw["asks_chinese"]),
            answers=compile_all(raw["answers"]),
            benefits=frozenset(w.lower() for w in raw["benefits"]),
            kinds={k: frozenset(w.lower() for w in v) for k, v in raw["kinds"].items()},
            housing=frozenset(w.lower() for w in raw["housing"]),
            groups={k: (v.get("rank"), words(v["words"])) for k, v in raw["groups"].items()},
            or_above=re.compile(raw["or_above"], re.IGNORECASE),
            periods=compile_all(raw["periods"]),
            units=compile_all(raw["units"]),
            aggregate=re.compile(raw["aggregate"], re.IGNORECASE),
            multipliers=frozenset(w.lower() for w in raw["measures"]["multipliers"]),
            measure_units=frozenset(w.lower() for w in raw["measures"]["units"]),
            measure_before=frozenset(w.lower() for w in raw["measures"]["before"]),
            contrasts=tuple((words(a), words(b)) for a, b in raw["contrasts"]["pairs"]),
            place_kinds=frozenset(raw["entities"]["places"]),
            name_words={k: tuple(names[v] if isinstance(v, str) else v) for k, v in names.items()},
            priced={k: words(v) for k, v in raw["priced"].items() if not k.startswith("_")},
        )


_TOKEN = re.compile(r"[a-z][a-z'’&.-]*[a-z]|[a-z]|\d[\d,.]*|[\u3400-\u9fff]+", re.IGNORECASE)


def _tokens(text: str) -> list[str]:
    return [t.lower().replace("’", "'").rstrip(".") for t in _TOKEN.findall(text)]


@dataclass(frozen=True)
class Part:
    """One thing a question asks."""

    text: str  # the clause as asked
    asks: str | None = None  # amount, count, duration, age, percent, score, date; None: a description
    kinds: frozenset[str] = frozenset()  # benefit kinds named beside a benefit word: rent, purchase ...
    benefit: bool = False  # asks about a subsidy, allowance, grant ...
    groups: frozenset[str] = frozenset()  # the people asked about: doctor, master, grade_c ...
    period: str | None = None  # "month" or "year" when the amount is asked per month or per year
    unit: str | None = None  # "year" when a duration is asked in years ("how many years")
    aggregate: bool = False  # asks for a total ("in total", "altogether")
    counted: tuple[str, ...] = ()  # what "how many" counts, or the kind "which banks" names, as terms
    measured: tuple[str, ...] = ()  # which rate a percentage is asked of: "interest rate" -> ("interest",)
    sides: tuple[tuple[int, int], ...] = ()  # (contrast pair, side) the clause names: "in person"
    years: frozenset[str] = frozenset()  # the years the clause names: "in 2019"
    ordinals: frozenset[tuple[str, str]] = frozenset()  # ("second", "batch") for "the second batch"
    known: frozenset[str] = (
        frozenset()
    )  # the places the question names (lower case): not an answer to "which"
    focus: tuple[str, ...] = field(default=(), compare=False)  # the clause's own terms
    original: str = field(default="", compare=False)  # the Chinese clause text translates, if any

    @property
    def topical(self) -> bool:
        """True when the clause names a topic of its own, not only "it" or a question word."""
        return bool(self.focus) or self.benefit


def _kinds(text: str, vocabulary: Vocabulary, amount: bool) -> tuple[frozenset[str], bool]:
    """The benefit kinds a clause names: the words before a benefit word ("first-home purchase
    subsidy") or after its preposition ("help with rent"). A clause asking "how much" names its kind
    anywhere ("How much subsidy ... for buying a first home?", "how much ... each month towards rent")."""
    tokens = _tokens(text)
    benefits = [i for i, t in enumerate(tokens) if t in vocabulary.benefits]
    if not benefits:
        return frozenset(), False
    near: list[str] = []
    for i in benefits:
        near.extend(tokens[max(0, i - 3) : i])
        if i + 1 < len(tokens) and tokens[i + 1] in ("for", "with", "on", "towards", "toward"):
            near.extend(tokens[i + 2 : i + 4])
    kinds = kinds_in(" ".join(near), vocabulary)
    if not kinds and amount:
        kinds = kinds_in(text, vocabulary)
    benefit = any(tokens[i] != "help" for i in benefits)
    return kinds, benefit


def kinds_in(text: str, vocabulary: Vocabulary | None = None) -> frozenset[str]:
    """The benefit kinds a text names (housing words as "housing")."""
    vocabulary = vocabulary or Vocabulary.load()
    tokens = set(_tokens(text))
    tokens |= {piece for t in list(tokens) for piece in re.split(r"[-/]", t)}
    found = {kind for kind, words in vocabulary.kinds.items() if tokens & words}
    if tokens & vocabulary.housing:
        found.add("housing")
    return frozenset(found)


def groups_in(text: str, vocabulary: Vocabulary | None = None) -> frozenset[str]:
    """The groups of people a text names."""
    vocabulary = vocabulary or Vocabulary.load()
    return frozenset(g for g, (_, pattern) in vocabulary.groups.items() if pattern.search(text))


# Words that end the noun phrase after "how many": "how many users have signed up".
_NOT_COUNTED = frozenset(
    (
        "have", "has", "had", "did", "does", "do", "is", "are", "was", "were", "will", "would", "can",
        "could", "should", "came", "come", "went", "got", "get", "in", "on", "at", "of", "for", "to",
        "from", "by", "with", "that", "who", "which", "there", "here", "this",
        # verbs after the noun counted: "how many staff work at them"
        "work", "live", "stay", "apply", "join", "receive", "attend", "participate", "take", "use",
        "enjoy", "need", "want", "settle", "move", "return", "study", "serve", "remain", "benefit",
    )
)  # fmt: skip


def _entity(text: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    """The kind of thing "which banks" asks to be named, as written in the plural."""
    match = vocabulary.asks["entity"].search(text)
    if not match:
        return ()
    kind = match.group(1).lower()
    if kind.endswith("y"):  # "which city" asks as "which cities" does
        kind = kind[:-1] + "ies"
    elif not kind.endswith("s"):
        kind += "s"
    return (kind,)


def _names_one(kind: tuple[str, ...], sentence: str, vocabulary: Vocabulary, known: frozenset[str]) -> bool:
    """Does the sentence name a thing of this kind: "Bank of Hangzhou" for banks, "Japan" for countries?
    known: the places and things the question itself names, which are not the answer ("which banks
    take part in the Talent Service Bank?" is not answered by "the Talent Service Bank 2.0")."""
    if not kind:
        return True
    if kind[0] in vocabulary.place_kinds:
        return any(place.name not in known for _, place in Gazetteer.load().find(sentence))
    asked = [set(_NAME_WORD.findall(k)) for k in known]
    return any(not any(set(_NAME_WORD.findall(n)) <= a for a in asked) for n in kind_names(kind, sentence))


_NAME_WORD = re.compile(r"[A-Z][\w&.-]*[\w&]|[A-Z]")


def kind_names(kind: tuple[str, ...], text: str, vocabulary: Vocabulary | None = None) -> list[str]:
    """The names of things of a kind that the text holds: "Bank of Hangzhou", "China Merchants Bank"."""
    vocabulary = vocabulary or Vocabulary.load()
    if not kind or kind[0] in vocabulary.place_kinds:
        return []
    singular = re.sub(r"ies$", "y", kind[0]) if kind[0].endswith("ies") else kind[0].removesuffix("s")
    words = vocabulary.name_words.get(kind[0], (singular.capitalize(),))
    word = "|".join(re.escape(w) for w in words)
    name = rf"(?:[A-Z][\w&'’.-]*,?\s+){{1,6}}(?:{word})(?![a-z])|\b(?:{word}) of (?:[A-Z][\w'’-]*\s*)+"
    return [m.group().strip() for m in re.finditer(name, text)]


def counted_words(question: str) -> str:
    """What "how many" counts, as written: "how many skilled workers did" -> "skilled workers";
    "how many school-enterprise and enterprise-village projects were signed" -> "... projects"."""
    match = re.search(r"\b(?:how many|number of)\s+([a-z'’,\s-]+)", question, re.IGNORECASE)
    if not match:
        return ""
    phrase = match.group(1)
    if "," in phrase and not re.search(r",[^,]*\band\b", phrase):
        phrase = phrase.split(",")[0]  # a comma ends it unless it lists nouns: "A, B and C projects"
    words: list[str] = []
    for word in phrase.split():
        if word.lower() in _NOT_COUNTED:
            break
        words.append(word)
    return " ".join(words[-4:]).strip(",")


def _counted(question: str) -> tuple[str, ...]:
    """What "how many" counts, as terms, its head noun last."""
    return tuple(terms(counted_words(question)))


def rate_words(text: str) -> str:
    """Which rate a clause asks for, as written: "at what interest rate" -> "interest rate"."""
    match = _RATE.search(text)
    if not match:
        return ""
    words = [w for w in match.group(0).split() if w.lower() not in _NOT_A_MODIFIER_WORDS]
    return " ".join(words) if len(words) > 1 else ""


def read_part(text: str, context: str = "", original: str = "") -> Part:
    """What one clause asks; context holds the question's statements ("I'm a PhD ..."), original the
    question as asked when text is its English reading (a Chinese question)."""
    vocabulary = Vocabulary.load()
    asks = next((kind for kind, pattern in vocabulary.asks_chinese.items() if pattern.search(original)), None)
    chinese = asks
    asks = asks or next((kind for kind, pattern in vocabulary.asks.items() if pattern.search(text)), None)
    kinds, benefit = _kinds(text, vocabulary, asks == "amount")
    if original and not chinese and asks == "count":
        # 多少 with no measure word is read "how many"; about a benefit ("博士每月能拿多少") it asks how much
        asks = "amount" if (benefit or kinds) else None
        kinds, benefit = _kinds(text, vocabulary, asks == "amount")
    unit = None
    if asks == "duration":
        unit_match = re.search(r"\bhow many (years|months|days|weeks)\b", text, re.IGNORECASE)
        unit = unit_match.group(1).lower().rstrip("s") if unit_match else None
    period = next((p for p, pattern in vocabulary.periods.items() if pattern.search(text)), None)
    counted = _counted(text) if asks == "count" else _entity(text, vocabulary) if asks == "entity" else ()
    if asks == "amount" and not benefit and not kinds:
        # "What's the monthly rent for the apartments?": an amount of rent, not a subsidy or a cost
        named = [k for k in vocabulary.priced if re.search(rf"\b{k}s?\b", text, re.IGNORECASE)]
        counted = tuple(named[:1])
    return Part(
        text=text.strip(),
        asks=asks,
        kinds=kinds,
        benefit=benefit,
        groups=groups_in(f"{context} {text}", vocabulary),
        period=period,
        unit=unit,
        aggregate=bool(vocabulary.aggregate.search(text)),
        ordinals=ordinals_in(text),
        counted=counted,
        measured=_measured(text) if asks == "percent" else (),
        sides=sides_in(text, vocabulary),
        # a translated question's relative years may be a dictionary's gloss ("五年内": within five years)
        years=frozenset(_YEAR.findall(text)) if original else years_in(text),
        focus=tuple(terms(_PRONOUN_ONLY.sub(" ", text))),
        original=original.strip(),
    )


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_PERCENT = re.compile(r"\d[\d.]*\s*(?:%|percent\b|per cent\b)|\bhalf\b", re.IGNORECASE)
# Years said relative to now: "last year", "the year before" (the same year whichever way it is said).
_RELATIVE_YEARS = {
    "this year": re.compile(r"\b(?:this|the current) year\b", re.IGNORECASE),
    "last year": re.compile(r"\b(?:last|past) year\b(?! (?:and|or) )", re.IGNORECASE),
    "the year before": re.compile(
        r"\b(?:the )?year before(?: last)?\b|\b(?:previous|preceding|prior) year\b|\btwo years ago\b",
        re.IGNORECASE,
    ),
    "next year": re.compile(r"\b(?:next|coming|following) year\b", re.IGNORECASE),
}


def years_in(text: str) -> frozenset[str]:
    """The years a text names: "2019", and "last year" or "the year before" as such."""
    named = set(_YEAR.findall(text))
    named |= {phrase for phrase, pattern in _RELATIVE_YEARS.items() if pattern.search(text)}
    return frozenset(named)


_RATE = re.compile(r"\b((?:[a-z-]+\s+)?[a-z][a-z-]+)\s+rates?\b", re.IGNORECASE)
_NOT_A_MODIFIER_WORDS = frozenset(
    re.findall(
        r"\w+",
        "what which the a an its their this that his her our my your whose any each total overall actual "
        "average annual current",
    )
)
_NOT_A_MODIFIER = frozenset(terms(" ".join(_NOT_A_MODIFIER_WORDS), keep_stopwords=True))


def _measured(text: str) -> tuple[str, ...]:
    """The word that says which rate is asked: "at what interest rate" -> ("interest",)."""
    match = _RATE.search(text)
    if not match:
        return ()
    return tuple(t for t in terms(match.group(1), keep_stopwords=True) if t not in _NOT_A_MODIFIER)


_ORDINAL = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|[4-9]th|10th)\s+"
    r"([a-z][a-z-]*)",
    re.IGNORECASE,
)
_ORDINAL_DIGITS = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth", "5th": "fifth"}


def ordinals_in(text: str) -> frozenset[tuple[str, str]]:
    """The ordinals a text gives things: "the second batch" -> ("second", "batch")."""
    found = set()
    for match in _ORDINAL.finditer(text):
        noun = terms(match.group(2))
        if noun:
            ordinal = match.group(1).lower()
            found.add((_ORDINAL_DIGITS.get(ordinal, ordinal), noun[0]))
    return frozenset(found)


def sides_in(text: str, vocabulary: Vocabulary | None = None) -> tuple[tuple[int, int], ...]:
    """The sides of opposite qualifiers a text names: (pair, 0) for "online", (pair, 1) for "in person"."""
    vocabulary = vocabulary or Vocabulary.load()
    return tuple(
        (pair, side)
        for pair, patterns in enumerate(vocabulary.contrasts)
        for side, pattern in enumerate(patterns)
        if pattern.search(text)
    )


def split_question(question: str) -> tuple[list[str], str]:
    """The question's clauses that ask something, and its statements (the asker's situation)."""
    clauses: list[str] = []
    statements: list[str] = []
    for sentence in split_sentences(question.strip()):
        asking = sentence.rstrip().endswith(("?", "？")) or bool(_QUESTION_START.match(sentence))
        if not asking:
            statements.append(sentence)
            continue
        pieces = [p.strip() for p in _JOINED_QUESTION.split(sentence) if p and p.strip(" ,;?")]
        # "Heilongjiang says more graduates are staying, but what is the number?": the premise is
        # said, not asked.
        while (
            len(pieces) > 1
            and not _ASKING_WORD.search(pieces[0])
            and not _QUESTION_START.match(pieces[0])  # "Does the card have an age limit, and ...?"
            and _STATES.search(pieces[0])
        ):
            statements.append(pieces.pop(0))
        clauses.extend(pieces)
    if not clauses:  # an instruction or a statement alone ("Housing subsidies in Wuhu."): one part
        return [question.strip()], ""
    return clauses, " ".join(statements)


_QUESTION_WORDS = frozenset(
    terms(
        "how much many long big large what which when where who whose is are was were does do did can "
        "could will would there any it its they them this that about and or also plus so then exactly "
        "actually roughly total",
        keep_stopwords=True,
    )
)


def parts_of(question: str, original: str = "") -> tuple[Part, ...]:
    """The parts of a question, each read for what it asks (original: the Chinese it translates).

    A clause with no topic of its own ("..., and how much?") adds what it asks to the clause before.
    """
    if original:
        return _named_places(_translated_parts(question, original), question)
    clauses, context = split_question(question)
    merged: list[str] = []
    for clause in clauses:
        own = [t for t in terms(clause, keep_stopwords=True) if t not in _QUESTION_WORDS]
        if merged and not own:
            merged[-1] = f"{merged[-1]}, {clause}"
        else:
            merged.append(clause)
    return _named_places(tuple(read_part(clause, context) for clause in merged), question)


def _named_places(parts: tuple[Part, ...], question: str) -> tuple[Part, ...]:
    """ "When is the X Week, and in which city is it held?": a place the question names is no answer
    (parts_of sets each "which" part's known places here, from the whole question)."""
    if not any(p.asks == "entity" for p in parts):
        return parts
    places = {place.name: place for _, place in Gazetteer.load().find(question)}
    # "Lanzhou ... outside Gansu": Gansu holds Lanzhou, so one place is asked about, not two to choose from
    leaves = {name for name in places if not any(p.parent == name for p in places.values())}
    return tuple(
        _entity_part(p, frozenset(places) | frozenset(kind_names(p.counted, question)), len(leaves))
        if p.asks == "entity"
        else p
        for p in parts
    )


_COMPARING = re.compile(
    r"\b(?:more|less|better|worse|higher|lower|larger|bigger|most|least|best|cheaper)\b", re.I
)


def _entity_part(part: Part, named: frozenset[str], choices: int) -> Part:
    """ "Which city pays more?" chooses among the places named: it is not asking for one to be named."""
    places = part.counted[:1] and part.counted[0] in Vocabulary.load().place_kinds
    # "Which regions offer young talents subsidies?" names no place: the articles' own places answer.
    if _COMPARING.search(part.text) or (places and (choices > 1 or not named)):
        return replace(part, asks=None, counted=(), known=frozenset())
    return replace(part, known=named)


def _translated_parts(question: str, original: str) -> tuple[Part, ...]:
    """A translated question's parts: one per question (?) the Chinese and the English both end, each
    read with its Chinese; one part when they do not line up."""
    english = [c for c in re.split(r"(?<=[?？])", question) if c.strip()]
    chinese = [c for c in re.split(r"(?<=[?？])", original) if c.strip()]
    if len(english) != len(chinese) or len(english) < 2:
        return (read_part(question, "", original),)
    merged: list[tuple[str, str]] = []
    for clause, source in zip(english, chinese, strict=True):
        own = [t for t in terms(clause, keep_stopwords=True) if t not in _QUESTION_WORDS]
        if merged and not own:
            merged[-1] = (f"{merged[-1][0]} {clause}", f"{merged[-1][1]}{source}")
        else:
            merged.append((clause, source))
    return tuple(read_part(clause, "", source) for clause, source in merged)


@dataclass(frozen=True)
class Fit:
    """Whether a sentence answers a part, and if not, why."""

    ok: bool
    why: str = ""


def _degree_ok(asked: str, sentence: str, vocabulary: Vocabulary) -> bool:
    """A sentence about a lower degree 'or above' also covers a higher one."""
    rank, _ = vocabulary.groups[asked]
    if rank is None or not vocabulary.or_above.search(sentence):
        return False
    for group in groups_in(sentence, vocabulary):
        lower = vocabulary.groups[group][0]
        if lower is not None and lower <= rank:
            return True
    return False


def fits(part: Part, sentence: str, context: str = "", lede: str = "", year: int | None = None) -> Fit:
    """Does this sentence answer the part? context: the sentences just before it in its paragraph;
    lede: the article's title and first sentence, which name the benefit a whole article is about;
    year: the article's year, which says what its "last year" was."""
    vocabulary = Vocabulary.load()
    if part.asks:
        answer = vocabulary.answers[part.asks]
        # "When is the loan interest-free?" - "for the first two years": a period answers "when" too.
        timed = part.asks == "date" and vocabulary.answers["duration"].search(sentence)
        stated = sentence
        if part.asks in ("date", "deadline"):
            # "When is the window for the first 2023 batch?" is not answered by "... batch in 2023"
            for asked_year in (y for y in part.years if y[:1].isdigit()):
                stated = re.sub(rf"\b{asked_year}\b", " ", stated)
        if not answer.search(stated) and not timed:
            return Fit(False, f"holds no {part.asks}")
        if part.asks == "count" and not count_figures(sentence):
            return Fit(False, "holds no count, only amounts, dates or measures")
        if part.unit and not vocabulary.units[part.unit].search(sentence):
            return Fit(False, f"gives no duration in {part.unit}s")
        if part.counted and part.asks == "count" and not _counts(part.counted, sentence):
            return Fit(False, "counts something else")
        if part.asks == "amount" and part.counted and not vocabulary.priced[part.counted[0]].search(sentence):
            return Fit(False, f"gives no {part.counted[0]}")
        if part.asks == "entity" and not _names_one(part.counted, sentence, vocabulary, part.known):
            return Fit(False, f"names no {' '.join(part.counted)}")
        if part.measured and not any(
            set(part.measured) <= set(terms(_own_clause(sentence, m.group())))
            for m in _PERCENT.finditer(sentence)
        ):
            return Fit(False, "gives another rate")  # "net inflow rate ... increased by 35%"
    if part.years:
        # Years and relative years ("last year") are compared each with their own kind.
        said = years_in(sentence)
        if year is not None:  # "last year" in a 2024 article is 2023
            offsets = {"this year": 0, "last year": -1, "next year": 1}
            said = said | {str(year + offsets[y]) for y in said if y in offsets}
        for relative in (False, True):
            asked = {y for y in part.years if (not y[:1].isdigit()) == relative}
            given = {y for y in said if (not y[:1].isdigit()) == relative}
            if asked and given and not asked & given:
                return Fit(False, "is about another year")
    if part.ordinals:
        # "When does the second batch open?" is not answered by the first batch's date.
        said_ordinals = ordinals_in(sentence)
        for noun in {n for _, n in part.ordinals}:
            asked_for = {o for o, n in part.ordinals if n == noun}
            given_for = {o for o, n in said_ordinals if n == noun}
            if given_for and not asked_for & given_for:
                return Fit(False, f"is about another {noun}")
    if part.sides:
        named_sides = sides_in(sentence, vocabulary)
        both = {pair for pair, side in part.sides if (pair, 1 - side) in part.sides}
        if any(not any(p == pair for p, _ in named_sides) for pair in both):
            return Fit(False, "says neither of the two asked about")  # "online or in person?"
        for pair, side in part.sides:
            if (
                (pair, 1 - side) in named_sides
                and (pair, side) not in named_sides
                and (pair, 1 - side) not in part.sides
            ):
                return Fit(False, "is about the opposite case")
    if part.asks == "amount" and not part.aggregate and vocabulary.aggregate.search(sentence):
        return Fit(False, "gives a total paid out, not what one applicant gets")
    if part.benefit and part.kinds:
        specific = part.kinds - {"housing"}
        wanted = specific or {"housing", "rent", "purchase"}
        named = kinds_in(sentence, vocabulary)
        if not named & wanted:
            # "Subsidies are set at three levels ... 80,000 yuan": the benefit is named just before.
            conflicting = named - wanted - {"housing"}
            if conflicting or not (kinds_in(context, vocabulary) | kinds_in(lede, vocabulary)) & wanted:
                return Fit(False, f"is not about the {'/'.join(sorted(wanted))} benefit")
    if part.period and part.asks in ("amount", None):
        other = [
            p for p, pattern in vocabulary.periods.items() if p != part.period and pattern.search(sentence)
        ]
        if other and not vocabulary.periods[part.period].search(sentence):
            return Fit(False, f"gives the amount per {other[0]}, not per {part.period}")
    if part.groups:
        named = groups_in(sentence, vocabulary) or groups_in(context, vocabulary)
        # "Can the holder's spouse use them?" is about spouses; "a PhD couple" about PhD holders
        wanted = {g for g in part.groups if g != "couple"} or set(part.groups)
        if any(vocabulary.groups[g][0] is not None for g in wanted):
            wanted.discard("graduate")  # "PhD graduates": the degree is what the answer must name
        if "couple" in part.groups and "couple" in named:
            wanted = set()  # "Couples can enjoy a maximum of 400000 yuan" answers a couple of graduates
        if wanted and not (wanted & named) and not any(_degree_ok(g, sentence, vocabulary) for g in wanted):
            return Fit(False, "is about other people" if named else "does not say it applies to them")
    return Fit(True)


_PEOPLE = frozenset(
    terms(
        "people persons person individuals talents talent professionals graduates experts workers "
        "personnel staff students applicants residents scholars scientists researchers"
    )
)


_NUMBER_WORD = re.compile(
    r"^(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|hundred|hundreds|thousand|thousands|dozens?|million|millions)$",
    re.IGNORECASE,
)


def _counts(counted: tuple[str, ...], sentence: str) -> bool:
    """The head noun counted and a figure (not a year, an amount or a date) in the sentence; for another
    word for people (persons for people), a figure within five words with no preposition between:
    "2257 persons", "skilled personnel reached 825,000"; not "six major areas for key talent"."""
    if not counted:
        return True
    words = _words(sentence)
    stems = [terms(w)[:1] for w in words]
    counts = set(_count_positions(words))
    while len(counted) > 1 and counted[-1] in _GENERIC_HEADS:
        counted = counted[:-1]  # "how many 'dry goods' items": the goods are counted
    head = counted[-1]
    # "job openings": posts; words for people are matched near a figure, below
    heads = {head, *(SYNONYM_TERMS.get(head, ()) if head not in _PEOPLE else ())}
    wanted = heads | (_PEOPLE if head in _PEOPLE else set())
    if any(stem and stem[0] in heads for stem in stems) and any(
        _counts_nothing_after(words, j) for j in counts
    ):
        return True  # "the demand for talents in key industries ... will exceed 90,000"
    for i, stem in enumerate(stems):
        if not stem or stem[0] not in wanted:
            continue
        if stem[0] != head and _modifies_next(words, i):
            continue  # "12 rural talent stations" counts stations
        reach = 7 if stem[0] == head else 5  # "120 domestic and international high-quality talent projects"
        for j in range(max(0, i - reach), min(len(words), i + reach + 1)):
            between = words[min(i, j) + 1 : max(i, j)]
            # no preposition between ("16 sessions on talent work"), nor a clause break ("talent
            # work, and set up 7 teams")
            crossed = words[min(i, j) : max(i, j)]
            if (
                j in counts
                and not any(w.lower() in _PREPOSITIONS for w in between)
                and not any(w.endswith((",", ";")) for w in crossed)
            ):
                return True
    return False


_GENERIC_HEADS = frozenset(terms("items things pieces kinds types sorts"))
_PREPOSITIONS = frozenset(("for", "of", "in", "on", "at", "with", "to", "from", "by", "into", "per", "among"))


def _modifies_next(words: list[str], i: int) -> bool:
    """A singular word before a plural noun describes it: "talent stations", "talent liaison stations"."""
    if i + 1 >= len(words) or words[i].lower().endswith("s") or not words[i][-1:].isalnum():
        return False  # a plural, or a word a comma or full stop ends, describes nothing after it
    for after in (w.rstrip(".,;:") for w in words[i + 1 : i + 3]):
        if not after.isalpha() or after.lower() in _PREPOSITIONS or after.lower() in ("and", "or", "the"):
            return False
        if after.endswith("s") and after.lower() not in ("is", "was", "has", "does"):
            return terms(after)[:1] != terms(words[i])[:1]
    return False


def _counts_nothing_after(words: list[str], j: int) -> bool:
    """A figure not followed by a noun of its own ("will exceed 90,000 this year"), so it may count
    the sentence's subject; "12 rural talent stations" counts stations."""
    if j + 1 >= len(words) or words[j].endswith((",", ".")):
        return True
    after = words[j + 1].lower()
    return (
        not after[:1].isalpha()
        or after in _PREPOSITIONS
        or after in ("and", "or", "than", "this", "last", "so")
    )


def _words(sentence: str) -> list[str]:
    return re.findall(r"[\w,.%'’$¥/-]+", sentence)


def _count_positions(words: list[str]) -> list[int]:
    """Where the words hold a count: a figure that is not a year, an amount, a measure or a date."""
    vocabulary = Vocabulary.load()
    bare = [w.rstrip(".,").lower() for w in words]
    counts: dict[int, bool] = {}  # figure position -> counts something
    for j, word in enumerate(bare):
        if not _NUMBER_WORD.match(word) or re.fullmatch(r"(?:19|20)\d\d", word):
            continue
        k = j + 1
        while k < len(bare) and bare[k] in vocabulary.multipliers:
            k += 1
        after = bare[k] if k < len(bare) else ""
        counts[j] = not (
            word.endswith("%")
            or (re.fullmatch(r"\d+\.\d+", word) is not None and k == j + 1)  # "2.0", "31.7"
            or word.startswith(("$", "¥"))
            or (j and bare[j - 1] in vocabulary.measure_before)  # "No. 3", "May 15", "RMB 500"
            or (j > 1 and bare[j - 1] == "of" and bare[j - 2] in vocabulary.measure_before)  # "age of 45"
            or after in vocabulary.measure_units  # "10,000 yuan", "30 million yuan", "5 years"
            or after.split("/")[0] in vocabulary.measure_units
        )
    # A range is one measure: "November 21 to 22", "10,000 to 20,000 yuan".
    for j in sorted(counts):
        if j + 2 in counts and bare[j + 1] in _RANGE and not (counts[j] and counts[j + 2]):
            counts[j] = counts[j + 2] = False
    return [j for j, counting in sorted(counts.items()) if counting]


_RANGE = frozenset(("to", "-", "–", "and", "or"))


def count_figures(sentence: str) -> list[str]:
    """The figures of a sentence that count people or things (not years, amounts, measures or dates)."""
    words = _words(sentence)
    return [words[j] for j in _count_positions(words)]


def following(part: Part, earlier: Part) -> Part:
    """A follow-up part ("And for a master's?") keeps what the earlier one asked, for its own group."""
    if part.kinds or (part.benefit and part.asks):
        return part
    return Part(
        text=part.text,
        asks=part.asks or earlier.asks,
        kinds=earlier.kinds,
        benefit=part.benefit or earlier.benefit,
        groups=part.groups or earlier.groups,
        period=part.period or earlier.period,
        unit=part.unit or (earlier.unit if not part.asks else None),
        aggregate=part.aggregate,
        counted=part.counted or (earlier.counted if not part.asks else ()),
        measured=part.measured or (earlier.measured if not part.asks else ()),
        sides=part.sides or earlier.sides,
        years=part.years or earlier.years,
        ordinals=part.ordinals or earlier.ordinals,
        focus=part.focus,
        original=part.original,
    )


GROUP_TERMS = frozenset(
    terms(
        "phd phds doctor doctors doctoral doctorate master masters postgraduate bachelor bachelors "
        "undergraduate undergraduates graduate graduates junior college diploma degree degrees level holder "
        "holders someone somebody person people only grade class category couple married spouse student "
        "students fresh new young talent talents hold holds holding possess possesses qualified only"
    )
)


# Where one sentence holds several figures, each belongs to its own clause: "... 800 thousand RMB of
# house buying subsidy or 3000 RMB / month of house renting subsidy"; "... 30 million yuan, first-class
# scientists ... 100 million yuan, while outstanding graduates ... 10,000 yuan".
_CLAUSE_BREAK = re.compile(
    r"\s*[;；]\s*|,\s*(?:while|whereas|but|and)\s+|,\s+|\s+or\s+|\s+and\s+(?=(?:a|an|the|those|other)\s)",
    re.IGNORECASE,
)
_FIGURE_IN = re.compile(r"\d")


def clause_of(sentence: str, written: str) -> tuple[str, str]:
    """The clause of a sentence that a figure belongs to, and the text before that clause.

    Clauses without a figure join the clause after them (the subject before its amount). In a
    "respectively" list the n-th figure belongs to the n-th group of people named.
    """
    if re.search(r"\brespectively\b", sentence, re.IGNORECASE):
        bound = _respectively(sentence, written)
        if bound is not None:
            return bound
    # "(3) Grade C talent: ... it can apply for ...": the label names the people of every clause.
    label_match = re.match(r"^\s*([^:：]{1,40})[:：]\s*", sentence)
    label = label_match.group(1) if label_match else ""
    body = sentence[label_match.end() :] if label_match else sentence
    pieces = _CLAUSE_BREAK.split(body)
    clauses: list[str] = []
    pending = ""
    for piece in pieces:
        text = f"{pending} {piece}".strip() if pending else piece
        if _FIGURE_IN.search(piece):
            clauses.append(text)
            pending = ""
        else:
            pending = text
    if pending:
        if clauses:
            clauses[-1] = f"{clauses[-1]} {pending}"
        else:
            clauses.append(pending)
    before = label
    for clause in clauses:
        if written in clause:
            return f"{label} {clause}".strip(), before
        before = f"{before} {clause}".strip()
    return sentence, ""


def _own_clause(sentence: str, written: str) -> str:
    """The clause holding a figure with the figure-less clauses just before it, and none after:
    "..., the number of students increased by 35% ..., and the net inflow rate ranks first"."""
    pieces = _CLAUSE_BREAK.split(sentence)
    for k, piece in enumerate(pieces):
        if written in piece:
            start = k
            while start > 0 and not _FIGURE_IN.search(pieces[start - 1]):
                start -= 1
            return " ".join(pieces[start : k + 1])
    return sentence


def _respectively(sentence: str, written: str) -> tuple[str, str] | None:
    vocabulary = Vocabulary.load()
    named: list[tuple[int, str, str]] = []
    for group, (rank, pattern) in vocabulary.groups.items():
        if rank is None and not group.startswith("grade"):
            continue  # "graduates" and "couples" are not the items of such a list
        named.extend((m.start(), group, m.group()) for m in pattern.finditer(sentence))
    named.sort()
    amounts = [m.group() for m in re.finditer(r"\d[\d,.]*", sentence)]
    if not named or len(named) != len(amounts) or written not in amounts:
        return None
    _, _, words = named[amounts.index(written)]
    return f"{words} {written}", sentence

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
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from assistant.text import split_sentences, terms

_QUESTION_START = re.compile(
    r"^\s*(?:and\s+|but\s+|also\s+|so\s+|then\s+)?(?:how|what|what's|when|where|which|who|whose|whom|why|is|are|"
    r"was|were|does|do|did|can|could|will|would|should|may|might|has|have|tell|list|name|give|show|"
    r"compare|explain|describe|walk|please|any|in which|for how|on what|under what|什么|哪|多少|怎么|如何)\b",
    re.IGNORECASE,
)
# "..., and how long ...": a second question joined to the first.
_JOINED_QUESTION = re.compile(
    r"\s*(?:,\s*|;\s*|\s)(?:and|but|also|plus|or)\s+(?=(?:(?:by|in|on|at|for|from|until|to|under|with)\s+)?"
    r"(?:how|what|what's|when|where|which|who|whose|is|are|"
    r"does|do|did|can|could|will|would|should|for how|for what)\b)|\s*;\s*",
    re.IGNORECASE,
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
    counted: tuple[str, ...] = ()  # what "how many" counts, as terms
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
    )
)  # fmt: skip


def _counted(question: str) -> tuple[str, ...]:
    """What "how many" counts, as terms, its head noun last: "how many highly skilled workers did"."""
    match = re.search(r"\b(?:how many|number of)\s+((?:[a-z'’-]+\s+){0,3}[a-z'’-]+)", question, re.IGNORECASE)
    if not match:
        return ()
    words: list[str] = []
    for word in match.group(1).split():
        if word.lower() in _NOT_COUNTED:
            break
        words.append(word)
    return tuple(terms(" ".join(words)))


def read_part(text: str, context: str = "", original: str = "") -> Part:
    """What one clause asks; context holds the question's statements ("I'm a PhD ..."), original the
    question as asked when text is its English reading (a Chinese question)."""
    vocabulary = Vocabulary.load()
    asks = next((kind for kind, pattern in vocabulary.asks_chinese.items() if pattern.search(original)), None)
    asks = asks or next((kind for kind, pattern in vocabulary.asks.items() if pattern.search(text)), None)
    kinds, benefit = _kinds(text, vocabulary, asks == "amount")
    unit = None
    if asks == "duration":
        unit_match = re.search(r"\bhow many (years|months|days|weeks)\b", text, re.IGNORECASE)
        unit = unit_match.group(1).lower().rstrip("s") if unit_match else None
    period = next((p for p, pattern in vocabulary.periods.items() if pattern.search(text)), None)
    counted = _counted(text) if asks == "count" else ()
    return Part(
        text=text.strip(),
        asks=asks,
        kinds=kinds,
        benefit=benefit,
        groups=groups_in(f"{context} {text}", vocabulary),
        period=period,
        unit=unit,
        aggregate=bool(vocabulary.aggregate.search(text)),
        counted=counted,
        focus=tuple(terms(_PRONOUN_ONLY.sub(" ", text))),
        original=original.strip(),
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
        pieces = [p for p in _JOINED_QUESTION.split(sentence) if p and p.strip(" ,;?")]
        clauses.extend(p.strip() for p in pieces)
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
        return _translated_parts(question, original)
    clauses, context = split_question(question)
    merged: list[str] = []
    for clause in clauses:
        own = [t for t in terms(clause, keep_stopwords=True) if t not in _QUESTION_WORDS]
        if merged and not own:
            merged[-1] = f"{merged[-1]}, {clause}"
        else:
            merged.append(clause)
    return tuple(read_part(clause, context) for clause in merged)


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


def fits(part: Part, sentence: str, context: str = "") -> Fit:
    """Does this sentence answer the part? context: the sentences just before it in its paragraph."""
    vocabulary = Vocabulary.load()
    if part.asks:
        answer = vocabulary.answers[part.asks]
        # "When is the loan interest-free?" - "for the first two years": a period answers "when" too.
        timed = part.asks == "date" and vocabulary.answers["duration"].search(sentence)
        if not answer.search(sentence) and not timed:
            return Fit(False, f"holds no {part.asks}")
        if part.unit and not vocabulary.units[part.unit].search(sentence):
            return Fit(False, f"gives no duration in {part.unit}s")
        if part.counted and part.asks == "count" and not _counts(part.counted, sentence):
            return Fit(False, "counts something else")
    if part.asks == "amount" and not part.aggregate and vocabulary.aggregate.search(sentence):
        return Fit(False, "gives a total paid out, not what one applicant gets")
    if part.benefit and part.kinds:
        specific = part.kinds - {"housing"}
        wanted = specific or {"housing", "rent", "purchase"}
        named = kinds_in(sentence, vocabulary)
        if not named & wanted:
            # "Subsidies are set at three levels ... 80,000 yuan": the benefit is named just before.
            conflicting = named - wanted - {"housing"}
            if conflicting or not kinds_in(context, vocabulary) & wanted:
                return Fit(False, f"is not about the {'/'.join(sorted(wanted))} benefit")
    if part.period and part.asks in ("amount", None):
        other = [
            p for p, pattern in vocabulary.periods.items() if p != part.period and pattern.search(sentence)
        ]
        if other and not vocabulary.periods[part.period].search(sentence):
            return Fit(False, f"gives the amount per {other[0]}, not per {part.period}")
    if part.groups:
        named = groups_in(sentence, vocabulary) or groups_in(context, vocabulary)
        wanted = {g for g in part.groups if g != "couple"}
        if any(vocabulary.groups[g][0] is not None for g in wanted):
            wanted.discard("graduate")  # "PhD graduates": the degree is what the answer must name
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
    """The head noun counted and a figure (not a year, not a percentage) in the sentence; for another
    word for people (persons for people), a figure within five words with no preposition between:
    "2257 persons", "skilled personnel reached 825,000"; not "six major areas for key talent"."""
    if not counted:
        return True
    words = re.findall(r"[\w,.%'’-]+", sentence)
    stems = [terms(w)[:1] for w in words]
    head = counted[-1]
    wanted = {head} | (_PEOPLE if head in _PEOPLE else set())
    if any(stem and stem[0] == head for stem in stems) and any(_is_count(w) for w in words):
        return True  # "the demand for talents in key industries ... will exceed 90,000"
    for i, stem in enumerate(stems):
        if not stem or stem[0] not in wanted:
            continue
        reach = 7 if stem[0] == head else 5  # "120 domestic and international high-quality talent projects"
        for j in range(max(0, i - reach), min(len(words), i + reach + 1)):
            between = words[min(i, j) + 1 : max(i, j)]
            if _is_count(words[j]) and not any(w.lower() in _PREPOSITIONS for w in between):
                return True
    return False


_PREPOSITIONS = frozenset(("for", "of", "in", "on", "at", "with", "to", "from", "by", "into", "per", "among"))


def _is_count(word: str) -> bool:
    word = word.rstrip(".,")
    return bool(_NUMBER_WORD.match(word)) and not re.fullmatch(r"(?:19|20)\d\d", word)


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

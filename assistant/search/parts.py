"""What a question asks, part by part.

Word overlap cannot tell "a rental subsidy of 5,000 yuan per month" from the home-purchase subsidy a
question asks about, nor a total paid out from what one person gets. A question is split into the parts
it asks ("the monthly rent subsidy", "and for how long"), and each part is read for what kind of answer
it wants (an amount, a count, a duration, an age, a percentage, a date, a score), which benefit it is
about (rent, purchase, living, settlement ...), which group of people (PhD holders, Grade C talents),
and per which period. Whether a sentence answers a part is fits.py; what a "how many" counts is
counting.py; the vocabulary is data (assistant/data/answer_types.json, read by answer_types.py).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from assistant.language.dictionary import Dictionary
from assistant.language.places import Gazetteer
from assistant.search.answer_types import Vocabulary, word_tokens
from assistant.search.counting import counted_nouns
from assistant.search.entities import entity_kinds, kind_names, of_kind
from assistant.search.question_clauses import (
    ASKING_CHINESE,
    asks_in_words,
    has_question_word,
    split_question,
)
from assistant.text import terms

_PRONOUN_ONLY = re.compile(r"\b(?:it|its|they|them|their|this|that|these|those|there|one)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Part:
    """One thing a question asks."""

    text: str  # the clause as asked
    asks: str | None = None  # amount, count, duration, age, percent, score, date; None: a description
    kinds: frozenset[str] = frozenset()  # benefit kinds named beside a benefit word: rent, purchase ...
    benefit: bool = False  # asks about a subsidy, allowance, grant ...
    groups: frozenset[str] = frozenset()  # the people asked about: doctor, master, grade_c ...
    # of those, the ones only the asker's statements name ("I'm a PhD. What is the tax subsidy?"): a
    # sentence naming nobody in particular applies to them
    asker: frozenset[str] = field(default=frozenset(), compare=False)
    age: int | None = None  # the age of whom it asks about, stated ("I'm 43", "a 43-year-old doctor")
    period: str | None = None  # "month" or "year" when the amount is asked per month or per year
    unit: str | None = None  # "year" when a duration is asked in years ("how many years")
    aggregate: bool = False  # asks for a total ("in total", "altogether")
    totalled: bool = False  # asks what was paid out in all ("the total paid out"): not one applicant's
    bounded: bool = False  # asks for an upper limit ("is there a cap"): a bound answers, not a level
    minimum: bool = False  # asks a minimum: how long one must have done something ("how many months ...
    # do I need"), the score needed ("how many points do I need"), not the points something earns
    achieved: bool = False  # asks what was done ("has it actually selected"): a target does not answer
    # the question states the amount of what it asks about ("How is the 6 million yuan paid?", "My colleague
    # says it pays 10,000 yuan in three instalments. How is it paid?"): how much is then no answer
    states_amount: bool = False
    excluded: frozenset[str] = frozenset()  # people the question leaves out: "ordinary (not top) talents"
    counted: tuple[str, ...] = ()  # what "how many" counts, or the kind "which banks" names, as terms
    each: tuple[str, ...] = ()  # what an amount is asked for one of ("each project", "per talent"), as terms
    measured: tuple[str, ...] = ()  # which rate a percentage is asked of: "interest rate" -> ("interest",)
    sides: tuple[tuple[int, int], ...] = ()  # (contrast pair, side) the clause names: "in person"
    years: frozenset[str] = frozenset()  # the years the clause names: "in 2019"
    by_end: str | None = None  # "by the end of 2018": a figure as it stood then, not earlier
    ordinals: frozenset[tuple[str, str]] = frozenset()  # ("second", "batch") for "the second batch"
    known: frozenset[str] = (
        frozenset()
    )  # the places the question names (lower case): not an answer to "which"
    focus: tuple[str, ...] = field(default=(), compare=False)  # the clause's own terms
    original: str = field(default="", compare=False)  # the Chinese clause text translates, if any
    context: str = field(default="", compare=False)  # the question's statements ("Chun'an got 12 talents.")
    # asked by a user, however typed ("tai'an phd allowance paid by employer or government"), not a claim
    # of an answer the guard reads as a part
    question: bool = field(default=False, compare=False)

    @property
    def both_sides(self) -> bool:
        """The part asks which of two opposite sides holds ("one-off or in instalments?")."""
        return any((pair, 1 - side) in self.sides for pair, side in self.sides)

    @property
    def topical(self) -> bool:
        """True when the clause names a topic of its own, not only "it" or a question word."""
        return bool(self.focus) or self.benefit


_BEFORE_A_VERB = frozenset((
    "to", "must", "should", "will", "would", "can", "could", "may", "might", "i", "we", "you", "they", "he",
    "she", "it", "do", "does", "did", "not", "also", "still",
))  # fmt: skip


# People who pay a price rather than receive pay: "would a tenant pay", "does a talent pay".
_PAYERS = frozenset((
    "tenant", "tenants", "renter", "renters", "buyer", "buyers", "applicant", "applicants", "talent",
    "talents",
    "resident", "residents", "people", "person", "someone", "one", "employee", "employees", "holder",
    "holders", "student", "students", "parents", "family", "families", "foreigners", "expert", "experts",
))  # fmt: skip
_PAYING = _BEFORE_A_VERB | _PAYERS


def _kinds(text: str, vocabulary: Vocabulary, amount: bool) -> tuple[frozenset[str], bool]:
    """The benefit kinds a clause names: the words before a benefit word ("first-home purchase
    subsidy") or after its preposition ("help with rent"). A clause asking "how much" names its kind
    anywhere ("How much subsidy ... for buying a first home?", "how much ... each month towards rent").
    The people named are no benefit: "project teams" is no research subsidy."""
    tokens = word_tokens(without_people(text, vocabulary))
    benefits = [
        i
        for i, t in enumerate(tokens)
        if t in vocabulary.benefits and not (t == "pay" and i > 0 and tokens[i - 1] in _PAYING)
    ]  # "do they have to pay social insurance?", "what rent would a tenant pay?": to pay, not pay one gets
    # (but "does Liuzhou pay talents who buy a home?" asks what the city pays them)
    if not benefits:
        return frozenset(), False
    near: list[str] = []
    for i in benefits:
        near.extend(tokens[max(0, i - 3) : i])
        if i + 1 < len(tokens) and tokens[i + 1] in ("for", "with", "on", "towards", "toward"):
            near.extend(tokens[i + 2 : i + 4])
    kinds = kinds_in(" ".join(near), vocabulary)
    if not kinds and amount:
        kinds = kinds_in(" ".join(tokens), vocabulary)
    elif kinds == {"housing"}:
        # "the housing subsidy for a newly introduced talent buying their first home": which housing
        # benefit it is may be said further on in the clause.
        kinds |= kinds_in(" ".join(tokens), vocabulary) & {"rent", "purchase"}
    benefit = any(tokens[i] != "help" for i in benefits)
    return kinds, benefit


def kinds_in(text: str, vocabulary: Vocabulary | None = None) -> frozenset[str]:
    """The benefit kinds a text names (housing words as "housing")."""
    vocabulary = vocabulary or Vocabulary.load()
    tokens = set(word_tokens(text))
    tokens |= {piece for t in list(tokens) for piece in re.split(r"[-/]", t)}
    found = {kind for kind, words in vocabulary.kinds.items() if tokens & words}
    if tokens & vocabulary.housing:
        found.add("housing")
    return frozenset(found)


def without_people(text: str, vocabulary: Vocabulary | None = None) -> str:
    """The text with the groups of people it names left out: "graduates of secondary vocational schools
    get a housing subsidy" names a housing benefit, not a training or education one."""
    vocabulary = vocabulary or Vocabulary.load()
    for _, pattern in vocabulary.groups.values():
        text = pattern.sub(" ", text)
    return text


def groups_in(text: str, vocabulary: Vocabulary | None = None) -> frozenset[str]:
    """The groups of people a text names."""
    vocabulary = vocabulary or Vocabulary.load()
    text = _PERMIT_CLASS.sub(" ", text)  # "holding a Class A work permit" is no Grade A talent
    return frozenset(g for g, (_, pattern) in vocabulary.groups.items() if pattern.search(text))


# the class of a permit or visa ("a Class A work permit", "Work Permit (Class A)"), not a grade of people
_PERMIT_CLASS = re.compile(
    r"\b(?:grade|class|category|type)\s+[a-e]\s+(?:(?:foreigner|foreign|work)\s+){0,2}(?:permits?|visas?)\b"
    r"|\b(?:permits?|visas?)\s*\(?\s*(?:grade|class|category|type)\s+[a-e]\b\s*\)?",
    re.IGNORECASE,
)


def rate_words(text: str) -> str:
    """Which rate a clause asks for, as written: "at what interest rate" -> "interest rate"."""
    match = _RATE.search(text)
    if not match:
        return ""
    words = [w for w in match.group(0).split() if w.lower() not in _NOT_A_MODIFIER_WORDS]
    return " ".join(words) if len(words) > 1 else ""


# "How many <things> ...": a question opening by counting asks a count, whatever dates it names after
_OPENS_COUNTING = re.compile(
    r"^\W*(?:(?:and|but|so|then)\s+)?how many\s+(?!(?:years?|months?|weeks?|days?|times?)\b)", re.IGNORECASE
)


def read_part(text: str, context: str = "", original: str = "") -> Part:
    """What one clause asks; context holds the question's statements ("I'm a PhD ..."), original the
    question as asked when text is its English reading (a Chinese question)."""
    vocabulary = Vocabulary.load()
    # "Besides the 10,000 yuan resettlement subsidy, is there a rent subsidy?": what the asker already
    # knows names no benefit or people asked about.
    asked = re.sub(r"[()\s]+", " ", _ASIDE.sub(" ", text))
    asks = next((kind for kind, pattern in vocabulary.asks_chinese.items() if pattern.search(original)), None)
    chinese = asks
    asks = asks or next((kind for kind, pattern in vocabulary.asks.items() if pattern.search(text)), None)
    if asks in ("date", "deadline") and _OPENS_COUNTING.match(text):
        asks = "count"  # "How many foreign talents applied during the declaration window?": not when
    period = next((p for p, pattern in vocabulary.periods.items() if pattern.search(text)), None)
    kinds, benefit = _kinds(asked, vocabulary, asks == "amount")
    if not kinds and asks in ("amount", None) and (_RECEIVED.search(asked) or _PAYS_HOW_MUCH.search(asked)):
        # "What's the most we can get for buying a home?": what one gets for buying (or renting) is a
        # purchase (or rent) subsidy, though no benefit word names it
        bought = kinds_in(without_people(asked, vocabulary), vocabulary) & {"rent", "purchase"}
        if _BUYS_A_HOME.search(asked):  # "how much will Liuzhou give her if she later buys her first home?"
            bought |= {"purchase"}
        if bought:
            kinds, benefit = bought | {"housing"}, True
    if asks == "amount" and not kinds and not benefit and context and not terms(asked):
        # "A Grade A talent can take either a house buying subsidy or a monthly renting subsidy. How much
        # is each?": the amounts of the benefits just named
        kinds, benefit = _kinds(context, vocabulary, True)
    refers_back = _REFERS_BACK.search(text) or _REFERS_BACK_CHINESE.search(original)
    if benefit and not kinds and context and refers_back:
        # "Liuzhou gives doctors a living allowance of 1,500 a month. How many months can they get that
        # allowance?": the benefit just named
        kinds = kinds_in(without_people(context, vocabulary), vocabulary)
    if asks == "duration" and not (kinds or benefit) and context and _PRONOUN_ONLY.search(asked):
        # "She knows masters get 1,000 yuan a month living allowance. For how many months does Liuzhou
        # keep paying it?": how long the benefit the statements name is paid
        said = kinds_in(without_people(context, vocabulary), vocabulary)
        kinds, benefit = (said, True) if said else (kinds, benefit)
    if kinds == {"housing"} and context:
        # "I'm buying my first home. How much housing subsidy will I get?": the purchase subsidy
        kinds |= kinds_in(context, vocabulary) & {"rent", "purchase"}
    benefit = benefit or (asks is None and bool(vocabulary.asks_given.search(asked)))
    money = period or _CASH.search(asked)  # "what cash housing subsidy will they get?"
    if asks is None and (benefit or _priced(asked, vocabulary)) and money and _WHAT.match(asked):
        # "What's the monthly rental allowance ...?", "What one-off subsidy is there?", "what monthly rent
        # would a tenant pay?": how much it is
        asks = "amount"
        kinds, benefit = _kinds(asked, vocabulary, True)
    amounts = list(vocabulary.answers["amount"].finditer(text))
    compared = [m for m in amounts if compared_to(text, m.start(), vocabulary)]
    # "Do entrepreneurs in the 100 Talent Plan also get up to 1 million yuan?": whether they get it is told
    # by how much they get
    gets_an_amount = not benefit and bool(_GETS_AN_AMOUNT.search(asked))
    if asks is None and ((benefit and compared) or gets_an_amount):
        # "Can a couple get more than 400,000 yuan in purchase subsidy?", "is it above 20,000 yuan a
        # month?": whether it is more is told by how much it is
        asks = "amount"
        kinds, benefit = _kinds(asked, vocabulary, True)
    if original and not chinese and asks == "count":
        # 多少 with no measure word is read "how many"; about a benefit ("博士每月能拿多少") or a price
        # ("人才公寓每月租金是多少": the rent) it asks how much
        # ... and before an English noun ("计划引进多少 talents") it counts that noun
        counted_noun = "count" if re.search(r"多少\s*[A-Za-z]", original) else None
        asks = "amount" if (benefit or kinds or _priced(text, vocabulary)) else counted_noun
        kinds, benefit = _kinds(asked, vocabulary, asks == "amount")
    # "if not buying a home, choosing the rental subsidy, how much a month?": the rent subsidy is asked
    refused = kinds_in(" ".join(_NOT_THAT.findall(asked)), vocabulary) - {"housing"}
    if kinds - refused - {"housing"}:
        kinds = kinds - refused
    groups, asker = _asked_groups(asked, context, vocabulary)
    if not groups and _PEOPLE_BEFORE.search(asked):
        # "My wife and our two children live with me. Are they covered by my application?": the family the
        # statements name is who the clause asks about
        groups = groups_in(context, vocabulary) & _FAMILY
    if not (benefit or kinds or asks) or asks == "count":
        # "I hold a master's. Which industries does Chun'an focus on?": who asks narrows what they get,
        # not what the article says of anything else; nor how many posts there are for graduates
        groups, asker = groups - asker, frozenset()
    minimum_asked = vocabulary.minimum_duration["asks"]  # "how long must I have paid in?", "需要满几个月"
    unit = None
    if asks == "duration":
        unit_match = _UNIT_ASKED.search(text)
        unit = unit_match.group(1).lower() if unit_match else None
    counted = (
        counted_nouns(text) if asks == "count" else entity_kinds(text, vocabulary) if asks == "entity" else ()
    )
    if asks == "amount" and not benefit and not kinds:
        # "What's the monthly rent for the apartments?": an amount of rent, not a subsidy or a cost
        counted = _priced(text, vocabulary)[:1]
    elif asks == "amount":
        # "Is there a salary cap for the purchase subsidy?": a limit on a salary, whatever it is for
        limited = (m.group(1) or m.group(2) for m in _LIMITED.finditer(text))
        words = (x.lower().removesuffix("s") for x in limited)
        counted = tuple(w for w in words if w in vocabulary.priced)[:1]
    return Part(
        text=text.strip(),
        asks=asks,
        kinds=kinds,
        benefit=benefit,
        # "I'm finishing a junior college diploma, not a bachelor's": the statements leave people out too
        groups=groups,
        asker=asker,
        age=_stated_age(asked, context, vocabulary),
        excluded=groups_in(" ".join(m.group(1) for m in _NEGATED.finditer(f"{context} {asked}")), vocabulary),
        period=period,
        unit=unit,
        aggregate=bool(vocabulary.aggregate.search(text)),
        totalled=(
            bool(vocabulary.totalled.search(f"{text} {original}"))
            and not vocabulary.one_receiver.search(text)
        ),
        bounded=asks == "amount" and bool(vocabulary.bounds["asks"].search(text)),
        minimum=(asks == "duration" and bool(minimum_asked.search(f"{text} {original}")))
        or (asks == "score" and bool(vocabulary.score_threshold["asks"].search(text))),
        achieved=asks in ("count", "amount") and _asks_what_was_done(text, vocabulary),
        # a clause naming no benefit or people of its own asks about the statements' ("... how is it paid?")
        states_amount=len(compared) < len(amounts)
        or (not (benefit or kinds or groups) and bool(vocabulary.answers["amount"].search(context))),
        ordinals=_ordinals_asked(text),
        counted=counted,
        each=_each_of(text, original) if asks == "amount" else (),
        measured=_measured(text) if asks == "percent" else (),
        sides=_sides_asked(text, original, vocabulary) if asks is None else sides_in(text, vocabulary),
        # a translated question's relative years may be a dictionary's gloss ("五年内": within five years)
        years=frozenset(_YEAR.findall(text)) if original else years_in(text),
        by_end=_by_end(text) if asks in ("count", "amount") else None,
        focus=tuple(terms(_PRONOUN_ONLY.sub(" ", _AGE_SAID.sub(" ", text)))),
        original=original.strip(),
        context=context.strip(),
    )


# "I'm a returning PhD. What is the maximum living subsidy for introduced talents there?": a clause
# that names its own people, in general, asks about them; the asker's statement says who asks.
_FOR_EVERYONE = re.compile(
    r"\b(?:for|to) (?:the |all |any |every )?(?:[\w-]+ )?(?:talents|applicants|people|persons|individuals)\b"
    r"|\b(?:for|to) everyone\b",
    re.IGNORECASE,
)


def compared_to(text: str, start: int, vocabulary: Vocabulary | None = None) -> bool:
    """Whether the figure at start is one the text compares with ("more than 400,000 yuan", "超过500元"),
    not the figure of what it names."""
    vocabulary = vocabulary or Vocabulary.load()
    return bool(vocabulary.cues["compared_to"].search(text[max(0, start - 30) : start]))


def _asked_groups(asked: str, context: str, vocabulary: Vocabulary) -> tuple[frozenset[str], frozenset[str]]:
    """The people a clause asks about, narrowed by what the asker says of themselves; and of those, the
    ones only the asker's statements name.

    "I'm a PhD. How much rent subsidy do graduates get?" asks for a PhD; but a clause naming its own
    people ("does a Grade D talent get", "for introduced talents") is about them, not about the
    "Grade C" the asker mentioned, and the asker's family ("my parents live in Quanzhou", "my husband
    works in Hong Kong") is not who asks, unless the question speaks for them too ("can we get").
    """
    own = groups_in(_NEGATED.sub(" ", asked), vocabulary)
    if _FAMILY_OF.search(asked) and own & _FAMILY:
        return own & _FAMILY, frozenset()  # "can the parents of a foreign expert get the R visa?"
    if _FOR_EVERYONE.search(asked) or own - {"graduate"}:
        return own, frozenset()
    said = groups_in(_NEGATED.sub(" ", context), vocabulary) - {"parent", "child"}
    if not _SPEAKS_FOR_TWO.search(asked):
        said -= {"couple"}
    return own | said, said - own


def _stated_age(asked: str, context: str, vocabulary: Vocabulary) -> int | None:
    """The one adult age the clause, or else the asker's statements, give of whom it asks about ("I'm 43 -
    ... Do doctors my age still get it?"); not the asker's own when the clause asks about someone else
    ("I'm 45; what would my daughter get?"), nor another's when it asks for the asker alone."""
    pattern = vocabulary.age_bounds["stated"]

    def ages(text: str) -> dict[int, str]:
        found = ((m, next(g for g in m.groups() if g)) for m in pattern.finditer(text))
        return {int(age): m.group() for m, age in found if 18 <= int(age) <= 75}

    own = ages(asked)
    if own:
        return next(iter(own)) if len(own) == 1 else None
    said = ages(context)
    if len(said) != 1:
        return None
    age, phrase = next(iter(said.items()))
    speaks_of_another = bool(_ANOTHER_PERSON.search(asked))
    if _FIRST_PERSON_AGE.match(phrase) and speaks_of_another:
        return None
    if _ANOTHER_PERSON.search(phrase) and _FIRST_PERSON.search(asked) and not speaks_of_another:
        return None
    return age


# "my 10 years old son": a child whom the question is about, not its topic (an adult's age stays: with
# little else asked, "is it still open at 65 years old?" is about that age)
_AGE_SAID = re.compile(
    r"\b(?:1[0-7]|[1-9])[\s-]*(?:years?|yrs?)[\s-]*old\b|(?<!\d)(?:1[0-7]|[1-9])\s*(?:周岁|岁)", re.IGNORECASE
)
_FIRST_PERSON_AGE = re.compile(r"i'?m\b|i am\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:i|me|my|i'?m|myself)\b", re.IGNORECASE)
_ANOTHER_PERSON = re.compile(
    r"\b(?:he|she|him|her|his|hers|they|them|their|husband|wife|spouse|partner|sons?|daughters?|child|children|"
    r"kids?|parents?|mother|father|friend|brother|sister|colleague|client|caller|applicant|candidate)\b",
    re.IGNORECASE,
)


def _ordinals_asked(text: str) -> frozenset[tuple[str, str]]:
    """The ordinals the question asks about: "first year free, then 70% off - what's the rent reduction in
    the fourth year?" asks the fourth year; the first is what the asker already knows."""
    pieces = [p for p in _PREMISE_BREAK.split(text) if p.strip()]
    asking = [p for p in pieces if asks_in_words(p) or _ASKS_FIRST.match(p)]
    own = ordinals_in(asking[-1]) if len(pieces) > 1 and asking else frozenset()
    return own or ordinals_in(text)


# "... what about the fourth year? is it still 50% off?": "still", "then", "it" there are that year's
_THEN = re.compile(
    r"\b(?:then|at that (?:point|time|stage)|that year|by then|still)\b"
    r"|^\W*(?:and\s+)?(?:is|was|will|would) (?:it|that)\b",
    re.IGNORECASE,
)
_PREMISE_BREAK = re.compile(r"\s+[-–—]\s+|:\s+|;\s+|\.{2,}\s*|…\s*")


def _each_of(text: str, original: str = "") -> tuple[str, ...]:
    """What an amount is asked for one of: "how much did each individual talent introduction project
    receive?" -> ("talent", "introduct", "project"), "每个人才可以拿多少" -> ("talent",); not a period
    ("per month", "each year")."""
    found = _EACH.search(text)
    chinese = _EACH_CHINESE.search(original)
    one = found.group(1) if found else _EACH_NOUNS[chinese.group(1)] if chinese else ""
    if not one and _PERSONALLY.search(text):
        one = "persons"  # "how much would I personally receive?": one person's share, not the total
    counted = counted_nouns(f"how many {one}") if one else ()
    return () if not counted or counted[-1] in _NOT_EACH else counted


_EACH = re.compile(
    r"\b(?:each|per|every|apiece)\s+(?:individual\s+|single\s+)?([a-z][\w'’ -]*)", re.IGNORECASE
)
_PERSONALLY = re.compile(r"\b(?:personally|individually|per capita)\b", re.IGNORECASE)
_EACH_NOUNS = {
    "人才": "talents",
    "人": "persons",
    "户": "households",
    "家": "enterprises",
    "企业": "enterprises",
}
_EACH_CHINESE = re.compile(r"每(?:个|位|名)?\s*(人才|企业|人|户|家)")
# not a period ("per month"), nor a place of a comparison ("what does each city pay?")
_NOT_EACH = frozenset(
    terms("year month week day annum time quarter period batch round term")
    + terms("city province district county region place")
)


_FAMILY = frozenset({"parent", "child", "couple"})
# "Are they ...", "they can ...": people named before ("he" or "she" may be the asker's spouse applying)
_PEOPLE_BEFORE = re.compile(
    r"\b(?:are|were|will|would|can|could|do|does|did)\s+they\b|^\W*(?:and\s+)?they\b", re.IGNORECASE
)
_FAMILY_OF = re.compile(
    r"\b(?:parents?|fathers?|mothers?|children|child|kids|sons?|daughters?|spouses?|wi(?:fe|ves)|husbands?)\s+of\b"
    r"|['’]s?\s+(?:parents?|fathers?|mothers?|children|kids|sons?|daughters?|spouses?|wi(?:fe|ves)|husbands?)\b",
    re.IGNORECASE,
)
_SPEAKS_FOR_TWO = re.compile(r"\b(?:we|us|our|ours|both|couples?)\b", re.IGNORECASE)


def _priced(text: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    """The priced things a clause names, no benefit among them: "the monthly rent" -> ("rent",)."""
    return tuple(k for k in vocabulary.priced if re.search(rf"\b{k}s?\b", text, re.IGNORECASE))


def _asks_what_was_done(text: str, vocabulary: Vocabulary) -> bool:
    """ "How many has it actually selected?", "How many forums did it hold?" (but not "How many did it
    aim to attract?", which asks for the plan)."""
    achieved = vocabulary.achieved
    if achieved["asks"].search(text):
        return True
    return bool(achieved["asks_tense"].search(text)) and not achieved["planned"].search(text)


_BY_END = re.compile(
    r"\b(?:by|as of|at|until|till|up to)\s+(?:the\s+)?end\s+of\s+((?:19|20)\d\d)\b|"
    r"\b(?:by|as of)\s+(?:december|dec\.?)\s+(?:31(?:st)?,?\s+)?((?:19|20)\d\d)\b|"
    # "How many was Hainan to have recruited by 2022?": a figure as it stands by then
    r"\bby\s+((?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def _by_end(text: str) -> str | None:
    """ "How many had received it by the end of 2018?": the year whose end the figure is asked at."""
    match = _BY_END.search(text)
    return next((year for year in match.groups() if year), None) if match else None


_CASH = re.compile(r"\bcash\b", re.IGNORECASE)
# (after a condition or a phrase: "If we move into Kunming, what exactly is the one-off subsidy ...?")
_WHAT = re.compile(r"^\W*(?:[^,?;]{1,120},\s*)?(?:what|which)\b", re.IGNORECASE)
_BUYS_A_HOME = re.compile(
    r"\b(?:buys?|bought|purchases?|purchased)\s+(?:[\w'’-]+\s+){0,3}?(?:home|house|flat|apartment|property)\b",
    re.IGNORECASE,
)
_RECEIVED = re.compile(
    r"\b(?:get|gets|receive|receives|enjoy|enjoys|claim|be given|be offered|entitled|give|gives|offer|offers)"
    r"\b",
    re.IGNORECASE,
)
# "Liuzhou pays master's graduates how much towards buying their first home?" (not "what do I pay", nor "a
# colleague said Haicang pays 3,000 a month for renting - or was it 2,500?")
_PAYS_HOW_MUCH = re.compile(r"\b(?:pays|awards|grants)\b[^?]*\bhow much\b", re.IGNORECASE)
_GETS_AN_AMOUNT = re.compile(
    r"^\W*(?:and\s+)?(?:do|does|did|can|could|will|would|is|are)\b[^?]*?"
    r"\b(?:get|gets|receive|receives|be given|be paid|be offered)\s+"
    r"(?:up to\s+|as much as\s+|the same\s+|also\s+)?(?:RMB|CNY|¥)?\s*\d",
    re.IGNORECASE,
)
# ", like the 450 thousand Grade C gets?", "unlike Shanghai,": what a question compares with follows
# (not "like me", "like this junior college graduate", as 像我这样的 is read: the asker is one of them)
COMPARED_WITH = r"(?:,\s*(?:just\s+)?like|\bunlike)\s+(?!(?:me|us|myself|mine|this|these|such)\b)"
_ASIDE = re.compile(
    rf"(?:\b(?:besides|apart from|aside from|other than|in addition to|on top of)\s+|{COMPARED_WITH})"
    r"(?:[^,;?]|,(?=\s?\d{3}\b))*(?:[,;?]|$)",  # "80,000 yuan", or as translated "80, 000 yuan"
    re.IGNORECASE,
)
_LIMITED = re.compile(
    r"\b(?:minimum|maximum|min|max|highest|lowest)\s+(?:(?:annual|monthly|yearly|pre-tax)\s+)?(\w+)\b"
    r"(?!\s+(?:subsid|allowance|grant|bonus|award|reward|stipend))|"
    r"\b(\w+)\s+(?:caps?|ceilings?|limits?|thresholds?|requirements?|floors?)\b",
    re.IGNORECASE,
)
# "how many working days": the unit a duration is asked in
# "if not buying a home", "instead of the purchase subsidy": a benefit the question turns down
_NOT_THAT = re.compile(
    r"\b(?:not|instead of|rather than|without|never)\s+((?:[\w'’-]+\s+){0,2}[\w'’-]+)", re.IGNORECASE
)
_UNIT_ASKED = re.compile(
    r"\b(?:how many|(?:minimum |maximum |exact |total )?number of) (?:working |work |business |calendar )?"
    r"(year|month|day|week)s\b",
    re.IGNORECASE,
)
# "ordinary (not top) talents", "non-PhD staff": people the question leaves out.
_NEGATED = re.compile(
    r"\b(?:not|non-|except(?: for)?|excluding|other than|rather than)\s*"
    # "who are not classed as top talents": the people, after the verb that classes them
    r"(?:(?:classed|classified|counted|considered|regarded|rated|recogni[sz]ed|certified|treated|defined|"
    r"designated|identified|accredited|graded)(?: as)?\s+)?(?:an?\s+|the\s+)?"
    r"((?:[\w'’.-]+\s+)?[\w'’.-]+)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
PERCENT = re.compile(r"\d[\d.]*[\s-]*(?:%|percent\b|per cent\b)|\bhalf\b", re.IGNORECASE)
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
    """The word that says which rate or weight is asked: "at what interest rate" -> ("interest",);
    "what weight do the personal points carry" -> ("person", "point")."""
    match = _RATE.search(text) or _WEIGHT.search(text)
    if not match:
        return ()
    words = terms(match.group(1), keep_stopwords=True)
    return tuple(t for t in words if t not in _NOT_A_MODIFIER and len(t) > 1)  # not the 's of "applicant's"


# "How much weight does the applicant's education carry?": the thing weighed is what the answer is of
_WEIGHT = re.compile(
    r"\bweight(?:ing)? (?:do|does|did|will|would) (?:the |an? |their |its |my )?(.+?) "
    r"(?:carry|carries|have|has|get|gets|account for|hold|make up)\b",
    re.IGNORECASE,
)


_ORDINAL = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|[4-9]th|10th|next)\s+"
    r"([a-z][a-z-]*)",
    re.IGNORECASE,
)
_ORDINAL_DIGITS = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth", "5th": "fifth"}


def ordinals_in(text: str) -> frozenset[tuple[str, str]]:
    """The ordinals a text gives things: "the second batch" -> ("second", "batch")."""
    return frozenset(_ordinals(text))


_CALENDAR = frozenset(terms("year month week term period"))
_HOMES = frozenset(terms("home house flat apartment property housing"))


def _ordinals(text: str) -> Iterator[tuple[str, str]]:
    """Each (ordinal, noun) a text gives, in order: "the 2nd round" -> ("second", "round")."""
    serial = Vocabulary.load().serial
    for match in _ORDINAL.finditer(text):
        noun = terms(match.group(2))
        ordinal = match.group(1).lower()
        # "When does the next batch open?" is not answered by the first batch's date ("next year", "next
        # month" are dates)
        # "our first flat", "a first family home": a first home is a kind of purchase, not one of a series
        after = terms(" ".join(text[match.end() :].split()[:1]))
        if ordinal == "first" and set(noun[:1] + after[:1]) & _HOMES:
            continue
        if noun and (ordinal != "next" or (noun[0] in serial and noun[0] not in _CALENDAR)):
            yield _ORDINAL_DIGITS.get(ordinal, ordinal), noun[0]


def levels_in(text: str, vocabulary: Vocabulary | None = None) -> frozenset[str]:
    """The levels of government a text names in a run ending "-level": "national, provincial or
    city-level titles" -> {"national", "provincial", "city"}; "a county- or district-level title"."""
    vocabulary = vocabulary or Vocabulary.load()
    found: set[str] = set()
    for match in _level_runs(tuple(vocabulary.admin_levels)).finditer(text):
        words = (w.lower() for w in re.findall(r"[A-Za-z]+", match.group(1)))
        found.update(vocabulary.admin_levels[w] for w in words if w in vocabulary.admin_levels)
    return frozenset(found)


@functools.cache
def _level_runs(words: tuple[str, ...]) -> re.Pattern[str]:
    item = "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"
    between = r"(?:-\s*)?(?:\s*,\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+|\s*/\s*)"
    return re.compile(rf"\b((?:{item}(?:-level)?{between})*{item})[- ]level\b", re.IGNORECASE)


def latest_ordinals(text: str) -> dict[str, str]:
    """The ordinal a text gives each noun last: "At the second level ... At the third level" ->
    {"level": "third"}."""
    return {noun: ordinal for ordinal, noun in _ordinals(text)}  # a later one replaces an earlier


def _sides_asked(text: str, original: str, vocabulary: Vocabulary) -> tuple[tuple[int, int], ...]:
    """The sides of opposite qualifiers a clause names; "是一次性给还是分几年发" (A 还是 B: A or B) asks
    between both sides of a pair, though only one is read (when the clause asks nothing else: in
    "补贴是多少, 是一次性还是分期" the amount is answered without them)."""
    sides = sides_in(text, vocabulary)
    if "还是" not in original:
        return sides
    return tuple(sorted({(pair, side) for pair, _ in sides for side in (0, 1)}))


def sides_in(text: str, vocabulary: Vocabulary | None = None) -> tuple[tuple[int, int], ...]:
    """The sides of opposite qualifiers a text names: (pair, 0) for "online", (pair, 1) for "in person"."""
    vocabulary = vocabulary or Vocabulary.load()
    return tuple(
        (pair, side)
        for pair, patterns in enumerate(vocabulary.contrasts)
        for side, pattern in enumerate(patterns)
        if pattern.search(text)
    )


_QUESTION_WORDS = frozenset(
    terms(
        "how much many long big large what which when where who whose is are was were does do did can "
        "could will would there any it its they them this that about and or also plus so then exactly "
        "actually roughly total of one mine ours yours theirs "
        # "..., any concrete figure?" (有具体数字没) asks the question before it more precisely
        "specific concrete exact precise figure figures number numbers",
        keep_stopwords=True,
    )
)


def parts_of(question: str, original: str = "", lower_case: bool | None = None) -> tuple[Part, ...]:
    """The parts of a question, each read for what it asks (original: the Chinese it translates;
    lower_case: whether it was typed in lower case, as split_question reads it).

    A clause with no topic of its own ("..., and how much?") adds what it asks to the clause before.
    """
    # read in Simplified characters, as every pattern is written ("多少張" counts as "多少张" does)
    original = Dictionary.load().simplify(original) if original else original
    return tuple(replace(part, question=True) for part in _question_parts(question, original, lower_case))


def _question_parts(question: str, original: str, lower_case: bool | None) -> tuple[Part, ...]:
    if original:
        return _named_places(_translated_parts(question, original), question)
    clauses, context = split_question(question, lower_case)
    merged: list[str] = []
    for clause in (piece for whole in clauses for piece in _comma_questions(whole)):
        own = [t for t in terms(clause, keep_stopwords=True) if t not in _QUESTION_WORDS]
        # "how many months do they keep paying it? just 6 months or a few years?": the guesses offered
        # belong to the question before them
        # "Does Wenzhou give anything to doctors over 40? If so, how much?": what is asked on that
        # condition is asked of what the question before it names
        if merged and (not own or _GUESSES_ONLY.match(clause) or _IF_SO.match(clause)):
            merged[-1] = f"{merged[-1]}, {clause}"
        else:
            merged.append(clause)
    parts = [_typed_amount(read_part(clause, context)) for clause in merged]
    return _named_places(_amounts_of_what_was_asked(parts), question)


_IF_SO = re.compile(
    r"^\W*(?:and\s+)?if\s+(?:so|yes|it\s+does|they\s+do|there\s+is(?:\s+one)?|there\s+are(?:\s+any)?)\b",
    re.IGNORECASE,
)
_GUESS = (
    r"(?:also |still |just |only |maybe |perhaps |about )?"
    r"(?:\d+|a few|several|one|two|three|four|five|six|ten|twelve)"
    r"\s+(?:years?|months?|weeks?|days?)"
)
# "..., is it three years, like Tai'an?": a guess, and what it is compared with
_GUESSES_ONLY = re.compile(
    rf"^\W*(?:(?:is|was|will|would) (?:it|that)(?: be)?\s+)?{_GUESS}(?:\s*(?:,|or)\s*{_GUESS})*"
    rf"(?:\s*{COMPARED_WITH}[^?]*)?\W*$",
    re.IGNORECASE,
)


def _typed_amount(part: Part) -> Part:
    """ "lanzhou flexible talent intro: monthly stipend the city pays": a benefit typed with its period
    and no question word asks how much it is, as "what's the monthly stipend?" does; so does one typed
    per person ("leading wild goose funding per scientist")."""
    each = bool(_PER_HEAD.search(part.text))
    # "hengqin card rent allowance per month RMB?": typed so, a question mark is no question word; but
    # "lingang allowance - do they pay it in one lump sum or monthly?" asks which of the two, and "If I
    # leave after a year, do I have to pay the money back?" what one must do
    in_currency = bool(_IN_CURRENCY.search(part.text))
    vocabulary = Vocabulary.load()
    obliged = vocabulary.obligation.search(part.text)
    typed = not has_question_word(part.text) and not part.both_sides and not obliged
    if part.asks or not part.benefit or not (part.period or each or in_currency) or not typed:
        return part
    kinds, _ = _kinds(_ASIDE.sub(" ", part.text), vocabulary, True)  # not "apart from the ..."
    return replace(part, asks="amount", kinds=kinds)


# "... funding, yuan?"
_IN_CURRENCY = re.compile(r"\b(?:in )?(?:rmb|cny|yuan)\W*$|(?:多少)?元\W*$", re.IGNORECASE)
_PER_HEAD = re.compile(
    r"\b(?:per|each|for every)\s+(?:person|head|capita|recipient|talent|scientist|researcher|"
    r"expert|team|applicant|graduate|student|doctor|phd|household|family|couple|company|enterprise|project)\b",
    re.IGNORECASE,
)


# Between questions typed one after another: a comma; in words typed without a question word first,
# also a slash or "and" ("+" is read as "and"): "What education and job title ..." is one question
_COMMA = re.compile(r"(\s*[,，]\s+|\s*，\s*)")
_TYPED_COMMA = re.compile(r"(\s*[,，]\s+|\s*，\s*|\s+/\s*|\s*/\s+|\s+and\s+)", re.IGNORECASE)


def _asks_something(text: str) -> bool:
    """The text asks on its own: a question word first ("whats the deadline", "is it taxable", "any
    income cap"), or a way of asking ("amount", "how much"). "..., does a Grade D talent get?" ends the
    question before the comma rather than asking another."""
    vocabulary = Vocabulary.load()
    return (
        bool(_ASKS_FIRST.match(text))
        or any(p.search(text) for p in vocabulary.asks.values())
        or bool(_CHOICE_ASKED.match(text))
    )


# "and it pay one time or pay by month?": a choice asked as a statement with a question mark, as someone
# new to English writes it
_CHOICE_ASKED = re.compile(
    r"\W*(?:and |but |so )?(?:it|they|he|she|i|we|you)\s+[a-z]+\b[^,?]*\bor\b[^?]*\?\s*$", re.IGNORECASE
)


_ASKS_FIRST = re.compile(
    r"\W*(?:and |also |but |so |then )?(?:how|what|what's|whats|when|where|which|who|whose|why|any|"
    r"(?:is|are|was|were|does|do|did|can|could|will|would|should|has|have) (?:it|they|there|this|that|these|"
    r"those|i|we|you|he|she|one)|is there|are there)\b",
    re.IGNORECASE,
)


_CONDITION_FIRST = re.compile(
    r"\W*(?:once|after|if|as soon as|assuming|supposing|suppose|given that|since|because|now that|even if|"
    r"even though|although|though|while|in case|(?:when|before|until|till)"
    r"(?! (?:is|are|was|were|does|do|did|will|would|can|could|should|must|has|have)\b))\b",
    re.IGNORECASE,
)


def _comma_questions(clause: str) -> list[str]:
    """ "xiamen phd subsidy how much, whats the deadline to apply", "wuhu couple purchase subsidy cap +
    rent subsidy amt": questions typed one after another are parts of their own; a comma before or
    after words that ask nothing ("In Wenzhou, how much ...", "How much, in total, ...") joins them to
    the question."""
    split = (_COMMA if _ASKS_FIRST.match(clause) else _TYPED_COMMA).split(clause)
    pieces = [split[0]]
    for between, segment in zip(split[1::2], split[2::2], strict=True):
        last = pieces[-1]
        topical = any(t not in _QUESTION_WORDS for t in terms(last))
        # "Are the apartments free, or what's the monthly rent?" is one question between two answers
        alternative = segment.lower().startswith("or ")
        # "Once the window closes on Dec 12, how many weeks until ...?": a clause that sets when or if
        # is the question's condition, not a question of its own
        asks_apart = not _CONDITION_FIRST.match(last) and _asks_something(segment) and _asks_something(last)
        # "what about junior college grads, how much per month?": what those people get
        people_only = _ABOUT.match(last) and not set(terms(_ABOUT.sub("", last))) - GROUP_TERMS
        asks_apart = asks_apart and not people_only
        if topical and not alternative and asks_apart:
            pieces.append(segment)
        else:
            pieces[-1] = f"{last}{between}{segment}"
    return pieces


_ABOUT = re.compile(r"^\W*(?:and\s+)?(?:what|how)\s+about\b", re.IGNORECASE)


# The words of a duration question with no topic of its own: "and for how many years is it paid?"
_BARE_DURATION_WORDS = _QUESTION_WORDS | frozenset(
    terms(
        "for long year years month months day days week weeks paid pay given last lasts get receive "
        "that this the allowance subsidy benefit grant payment support "
        # "可以连续领取多少个月?": "how many months, can continuous receive?"
        "can continuous continuously consecutive consecutively keep still claim collect enjoy draw",
        keep_stopwords=True,
    )
)


# The words of an amount question with no subject of its own: "How much money, at most?", "And what's
# the maximum per person?"
_BARE_AMOUNT_WORDS = _QUESTION_WORDS | frozenset(
    terms(
        "money cash most maximum max minimum min least highest top per person head family household couple "
        "month year monthly yearly "
        "annual total each cap limit ceiling paid pay get gets receive given amount sum yuan rmb one-off "
        "once "
        "subsidy subsidies allowance benefit grant it standard standards rate level if case so",
        keep_stopwords=True,
    )
)


# "..., and how much would the same graduate get in Tai'an?": the people the earlier part named
_SAME_PEOPLE = re.compile(
    r"\b(?:the same|such an?|that|this|these|those)\s+(?:[\w-]+\s+)?(?:graduates?|persons?|people|talents?|"
    r"applicants?|holders?|candidates?)\b",
    re.IGNORECASE,
)


def _own_subject(part: Part, earlier: Part) -> set[str]:
    """What an amount question names of its own beyond its people, its places and what the part before
    it asked about: "what is a 'talent attraction ambassador' paid?" (but not "how much would the same
    graduate get in Tai'an?", nor "Is there a rent reduction in the fourth year? How much is the
    reduction?")."""
    names = set(terms(" ".join(re.findall(r"\b[A-Z][\w'’-]*", part.text))))
    return set(part.focus) - _BARE_AMOUNT_WORDS - GROUP_TERMS - names - set(earlier.focus) - {"same", "such"}


def _amounts_of_what_was_asked(parts: list[Part]) -> tuple[Part, ...]:
    """ "Is there a rent subsidy, and how much per month?": a bare amount is of the benefit just asked
    about."""
    for i in range(1, len(parts)):
        earlier, part = parts[i - 1], parts[i]
        own_subject = _own_subject(part, earlier)  # the groups set below leave it as it is
        dated = earlier.ordinals or earlier.years
        if _THEN.search(part.text) and not (part.ordinals or part.years) and dated:
            # "... what about the 4th year? what reduction applies then?": then is the year just asked
            parts[i] = part = replace(part, ordinals=earlier.ordinals, years=earlier.years)
        if part.asks is None and part.benefit and earlier.asks == "amount" and _WHAT.match(part.text):
            # "how much does Lanzhou pay per month, what's the subsidy for a flexibly introduced expert?":
            # the benefit asked again, after how much
            parts[i] = part = replace(part, asks="amount")
        again = part.asks == earlier.asks == "amount" and not own_subject
        if again and earlier.totalled and not part.totalled and not part.each:
            # "一共发放了多少钱? 想知道总金额": the amount asked again is the total paid out asked before
            parts[i] = part = replace(part, totalled=True, aggregate=True)
        generic = part.groups <= {"graduate"}  # "the same graduate"
        same_people = not part.groups or (generic and bool(_SAME_PEOPLE.search(part.text)))
        # "..., and how much per month for renting?": a subject that only names a kind of benefit asks
        # for that benefit
        of_a_kind = bool(kinds_in(part.text)) and own_subject <= Vocabulary.load().benefit_terms
        asks_of_it = part.benefit or (part.asks == "amount" and (not own_subject or of_a_kind))
        if asks_of_it and earlier.benefit and earlier.groups and same_people and not part.totalled:
            # "For a Grade D talent in Haicang, how much house-buying subsidy can I apply for, and how much is
            # the monthly renting subsidy?": the second benefit is asked for the same people
            # ... and of the age stated ("我46岁 ... 还能申请安家补贴吗? 能拿多少钱?")
            parts[i] = part = replace(part, groups=earlier.groups, age=part.age or earlier.age)
        referred = part.benefit and earlier.benefit and bool(_REFERS_BACK.search(part.text))
        if part.asks is None and referred and not part.kinds:
            # "what monthly living allowance can I get, and is that allowance exempt from income tax?": the
            # allowance is the one asked about; what this part asks is whether it is taxed
            parts[i] = replace(part, benefit=False)
            continue
        # "What share of the purchase subsidy do junior college graduates get? How much money at
        # most?", "Is there a cap on the purchase subsidy? What's the maximum per person?": a bare
        # amount after another question about a benefit is of that benefit too
        if part.kinds or part.counted or not earlier.kinds:
            continue
        if part.asks is None and part.benefit and not own_subject:
            # "What monthly rent subsidy would a master's get in Changchun, and what would the same
            # graduate get in Tai'an?": what one gets is the benefit just asked about
            parts[i] = replace(part, kinds=earlier.kinds, period=part.period or earlier.period)
            continue
        # "What is the max monthly living subsidy? For how long?": a bare duration is that benefit's
        if part.asks == "duration" and not set(terms(part.text)) - _BARE_DURATION_WORDS:
            focus = tuple(dict.fromkeys((*earlier.focus, *part.focus)))  # its topic is the earlier one's
            groups = groups_in(part.text) or earlier.groups  # its people are the earlier part's too
            parts[i] = replace(
                following(part, earlier), kinds=earlier.kinds, asks="duration", focus=focus, groups=groups
            )
            continue
        if part.asks != "amount" or own_subject:
            continue  # "..., and what is a 'talent attraction ambassador' paid?" asks of its own subject
        if part.benefit:  # "Is there a purchase subsidy for masters? How much money, at most?"
            # "Is there a rent reduction in the fourth year? How much?": that year's too
            parts[i] = replace(
                part,
                kinds=earlier.kinds,
                groups=part.groups or earlier.groups,
                ordinals=part.ordinals or earlier.ordinals,
                years=part.years or earlier.years,
            )
        else:
            parts[i] = following(part, earlier)
    for i in range(len(parts) - 2, -1, -1):
        part, later = parts[i], parts[i + 1]
        # (not when it names people of its own the vocabulary has no group for: "for introduced talents")
        own_people = part.groups or part.asker or _FOR_PEOPLE.search(part.text)
        # (nor across a question mark: "1. 引进人才的生活补贴每月最高多少? 2. 顶尖人才购房 ...?" asks the
        # first of the introduced talents, not the top talents of the second)
        asked_apart = part.text.rstrip().endswith("?")
        if part.benefit and later.benefit and later.groups and not own_people and not asked_apart:
            # "how much house buying subsidy and how much monthly renting subsidy can a Grade D talent
            # apply for?": the people named last are asked about for both
            parts[i] = replace(part, groups=later.groups)
    return tuple(parts)


_FOR_PEOPLE = re.compile(
    r"\b(?:for|to|by)\s+(?:the\s+|all\s+|newly\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:talents?|people|persons|graduates|employees|workers|residents|applicants|experts|scientists|students|"
    r"professionals|personnel|staff|recruits|hires)\b",
    re.IGNORECASE,
)


def _named_places(parts: tuple[Part, ...], question: str) -> tuple[Part, ...]:
    """ "When is the X Week, and in which city is it held?": a place the question names is no answer
    (parts_of sets each "which" part's known places here, from the whole question)."""
    if not any(p.asks == "entity" for p in parts):
        return parts
    places = {place.name: place for _, place in Gazetteer.load().find(question)}
    # "Lanzhou ... outside Gansu": Gansu holds Lanzhou, so one place is asked about, not two to choose from
    leaves = [place for name, place in places.items() if not any(p.parent == name for p in places.values())]
    return tuple(
        _entity_part(
            p,
            frozenset(places) | frozenset(kind_names(p.counted, question)),
            sum(1 for place in leaves if of_kind(p.counted, place)),
        )
        if p.asks == "entity"
        else p
        for p in parts
    )


# (not "Tai'an's higher 1,000-yuan allowance", which names one of a place's tiers)
_COMPARING = re.compile(
    r"(?<!'s )(?<!’s )\b(?:more|less|better|worse|higher|lower|larger|bigger|most|least|best|cheaper)\b", re.I
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
    said, question, original = _premises(question, original)
    english = [c for c in re.split(r"(?<=[?？])", question) if c.strip()]
    chinese = [c for c in re.split(r"(?<=[?？])", original) if c.strip()]
    if len(english) < 2 and _mostly_english(original):
        # "Kunming 自贸区 enterprises ...: what one-off reward can they get, and is that reward 免税?": a
        # question written in English with Chinese terms joins its questions as English does (where its
        # reading joins them alike)
        clauses, sources = split_question(question)[0], split_question(original)[0]
        if 1 < len(clauses) == len(sources):
            return _amounts_of_what_was_asked(
                [read_part(clause, said, source) for clause, source in zip(clauses, sources, strict=True)]
            )
    if len(english) != len(chinese) or len(english) < 2:
        return (read_part(question, said, original),)
    merged: list[tuple[str, str]] = []
    for clause, source in zip(english, chinese, strict=True):
        own = [t for t in terms(clause, keep_stopwords=True) if t not in _QUESTION_WORDS]
        # "柳州博士每个月生活补贴多少? 能领多长时间?": a bare "how long" after "how much" is a question of
        # its own about the same subsidy (read so below), not more words of the one before
        if merged and not own:
            asked = (read_part(clause, said, source).asks, read_part(merged[-1][0], said, merged[-1][1]).asks)
            own = [str(asked[0])] if None not in asked and asked[0] != asked[1] else []
        if merged and not own:
            merged[-1] = (f"{merged[-1][0]} {clause}", f"{merged[-1][1]}{source}")
        else:
            merged.append((clause, source))
    parts = [read_part(clause, said, source) for clause, source in merged]
    for i in range(1, len(parts)):
        earlier, part = parts[i - 1], parts[i]
        if part.asks is None and earlier.asks == "count" and _BARE_HOW_MANY.search(merged[i][1]):
            # "黑龙江高技能人才去年总数多少? 其中 Harbin 有多少?": how many of the same, there
            groups = part.groups or earlier.groups
            parts[i] = replace(part, asks="count", counted=earlier.counted, groups=groups)
    return _amounts_of_what_was_asked(parts)


# 多少 or 几 ending a question, with no noun after it: how many of what was just counted
_BARE_HOW_MANY = re.compile(r"(?:多少|几)\s*(?:呢|啊|吗)?\s*[?？。!！]?\s*$")


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?!\d)")
# a Chinese sentence ends at its full stop, "!" or "?" with no space after (a closing quote starts the
# next, as translated)
_SENTENCE_END_CHINESE = re.compile(r"(?<=[。！？])\s*|(?<=[.!?])(?=[”’」』\s])\s*")


def _mostly_english(text: str) -> bool:
    """More Latin letters than three times the Chinese characters, and no Chinese word asking anything
    ("几年", "还是"): English with Chinese terms."""
    chinese = len(re.findall(r"[\u3400-\u9fff]", text))
    return len(re.findall(r"[A-Za-z]", text)) > 3 * chinese and not ASKING_CHINESE.search(text)




def _premises(question: str, original: str) -> tuple[str, str, str]:
    """A translated question's leading statements ("第三年是五折, 那第四年以后呢": the third year is half
    price), then its English and Chinese without them; none when the two do not split alike."""
    english = [s for s in _SENTENCE_END.split(question) if s.strip()]
    chinese = [s for s in _SENTENCE_END_CHINESE.split(original) if s.strip(" \n”’」』")]
    if len(english) != len(chinese):
        return "", question, original
    said = 0
    while said < len(english) - 1 and not asks_in_words(english[said]):
        said += 1
    return " ".join(english[:said]), " ".join(english[said:]), " ".join(chinese[said:])


_REFERS_BACK = re.compile(
    r"\b(?:that|this|the same|those|these|said)\s+(?:[\w-]+\s+)?(?:subsid(?:y|ies)|allowances?|grants?|"
    r"bonus(?:es)?|rewards?|awards?|stipends?|benefits?|payments?)\b",
    re.IGNORECASE,
)


_REFERS_BACK_CHINESE = re.compile(
    r"(?:这个|那个|这项|那项|该|此)\s*(?:[\w-]+\s*)?(?:补贴|补助|津贴|奖励|allowance|subsidy)", re.IGNORECASE
)


_OWN_QUESTION = re.compile(
    r"^\W*(?:(?:and|but|so|also|then)\s+)?(?:which|what|who|where|why|how)\b(?!\s+(?:about|else about)\b)",
    re.IGNORECASE,
)


def following(part: Part, earlier: Part) -> Part:
    """A follow-up part ("And for a master's?") keeps what the earlier one asked, for its own group."""
    # "For how many months is that allowance paid?": the allowance asked before, for the same people
    if part.kinds or (part.benefit and part.asks and not _REFERS_BACK.search(part.text)):
        return part
    # "And what does a top talent get for buying a house there?": the benefit it names, not the
    # earlier one (the living subsidy asked before)
    named = kinds_in(without_people(part.text)) if part.benefit else frozenset()
    own_words = set(part.focus) - GROUP_TERMS - _QUESTION_WORDS
    topical = own_words - _NO_TOPIC  # "If he rents instead, how much per month?"
    if earlier.benefit and not part.benefit and part.counted and len(topical) == 1:
        # "What about the rent?" after a house-buying subsidy: the rent subsidy, not a rent paid (but
        # "what is the rent of the talent apartments?" asks a rent)
        named = kinds_in(without_people(part.text)) & {"rent", "purchase"}
        if named:
            named |= {"housing"}
            part = replace(part, counted=())
    # "How many of them were post-doctorate researchers?": the people counted are the ones asked
    counts_its_own = part.asks == "count" and bool(part.counted)
    # "Which qualifications allow someone to get a Hainan hukou?" after "How many talents does Hainan want
    # to attract?" asks a question of its own, not how many (but "And what about PhDs?" asks the same)
    # "And what can the leaders selected under the '10 Talent Plan' receive?" after "How many skilled
    # workers ...?" neither counts nor asks about the skilled workers
    own_question = bool(_OWN_QUESTION.match(part.text)) and len(own_words) >= 2
    if own_question and not part.asks:
        earlier = replace(earlier, asks=None, unit=None, counted=(), measured=())
    if own_question:
        # "Where do people submit their applications?" after the second year's rent cut: not the second year's
        earlier = replace(earlier, ordinals=frozenset())
    # "Does it cover royalties too?" after "Who qualifies for the tax subsidy?" asks yes or no of the
    # subsidy, not who qualifies; "And can their spouses and kids get it too?" after how long the visa is
    # valid, not how long
    if (
        earlier.asks
        and not part.asks
        and (len(own_words) >= 2 or bool(part.groups))
        and Vocabulary.load().predicate["yes_no"].match(part.text)
    ):
        earlier = replace(earlier, asks=None)
    if own_question and part.benefit and not earlier.benefit:
        earlier = replace(earlier, groups=frozenset())
    return Part(
        text=part.text,
        asks=part.asks or (earlier.asks if not named else None),
        kinds=named or earlier.kinds,
        benefit=part.benefit or earlier.benefit,
        groups=part.groups or (frozenset() if counts_its_own else earlier.groups),
        period=part.period or earlier.period,
        unit=part.unit or (earlier.unit if not part.asks else None),
        aggregate=part.aggregate,
        totalled=part.totalled,
        bounded=part.bounded,
        minimum=part.minimum,
        achieved=part.achieved,
        excluded=part.excluded,
        counted=part.counted or (earlier.counted if not part.asks else ()),
        each=part.each,
        measured=part.measured or (earlier.measured if not part.asks else ()),
        sides=part.sides or earlier.sides,
        years=part.years or earlier.years,
        by_end=part.by_end,
        ordinals=part.ordinals or earlier.ordinals,
        focus=part.focus,
        original=part.original,
        context=part.context,
        question=part.question,
    )


# words that say how much or instead of what, not what about
_NO_TOPIC = frozenset(terms("instead per month year monthly yearly annual annually each"))


GROUP_TERMS = frozenset(
    terms(
        "phd phds doctor doctors doctoral doctorate master masters postgraduate bachelor bachelors "
        "undergraduate undergraduates graduate graduates junior college diploma degree degrees level holder "
        "holders someone somebody person people only grade class category couple married spouse student "
        "students fresh new young talent talents hold holds holding possess possesses qualified only wife "
        "wives husband husbands "
        "technician technicians skilled worker workers craftsman craftsmen"
    )
)

"""A part of a question in words, for the notes that say what the corpus does not give:
'the amount of the rent subsidy for PhD holders'.
"""

from __future__ import annotations

import re

from assistant.search.answer_types import Vocabulary
from assistant.search.counting import counted_words
from assistant.search.parts import Part, rate_words

_ASKED = {
    "amount": "the amount",
    "count": "the number",
    "duration": "how long it lasts",
    "age": "the age limit",
    "percent": "the percentage",
    "score": "the score required",
    "date": "the date",
    "procedure": "how to apply",
    "deadline": "the deadline",
    "conditions": "the conditions to qualify",
    "size": "the size",
    "entity": "which ones",
    "url": "the website address",
    "documents": "the documents required",
    "phone": "the phone number",
    "address": "the address",
    "email": "the email address",
    "hours": "the opening hours",
}

# What is asked "for" a benefit ("the deadline for the rent subsidy"), not "of" it.
_ASKED_FOR = frozenset(("procedure", "deadline", "date", "duration", "entity", "conditions"))

# The word joining a part to the one before: "..., also what income tax break do they get".
_JOINING_WORD = re.compile(r"^\s*(?:and|also|plus|but|so|then)\s+", re.IGNORECASE)


_ARTICLE = re.compile(r"\b(?:a|an|the|any)\s+", re.IGNORECASE)
_HOW_MUCH = re.compile(
    r"\bhow much ((?:[a-z-]+ ){0,2}?[a-z-]+) "
    r"(?:does|do|is|are|can|will|did|would|should|has|have|was|were)\b",
    re.IGNORECASE,
)


def describe(part: Part) -> str:
    """A part in words, for saying the corpus does not give it."""
    what = _ASKED.get(part.asks or "", "")
    phrase = benefit_phrase(part.text) if part.benefit else None
    if phrase:
        phrase = re.sub(r"^(?:the|a|an) ", "", phrase, flags=re.IGNORECASE)
    if phrase and re.search(r"\b(?:is|are|was|were|that|this|these|those|it)\b", phrase, re.IGNORECASE):
        phrase = None  # "for how many months is that allowance paid": no benefit's name to repeat
    if part.asks == "amount" and (part.totalled or part.bounded):
        what = "the total paid out" if part.totalled else "the upper limit"
    # "What employment subsidy ...?": the subsidy itself (not "Is it paid once a year?", a property of it)
    vocabulary = Vocabulary.load()
    properties = [*vocabulary.properties.values(), *vocabulary.what_if_situations]
    of_it = any(asked.search(f"{part.text} {part.original}") for asked, _ in properties)
    if not what and phrase and not part.original and not of_it:
        # "give college graduates a rent subsidy": the benefit is what follows the last article
        what, phrase = f"the {_ARTICLE.split(phrase)[-1]}", None
    if not what:
        clause = _JOINING_WORD.sub("", part.text).rstrip("?？ ")  # "also what ...": what is asked
        return f"an answer to “{clause}”"
    counted = counted_words(part.text) if part.asks == "count" else ""
    entity = vocabulary.asks["entity"].search(part.text) if part.asks == "entity" else None
    if entity:
        what = f"which {next(g for g in entity.groups() if g).lower()}"
    rate = rate_words(part.text) if part.asks == "percent" else ""
    measured = _HOW_MUCH.search(part.text) if part.asks in ("amount", "size") and not phrase else None
    if counted or rate:  # "the number of graduates who ...", "the interest rate"
        what, phrase = (f"the number of {counted}" if counted else f"the {rate}"), None
    elif part.asks == "amount" and part.counted and not phrase:  # "an income threshold" -> "the income"
        required = re.search(r"\b(?:thresholds?|requirements?|floors?|minimum)\b", part.text, re.IGNORECASE)
        what = f"the {part.counted[0]}{' required' if required else ''}"
    elif (
        measured
        and measured.group(1).lower() not in ("money", "subsidy", "funding")
        and not re.match(r"(?:per|a|an|each|every|in|at|on|for)\b", measured.group(1), re.IGNORECASE)
    ):  # "how much per month would I get" asks the amount, not "the per month"
        what = f"the {measured.group(1)}"  # "how much office space does it have" -> "the office space"
    if part.achieved:  # "how many has it actually selected": a target the article gives is no result
        what = re.sub(r"^the (number|amount)\b", r"the actual \1", what) if what.startswith("the ") else what
    if part.asks == "duration":
        what, phrase = _duration_asked(part, phrase)
    if part.asks == "score" and not part.minimum:
        what = "the points awarded"  # "how many points does a master's degree earn"
    if part.sides and not phrase:
        # "paid monthly or as a single annual payment?": which of the two the article does not say
        both = _both_sides(part)
        if both:
            what = f"whether {both}"
    pieces = [what]
    if phrase:
        joined = "for" if part.asks in _ASKED_FOR else "of"
        pieces.append(f"{joined} the {phrase}")
    named = " ".join(pieces).lower()
    # "master's graduates", not "graduates and master's graduates"; which office is not per group.
    asked = part.groups - {"graduate"} if len(part.groups) > 1 else part.groups
    if part.asks in ("entity", "procedure", "size"):
        asked = frozenset()
    labels = Vocabulary.load().group_labels
    groups = [labels.get(g, g) for g in sorted(asked)]
    groups = [
        g for g in groups if g.split()[0].lower().rstrip("s'") not in named
    ]  # "graduates for graduates"
    # "for PhD holders of that age": an age the question states of whom it asks (what they get depends on
    # it), not written again: a gap repeats no figure
    aged = "of that age" if part.age is not None and (part.benefit or part.asks == "amount") else ""
    if groups or aged:
        pieces.append(" ".join(("for", " and ".join(groups) or "someone", aged)).strip())
    # A year asked about is not repeated as a figure of the answer: "for the year asked".
    said = sorted(y for y in part.years if not y[:1].isdigit())
    if said or part.years:
        pieces.append("for " + (" and ".join(said) if said else "the year asked"))
    if part.ordinals and part.asks:  # "when the second batch is paid out"
        pieces.append("for the " + " or ".join(" ".join(o) for o in sorted(part.ordinals)))
    if part.period and part.asks == "amount":
        pieces.append("paid once" if part.period == "once" else f"per {part.period}")
    return " ".join(pieces)


_TAKES = re.compile(
    r"\bhow long (?:does|do|will|would|did) (?:it|this|that|they|the [\w-]+(?: [\w-]+)?) take\b|"
    r"\bhow (?:soon|quickly)\b|"
    r"\bhow (?:long|many (?:working |work |business )?(?:days|weeks|months)) (?:until|before|till)\b|"
    r"\bhow long (?:do|does|will) (?:i|we|you|one) (?:have to |need to )?wait\b",
    re.IGNORECASE,
)
_VALID = re.compile(r"\bvalid(?:ity)?\b", re.IGNORECASE)
_WITHIN = re.compile(r"\bwithin (?:so|how) many (?:years|months|days|weeks)\b", re.IGNORECASE)


def _duration_asked(part: Part, phrase: str | None) -> tuple[str, str | None]:
    """Which duration a part asks, in words: how long one must have done something, how long a step
    takes, how long something is valid, or how long it lasts."""
    if part.minimum:
        return "the minimum period required", phrase
    handling = Vocabulary.load().processing["asks"]
    if _TAKES.search(part.text) or handling.search(f"{part.text} {part.original}"):
        return "how long it takes", phrase
    if _VALID.search(part.text):
        return (f"how long the {phrase} is valid", None) if phrase else ("how long it is valid", None)
    if _WITHIN.search(part.text):  # "must I apply within so many years of graduating?"
        return "how soon one must apply", phrase
    return (f"how long the {phrase} lasts", None) if phrase else ("how long it lasts", None)


def _both_sides(part: Part) -> str:
    """ "paid monthly" or "a single annual payment": the two sides of a contrast a part asks between,
    as written."""
    vocabulary = Vocabulary.load()
    for pair, side in part.sides:
        if side == 0 and (pair, 1) in part.sides:
            first, second = (vocabulary.contrasts[pair][i].search(part.text) for i in (0, 1))
            if first and second:
                ordered = sorted((first, second), key=lambda m: m.start())
                first_said, second_said = (re.sub(r"^or\s+", "", m.group()) for m in ordered)  # "or monthly"
                # "split over" what: "split over a few years"
                if re.search(r"\b(?:over|into|across)$", second_said):
                    rest = re.match(r"[^?,.;!]*", part.text[ordered[1].end() :])
                    second_said += rest.group().rstrip() if rest else ""
                return f"{first_said} or {second_said}"
    return ""


_BENEFIT_PHRASE = re.compile(
    r"((?:[\w'’-]+(?:,\d{3}[\w'’-]*)*\s+){0,3}?(?:subsid(?:y|ies)|allowances?|grants?|bonus(?:es)?|rewards?|awards?|stipends?|"
    r"funding|loans?|incentives?|benefits?|exemptions?))\b",
    re.IGNORECASE,
)
_PHRASE_NOISE = re.compile(
    r"^(?:(?:how|much|many|what|which|is|the|a|an|does|do|can|monthly|yearly|annual|highest|maximum|most|"
    r"minimum|total|any|one-time|one-off|of|for|in|under|its|their|s|'s|large|big|generous|high)\s+)+",
    re.IGNORECASE,
)


_PHRASE_LEAD = re.compile(
    r"^(?:.*\b(?:through|via|from|by|with|to|on|at|under|for|of|in|get|gets|receive|receives|enjoy|enjoys|"
    r"offer|offers|give|gives|provide|provides|claim|claims)\s+)?(?:[A-Z][\w-]*(?:['’][a-z]+)?(?:'s|’s)\s+)?"
    r"(?:(?:a|an|the)\s+)?(?:(?:[A-Z][\w-]*\s+)+(?=[a-z]))?"
)


def benefit_phrase(text: str) -> str | None:
    """The benefit a question names, as written: 'first-home purchase subsidy'."""
    match = _BENEFIT_PHRASE.search(text)
    if not match:
        return None
    phrase = _PHRASE_NOISE.sub("", re.sub(r"(?<!\w)['‘’]|['‘’](?!\w)", "", match.group(1))).strip()
    # "borrow through Zhejiang's talent loan": the benefit is what follows the last preposition and
    # the place that owns it.
    phrase = _PHRASE_LEAD.sub("", phrase)
    # "first-home buyers a housing subsidy": the benefit is what follows the last article
    phrase = re.split(r"\b(?:a|an|the)\s+|\s[-–—:]\s", phrase, flags=re.IGNORECASE)[-1]
    # "guiyang 100 talent plan how much funding": what follows the words asking
    phrase = re.split(r"\b(?:how much|how many|what|which)\s+", phrase, flags=re.IGNORECASE)[-1]
    return phrase or None

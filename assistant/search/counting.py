"""Counts: what a 'how many' question counts, and whether a sentence gives a count of it
("three universities", not "age of 45" or "No. 3").
"""

from __future__ import annotations

import re

from assistant.language.glossary import SYNONYM_TERMS
from assistant.search.answer_types import Vocabulary
from assistant.text import terms

# Words that end the noun phrase after "how many": "how many users have signed up".
_NOT_COUNTED = frozenset(
    (
        "have", "has", "had", "did", "does", "do", "is", "are", "was", "were", "will", "would", "can",
        "could", "should", "came", "come", "went", "got", "get", "in", "on", "at", "of", "for", "to",
        "from", "by", "with", "that", "who", "which", "there", "here", "this",
        # a pronoun begins the clause that says what happens to them: "the number of talents it will ..."
        "it", "they", "we", "he", "she", "you", "i",
        # verbs after the noun counted: "how many staff work at them"
        "work", "live", "stay", "apply", "join", "receive", "attend", "participate", "take", "use",
        "enjoy", "need", "want", "settle", "move", "return", "study", "serve", "remain", "benefit",
        # adverbs: "how many actually came"
        "actually", "exactly", "really", "roughly", "approximately", "altogether", "so", "already",
    )
)  # fmt: skip


def counted_words(question: str) -> str:
    """What "how many" counts, as written: "how many skilled workers did" -> "skilled workers";
    "how many school-enterprise and enterprise-village projects were signed" -> "... projects"."""
    question = re.sub(r"\b([A-Za-z]{1,2})\.([A-Za-z])\.", r"\1\2", question)  # "Ph.D. holders"
    question = re.sub(r"\s*[\"“”「」『』《》]\s*", " ", question)  # how many "Heilongjiang Talent Cards"
    asking = r"(?:\bhow many|\bnumber of|\bnos?\. of|#\s*of)"  # "no. of recipients" too
    match = re.search(asking + r"\s+([a-z'’,\s-]+)", question, re.IGNORECASE)
    if not match:
        return ""
    # "How many of them were post-doctorate researchers?": what they were is counted
    of_them = re.match(
        r"of (?:them|these|those|us|the \w+)\s+(?:were|are|was|is|became|become|have been)\s+(?:an? )?"
        r"([a-z'’,\s-]+)",
        match.group(1),
        re.IGNORECASE,
    )
    if of_them:
        match = of_them
    else:  # "How many of those roadshow projects are expected to ...": those projects are counted
        # ("How many of Chun'an County's 8 talent contact points are in Singapore?": the contact points)
        named = re.match(
            r"of (?:these|those|the|its|their|(?:[\w'’-]+\s+){0,3}?[\w-]+['’]s)\s+"
            r"(?:\d[\d,]*\s+)?([a-z'’,\s-]+)",
            question[match.start(1) :],
            re.IGNORECASE,
        )
        match = named or match
    phrase = match.group(1)
    if "," in phrase and not re.search(r",[^,]*\band\b", phrase):
        phrase = phrase.split(",")[0]  # a comma ends it unless it lists nouns: "A, B and C projects"
    words: list[str] = []
    for word in phrase.split():
        if word.lower() in _NOT_COUNTED:
            break
        # "the number of talents Jinpu New District plans to introduce": a name after a plural noun
        # begins the clause that says what happens to them.
        last = words[-1].lower() if words else ""
        regular = bool(_PLURAL.search(last)) and last not in _NOT_PLURAL
        plural = bool(last) and (regular or last in _IRREGULAR_PLURALS)
        if plural and word[:1].isupper():
            break
        # "top managers hired by local companies": a participle after a plural noun describes them
        if plural and re.fullmatch(r"[a-z]{3,}ed", word.lower()):
            break
        words.append(word)
    return " ".join(words[-4:]).strip(",")


_PLURAL = re.compile(r"^[a-z][a-z-]{2,}s$")
_NOT_PLURAL = frozenset(("overseas", "various", "numerous", "previous", "famous", "gas", "bus", "campus"))
# "how many talented people Hainan aimed to attract": plurals without an -s
_IRREGULAR_PLURALS = frozenset(("people", "children", "men", "women"))


def counted_nouns(question: str) -> tuple[str, ...]:
    """What "how many" counts, as terms, its head noun last."""
    return tuple(terms(counted_words(question)))


_PEOPLE = frozenset(
    terms(
        "people persons person individuals talents talent professionals graduates experts workers "
        "personnel staff students applicants residents scholars scientists researchers recruits hires "
        "employees newcomers"
    )
)


_NUMBER_WORD = re.compile(
    r"^(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|hundred|hundreds|thousand|thousands|dozens?|million|millions)$",
    re.IGNORECASE,
)


def gives_count(counted: tuple[str, ...], sentence: str, known: frozenset[str] = frozenset()) -> bool:
    """The head noun counted and a figure (not a year, an amount or a date) in the sentence; for another
    word for people (persons for people), a figure within five words with no preposition between:
    "2257 persons", "skilled personnel reached 825,000"; not "six major areas for key talent". known:
    the figures the question itself names, which count nothing it asks."""
    if not counted:
        return True
    words = _words(sentence)
    stems = [terms(w)[:1] for w in words]
    counts = {j for j in _count_positions(words) if words[j] not in known}
    while len(counted) > 1 and counted[-1] in _GENERIC_HEADS:
        counted = counted[:-1]  # "how many 'dry goods' items": the goods are counted
    head = counted[-1]
    # "job openings": posts; words for people are matched near a figure, below
    heads = {head, *(SYNONYM_TERMS.get(head, ()) if head not in _PEOPLE else ())}
    wanted = heads | (_PEOPLE if head in _PEOPLE else set())
    if any(stem and stem[0] in heads for stem in stems) and any(
        _counts_nothing_after(words, j) and not _ends_a_range(words, j) for j in counts
    ):
        return True  # "the demand for talents in key industries ... will exceed 90,000"
    for i, stem in enumerate(stems):
        if not stem or stem[0] not in wanted:
            continue
        describes = _modifies_next(words, i)
        if stem[0] != head and describes:
            continue  # "12 rural talent stations" counts stations
        reach = 7 if stem[0] == head else 5  # "120 domestic and international high-quality talent projects"
        for j in range(max(0, i - reach), min(len(words), i + reach + 1)):
            between = words[min(i, j) + 1 : max(i, j)]
            # no preposition between ("16 sessions on talent work"), nor a clause break ("talent
            # work, and set up 7 teams")
            crossed = words[min(i, j) : max(i, j)]
            if (
                j in counts
                and not (describes and j == i - 1)  # "2 talent liaison stations" counts stations
                # "10,000 skilled workers and technicians": each noun asked about is counted
                and not _counts_its_own_noun(words, j, wanted | set(counted))
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


def _ends_a_range(words: list[str], j: int) -> bool:
    """ "from five workdays to three": the last figure measures what the first one does."""
    return j > 1 and words[j - 1].lower() == "to" and any(
        w.lower() == "from" for w in words[max(0, j - 6) : j - 1]
    )


def _counts_its_own_noun(words: list[str], j: int, wanted: set[str]) -> bool:
    """ "six sections: talent policy, ...": a figure right before a plural noun counts that noun,
    unless that noun is what is wanted ("12 overseas high-level talents"; "396 talents apartments"
    when apartments are asked about). The words before the noun only describe it: "8 talent contact
    points" counts points, not talents."""
    if j + 1 >= len(words) or words[j].endswith((",", ".", ";", ":")):
        return False
    phrase: list[str] = []
    following = [w.rstrip(".,;:") for w in words[j + 1 : j + 5]]
    for k, word in enumerate(words[j + 1 : j + 4]):
        bare = following[k]
        if not bare.replace("-", "").isalpha() or bare.lower() in _PREPOSITIONS:
            break
        phrase.append(bare)
        if word != bare:  # a comma or colon ends the phrase
            break
        if _plural(bare) and not (k + 1 < len(following) and _plural(following[k + 1])):
            break  # its head noun ("six sections talent policy"), unless another plural follows
    # "one discussion for one case": "one" counts the singular noun after it
    counted = any(_plural(w) for w in phrase) or (words[j].lower() == "one" and bool(phrase))
    if not counted:
        return False
    plurals = [w for w in phrase if _plural(w)]
    head = terms(plurals[-1] if plurals else phrase[-1])
    return not set(head[-1:]) & wanted


def _plural(word: str) -> bool:
    """A plural noun, by its ending ("sections"; not "overseas", "business", "various")."""
    lowered = word.lower()
    return lowered.isalpha() and lowered.endswith("s") and not lowered.endswith(("ss", "us", "is", "seas"))


def _words(sentence: str) -> list[str]:
    return re.findall(r"[\w,.%'’$¥/-]+", sentence)


def _count_positions(words: list[str]) -> list[int]:
    """Where the words hold a count: a figure that is not a year, an amount, a measure or a date."""
    vocabulary = Vocabulary.load()
    # "($7.38 million)": brackets and quotes are not part of the figure
    bare = [w.lstrip("(\"“‘'[").rstrip(".,)\"”’]").lower() for w in words]
    counts: dict[int, bool] = {}  # figure position -> counts something
    for j, word in enumerate(bare):
        if not _NUMBER_WORD.match(word.lstrip("$¥")) or re.fullmatch(r"(?:19|20)\d\d", word):
            continue
        if j and word in vocabulary.multipliers and j - 1 in counts:
            continue  # "7.38 million": the multiplier of the figure before, not a figure of its own
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
            or (word == "one" and after == "of")  # "one of the main organizers"
            # "children under 18": an age, where no noun follows to be counted
            or (j and bare[j - 1] in ("under", "below", "aged") and _counts_nothing_after(words, j))
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


def counts_other_things(focus: frozenset[str], sentence: str) -> bool:
    """Every count in the sentence counts a thing the question does not name, and not people: "issued
    talent cards that offer 24 exclusive services in seven areas" counts services and areas, not the
    cards a question naming no noun after "how many" ("how many, Heilongjiang talent card so far?")
    asks about."""
    words = _words(sentence)
    positions = _count_positions(words)
    if not positions:
        return False
    for j in positions:
        if _counts_nothing_after(words, j):
            return False
        after: list[str] = []
        for word in words[j + 1 : j + 4]:
            bare = word.rstrip(".,;:")
            if bare.lower() in _PREPOSITIONS or bare.lower() in ("and", "or"):
                break
            after.append(bare)
            if bare != word:
                break
        counted = set(terms(" ".join(after)))
        if not counted or counted & focus or counted & _PEOPLE:
            return False
    return True

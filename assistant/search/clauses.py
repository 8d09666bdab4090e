"""The clause of a sentence that a figure belongs to, so that a figure is read with its own
benefit and people ("3,000 yuan for PhDs and 2,000 yuan for masters, respectively").
"""

from __future__ import annotations

import re

from assistant.search.answer_types import Vocabulary
from assistant.search.parts import groups_in

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


def own_clause(sentence: str, written: str) -> str:
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


# The items of a list: "graduates, undergraduates and junior college students".
_ITEM_BREAK = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s+or\s+", re.IGNORECASE)


def people_listed(head: str) -> list[tuple[str, frozenset[str]]]:
    """The items of a list that name people, in order, each with its groups (every group counts here,
    "graduates" too: in "graduates, undergraduates and junior college students" it is an item)."""
    items = [item.strip() for item in _ITEM_BREAK.split(head) if item.strip()]
    named = [(item, groups_in(item)) for item in items]
    return [(item, groups) for item, groups in named if groups]


def _respectively(sentence: str, written: str) -> tuple[str, str] | None:
    amounts = [m for m in re.finditer(r"\d[\d,.]*", sentence)]
    found = [m.group() for m in amounts]
    if written not in found:
        return None
    # The people listed before the amounts ("graduates, undergraduates and junior college students
    # ... 40,000 yuan, 20,000 yuan and 10,000 yuan respectively").
    listed = people_listed(sentence[: amounts[0].start()])
    if len(listed) == len(amounts):
        return f"{listed[found.index(written)][0]} {written}", sentence
    # Or the ranked groups named anywhere ("3,000 and 2,000 yuan for PhDs and masters respectively").
    vocabulary = Vocabulary.load()
    named: list[tuple[int, str, str]] = []
    for group, (rank, pattern) in vocabulary.groups.items():
        if rank is None and not group.startswith("grade"):
            continue  # "graduates" and "couples" are not the items of such a list
        named.extend((m.start(), group, m.group()) for m in pattern.finditer(sentence))
    named.sort()
    if not named or len(named) != len(found):
        return None
    _, _, words = named[found.index(written)]
    return f"{words} {written}", sentence

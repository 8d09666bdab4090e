"""Questions sent as a numbered or bulleted list, each item made a sentence of its own.

"Hi, HR at a Wuhu firm here. 1) What is the rent subsidy? 2) How long is it paid?", "①补贴多少?②年龄上限是
多少?", "(a) ... (b) ...", "一、…… 二、……", "- ..." on lines of their own: the markers are no words of
the question (NFKC reads "①" as "1", a figure the question never gave), and each item ends where the next
begins, as if it ended with a question mark or a full stop. A line introducing the list ("Caller asks about
Hainan's policy:") reads with its first item; one before it that asks nothing of its own ("And for
PhDs?") is a statement of what the items are about.
"""

from __future__ import annotations

import re

from assistant.search.question_clauses import ASKING_CHINESE, asks_in_words

# ①-⑳, ⑴-⒇, ⒈-⒛, ❶-❿, ➀-➉, ➊-➓: a marker wherever it stands
_CIRCLED = re.compile("[\u2460-\u249b\u2776-\u2793]")
_CHINESE_DIGITS = "一二三四五六七八九十"
# where a numbered marker may start: the start of a line, or after a space or the end of a clause
_BEFORE = r"(?:^|(?<=[\s:：。？?！!；;,，]))"
_NUMBERED = re.compile(
    _BEFORE + r"(?:[(（]\s*(?P<a>\d{1,2}|[a-e]|[一二三四五六七八九十]{1,2})\s*[)）]"
    r"|(?P<b>\d{1,2})\s*[)）.．、:：](?!\d)"
    r"|(?P<c>[a-e])[)）](?![\w])"
    r"|(?P<d>[一二三四五六七八九十]{1,2})\s*[、.．](?!\d))",
    re.MULTILINE,
)
_BULLET = re.compile(r"^[ \t]*[-•*·●▪◦‣]\s+", re.MULTILINE)
# an item whose subject is a pronoun ("Does it also cover ...?", "这个政策...")
_REFERS_BACK = re.compile(
    r"^\W*(?:(?:and|but|so|also)\s+)?(?:(?:does|do|is|are|was|were|can|could|will|would|has|have|must|should)\s+)?"
    r"(?:it|this|that|they|these|those|its|their)\b|^\W*(?:它|这个|这项|该|此|那个)",
    re.IGNORECASE,
)
_ENDS_SENTENCE = re.compile(r"[.?!。？！]\s*$")
_CHINESE = re.compile(r"[\u3400-\u9fff]")


def items_apart(message: str) -> str:
    """The message with its list markers taken out, the line before the list a statement and each item a
    sentence on its own line; a message with no list as it is."""
    cuts = _markers(message)
    if not cuts:
        return message
    pieces = [message[: cuts[0][0]]]
    ends = [start for start, _ in cuts[1:]] + [len(message)]
    pieces += [message[end:stop] for (_, end), stop in zip(cuts, ends, strict=True)]
    items = [_ended(item.strip().rstrip(";；,，").strip(), asking=True) for item in pieces[1:]]
    lead = pieces[0].strip()
    if lead.endswith((":", "：")) and items and _REFERS_BACK.match(items[0]):
        # "Caller asks about Hainan's 2018 permanent residence policy: - Does it also cover his spouse?":
        # the first item speaks of what the line introducing the list names
        space = "" if _CHINESE.match(items[0][:1]) else " "
        return "\n".join([f"{lead}{space}{items[0]}", *items[1:]])
    # "那博士呢? ①补贴多少? ②年龄上限?": the line before the items says what they are about, asking nothing
    # of its own
    lead = _ended(lead.rstrip(":：?？").strip(), asking=False)
    return "\n".join(s for s in [lead, *items] if s)


def _markers(message: str) -> list[tuple[int, int]]:
    """Where each list marker starts and ends, in order; none unless they number a list (1, 2 ...; a, b
    ...; 一, 二 ...) or it is a circled number or a bullet."""
    circled = [(m.start(), m.end()) for m in _CIRCLED.finditer(message)]
    bullets = [(m.start(), m.end()) for m in _BULLET.finditer(message)]
    numbered = _in_sequence(list(_NUMBERED.finditer(message)))
    for found in (circled, numbered, bullets):
        if len(found) >= 2 or (found is circled and found):
            return found
    return []


def _in_sequence(found: list[re.Match[str]]) -> list[tuple[int, int]]:
    """The markers that count 1, 2, 3 ... (or a, b ... or 一, 二 ...) from the first, in one style."""
    best: list[tuple[int, int]] = []
    for start, first in enumerate(found):
        if _rank(first) != 1:
            continue
        run = [first]
        for later in found[start + 1 :]:
            if _style(later) == _style(first) and _rank(later) == _rank(run[-1]) + 1:
                run.append(later)
        if len(run) > len(best):
            best = [(m.start(), m.end()) for m in run]
    return best if len(best) >= 2 else []


def _label(match: re.Match[str]) -> str:
    return next(g for g in match.groups() if g)


def _style(match: re.Match[str]) -> tuple[str | None, str]:
    label = _label(match)
    kind = "digit" if label.isdigit() else "letter" if label.isascii() else "chinese"
    return match.lastgroup, kind


def _rank(match: re.Match[str]) -> int:
    label = _label(match).lower()
    if label.isdigit():
        return int(label)
    if label.isascii():
        return ord(label) - ord("a") + 1
    if len(label) == 1:
        return _CHINESE_DIGITS.index(label) + 1
    return 10 + (_CHINESE_DIGITS.index(label[1]) + 1 if label[0] == "十" else 0)


def _ended(text: str, asking: bool) -> str:
    """The text ending as a sentence: with a question mark where an item asks, a full stop otherwise."""
    if not text or _ENDS_SENTENCE.search(text):
        return text
    chinese = bool(_CHINESE.search(text))
    # ("第三年呢": 呢 asks too, in a list item)
    asks = asking and ((ASKING_CHINESE.search(text) or "呢" in text) if chinese else asks_in_words(text))
    return text + ("?" if asks else "." if not chinese else "。")

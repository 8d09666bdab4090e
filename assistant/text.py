"""The text toolkit every module shares: whitespace, lexical terms, sentences, figures, citation markers.

- ``fold_ws``, ``has_cjk``, ``is_mostly_cjk``: whitespace and scripts.
- ``terms``: lexical terms (stemmed, stopwords of ``assistant/data/stopwords.txt`` dropped).
- ``split_sentences`` (a paragraph at once) and ``SentenceSplitter`` (text as it streams in), with
  one list of ``ABBREVIATIONS`` that a "." does not end a sentence after.
- ``figures`` (a text's numbers, number words, scales and months, for the guard) and ``numbers_in``
  (its plain figures, for evaluation scores); ``MONTHS`` and the month-name pattern.
- Citation markers: ``MARKER`` (the forms a model writes: [1], [1, 2], [1-3], [Source 2]),
  ``cited_numbers``, ``strip_markers``; ``CITATION`` the assistant's own [n].
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

import Stemmer

from assistant.language.numerals import to_english_figures

_WS = re.compile(r"\s+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")

# Numbers keep their decimals and drop thousands separators, so "10,000" and "10000" meet.
_TERM = re.compile(r"\d+(?:[.,]\d+)*|[a-z]+|[\u3400-\u9fff\uf900-\ufaff]+")

# Numbers written out in words, each at the index of its value.
NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)  # fmt: skip
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip
MONTH_NAMES = "|".join(MONTHS)  # for a regular expression: (?:January|February|...)


def _word_list(name: str) -> frozenset[str]:
    """The words of a data file (assistant/data/NAME): separated by spaces or lines, '#' comments."""
    text = (files("assistant") / "data" / name).read_text(encoding="utf-8")
    return frozenset(word for line in text.splitlines() for word in line.split("#", 1)[0].split())


# Words that carry no topic: left out of lexical terms.
STOPWORDS = _word_list("stopwords.txt")

_stemmer = Stemmer.Stemmer("english")


def fold_ws(text: str) -> str:
    """Collapse every run of whitespace to one space and trim."""
    return _WS.sub(" ", text).strip()


def has_cjk(text: str) -> bool:
    """True when the text holds a Chinese character."""
    return _CJK.search(text) is not None


def is_mostly_cjk(text: str) -> bool:
    """True when Chinese characters outnumber Latin letters."""
    return len(_CJK.findall(text)) > len(_LATIN.findall(text))


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


def _cjk_bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def terms(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Lexical terms of a text: lower-cased, stemmed, numbers normalised, CJK as bigrams."""
    out: list[str] = []
    for token in _TERM.findall(text.lower()):
        if token[0].isdigit():
            out.append(token.replace(",", ""))
        elif _CJK.match(token):
            out.extend(_cjk_bigrams(token))
        elif keep_stopwords or token not in STOPWORDS:
            out.append(_stem(token))
    return out


# -- sentences -----------------------------------------------------------------------------------
# Words a "." does not end a sentence after ("Co. Ltd.", "No. 5", "Jan. 5"); single letters neither.
ABBREVIATIONS = frozenset([
    "mr", "mrs", "ms", "dr", "prof", "co", "ltd", "inc", "no", "nos", "vs", "st", "e.g", "i.e", "etc",
    "u.s", "fig", "art", "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec",
])  # fmt: skip
# The streaming splitter has always ended a sentence after these: kept, so that answers do not change.
_STREAM_ENDS_AFTER = frozenset([
    "prof", "nos", "u.s", "fig", "art", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec",
])  # fmt: skip
# A sentence ends at . ! ? (or their CJK forms) followed by space and a plausible sentence start.
_SENTENCE_END = re.compile(r"(?<=[.!?])([\"”’)]*)\s+(?=[\"“‘(\[]?[A-Z0-9\u3400-\u9fff])|(?<=[。！？])()")


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, each a verbatim slice of it."""
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        end = match.end(1) if match.group(1) is not None else match.end(2)
        candidate = paragraph[start:end]
        # "(e.g. 1,500 yuan ...)": the abbreviation may open a bracket or a quotation
        last_word = candidate.rstrip('"”’) ').rsplit(" ", 1)[-1].rstrip(".").lstrip("(\"“‘[").lower()
        if last_word in ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
            continue  # "Co. Ltd." and initials do not end a sentence
        pieces.append(candidate.strip())
        start = match.end()
    pieces.append(paragraph[start:].strip())
    return [p for p in pieces if p]


# Streamed text: a sentence ends at a stop (with its closing quotes) or a line break, and takes the
# citation markers after it.
_END = re.compile(r"[.!?]+[\"”’)]*|[。！？]+[”’）]*|\n")
_TRAILING_MARKERS = re.compile(r"(?:[ \t]*\[[^\[\]\n]{1,24}\])*")
_STREAM_ABBREVIATIONS = ABBREVIATIONS - _STREAM_ENDS_AFTER


class SentenceSplitter:
    """Cuts streamed text into whole sentences, each with the citation markers that follow it."""

    def __init__(self) -> None:
        self.buffer = ""

    def feed(self, piece: str) -> list[str]:
        """Add streamed text; return the sentences it completed."""
        self.buffer += piece
        out: list[str] = []
        while (end := self._first_end()) is not None:
            sentence, self.buffer = self.buffer[:end], self.buffer[end:]
            if sentence.strip():
                out.append(sentence)
        return out

    def flush(self) -> list[str]:
        """The rest of the text once the stream has ended."""
        rest, self.buffer = self.buffer, ""
        return [rest] if rest.strip() else []

    def _first_end(self) -> int | None:
        """Where the first complete sentence ends, once the text after it shows it is complete."""
        text = self.buffer
        for match in _END.finditer(text):
            if match.group() == "\n":
                if not text[: match.start()].strip():
                    continue  # blank lines before the first sentence
                end = match.start()
            else:
                end = _TRAILING_MARKERS.match(text, match.end()).end()  # type: ignore[union-attr]
                before = (
                    text[: match.start()].rsplit(None, 1)[-1].lower() if text[: match.start()].strip() else ""
                )
                if match.group().startswith(".") and (before in _STREAM_ABBREVIATIONS or len(before) == 1):
                    continue  # "No. 5", "e.g.", initials
            rest = text[end:]
            gap = len(rest) - len(rest.lstrip())
            if end + gap >= len(text):
                return None  # wait: markers or a closing quote may still follow
            following = text[end + gap]
            if following == "[":
                return None  # a marker still being written
            if gap == 0 and not match.group().startswith(("。", "！", "？")) and match.group() != "\n":
                continue  # "1.5", "U.S.": no space after the stop
            return end
        return None


# -- figures -------------------------------------------------------------------------------------
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# A plain figure: digits with thousands separators and decimals ("10,000", "2.1", "31.7" of "31.7%").
_PLAIN_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_WORD = re.compile(r"[a-z]+")
# Written-out numbers are figures too ("two years" must be in the passage); "one" is left out, being
# mostly a pronoun ("one of the programmes").
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(NUMBER_WORDS) if w != "one"}
_SCALES = frozenset(["hundred", "thousand", "million", "billion", "trillion"])
# Month names count when capitalised: "may" is mostly a verb.
_MONTH = re.compile(rf"\b(?:{MONTH_NAMES})\b")


def normal_figure(token: str) -> str:
    """A figure as written, normalised: '1,500' is '1500', '2.50' is '2.5', '05' is '5'."""
    plain = token.replace(",", "").rstrip(".")
    if "." in plain:
        whole, _, fraction = plain.partition(".")
        fraction = fraction.rstrip("0")
        return f"{int(whole or 0)}.{fraction}" if fraction else str(int(whole or 0))
    return str(int(plain)) if plain.isdigit() else plain


def figures(text: str) -> dict[str, str]:
    """A text's numbers, amounts, percentages and dates: normalised ('1,500' is '1500') -> as written.

    Chinese figures count as an English article writes them: 1万 is 10,000, 3000万 is 30 million
    ('30' and 'million'), 百分之六点七 is 6.7. Citation markers are not figures.
    """
    text = to_english_figures(MARKER.sub(" ", text))
    found = {normal_figure(t): t for t in _NUMBER.findall(text)}
    for word in _WORD.findall(text.lower()):
        if word in _NUMBER_WORDS:
            found.setdefault(_NUMBER_WORDS[word], word)
        elif word in _SCALES:
            found.setdefault(word, word)
    for month in _MONTH.findall(text):
        found.setdefault(month.lower(), month)
    return found


_AMOUNT_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_AMOUNT_SCALE = {
    "million": 1e6, "billion": 1e9, "thousand": 1e3, "hundred thousand": 1e5, "ten thousand": 1e4
}


def amount_value(text: str) -> float | None:
    """The yuan an amount names ("800 thousand RMB" -> 800000.0); None for other currencies or ranges."""
    if "$" in text or re.search(r"dollar", text, re.IGNORECASE):
        return None
    numbers = _AMOUNT_NUMBER.findall(text)
    if len(numbers) != 1:
        return None
    value = float(numbers[0].replace(",", ""))
    lowered = text.lower()
    for word in sorted(_AMOUNT_SCALE, key=len, reverse=True):
        if re.search(rf"\b{word}\b", lowered):
            return value * _AMOUNT_SCALE[word]
    return value


def as_written(text: str, figure: str) -> str:
    """How a text writes a normalised figure ('1500' may be '1,500')."""
    return next((t for t in _NUMBER.findall(text) if normal_figure(t) == figure), figure)


def numbers_in(text: str) -> set[str]:
    """The plain figures in a text, thousands separators dropped ("[n]" markers are not figures)."""
    return {n.replace(",", "").rstrip(".") for n in _PLAIN_NUMBER.findall(CITATION.sub(" ", text))}


# -- citation markers ----------------------------------------------------------------------------
# [1]: the marker the assistant writes.
CITATION = re.compile(r"\[(\d+)\]")
# [1], [1, 2], [1-3], [Source 2]: the markers a model writes.
MARKER = re.compile(r"\[\s*(?:sources?\s*)?(\d+(?:\s*(?:,|-|–|and)\s*\d+)*)\s*\]", re.IGNORECASE)


def cited_numbers(text: str) -> list[int]:
    """The source numbers a sentence's markers name, in order, without repeats."""
    found: list[int] = []
    for match in MARKER.finditer(text):
        for part in re.split(r"\s*(?:,|and)\s*", match.group(1)):
            bounds = [int(x) for x in re.split(r"\s*[-–]\s*", part) if x]
            numbers = (
                range(bounds[0], bounds[-1] + 1)
                if len(bounds) == 2 and bounds[1] - bounds[0] < 10
                else bounds
            )
            found.extend(n for n in numbers if n not in found)
    return found


def strip_markers(text: str) -> str:
    """The sentence without its citation markers, spaces tidied."""
    plain = fold_ws(MARKER.sub(" ", text))
    return re.sub(r"\s+([.,;:!?。，；：！？])", r"\1", plain)

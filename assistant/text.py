"""Shared text primitives: whitespace folding, sentences, and lexical terms."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import Stemmer

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

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "tell",
        "please",
        "give",
        "get",
        "got",
        "let",
        "us",
        "know",
        "many",
        "much",
        "anything",
        "something",
        "thing",
        "things",
        "kind",
        "sort",
        "say",
        "says",
        "said",
        "does",
        "did",
        "done",
        "one",
        "ones",
        "s",
        "t",
        "m",
        "re",
        "ve",
        "ll",
        "d",
    ]
)

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "co",
        "ltd",
        "inc",
        "no",
        "nos",
        "vs",
        "st",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "e.g",
        "i.e",
        "etc",
        "u.s",
        "fig",
        "art",
        "approx",
    ]
)
# A sentence ends at . ! ? (or their CJK forms) followed by space and a plausible sentence start.
_SENTENCE_END = re.compile(r"(?<=[.!?])([\"”’)]*)\s+(?=[\"“‘(\[]?[A-Z0-9\u3400-\u9fff])|(?<=[。！？])()")

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


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, each a verbatim slice of it."""
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        end = match.end(1) if match.group(1) is not None else match.end(2)
        candidate = paragraph[start:end]
        last_word = candidate.rstrip('"”’) ').rsplit(" ", 1)[-1].rstrip(".").lower()
        if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
            continue  # "Co. Ltd." and initials do not end a sentence
        pieces.append(candidate.strip())
        start = match.end()
    pieces.append(paragraph[start:].strip())
    return [p for p in pieces if p]


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


def term_set(texts: Iterable[str]) -> set[str]:
    """The set of terms over several texts."""
    found: set[str] = set()
    for text in texts:
        found.update(terms(text))
    return found

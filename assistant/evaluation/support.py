"""Does a cited passage back a sentence? Statements, figures and the ALCE citation counts.

No NLI model is available offline, so support is lexical: a set of cited articles supports a
sentence when one window of three consecutive sentences in each of them, taken together, holds
at least SUPPORT_COVERAGE of the sentence's content terms (stemmed, stopwords dropped) and every
figure in it. Quoted and lightly edited sentences pass; a paraphrase that changes most words does
not, so this favours extractive answers and is stricter than an entailment model would be.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.answering.answer import Answer
from assistant.text import CITATION, numbers_in, split_sentences, terms

SUPPORT_COVERAGE = 0.7
WINDOW = 3  # sentences per passage: about the length of the passages ALCE retrieves

# A run of [n] markers, with the spaces before them: what closes a stretch of an answer's text.
_MARKERS = re.compile(r"((?:\s*\[\d+\])+)")


@dataclass(frozen=True)
class Statement:
    """One sentence of an answer and the articles its [n] markers point at."""

    text: str
    cites: tuple[str, ...]


def statements(answer: Answer) -> list[Statement]:
    """The answer's sentences; each takes the markers that close its stretch of text."""
    paths = {c.n: c.path for c in answer.citations}
    out: list[Statement] = []
    for line in answer.answer.splitlines():
        pieces = _MARKERS.split(line)  # text, markers, text, markers, ..., text
        for i in range(0, len(pieces), 2):
            markers = pieces[i + 1] if i + 1 < len(pieces) else ""
            cites = tuple(dict.fromkeys(paths[n] for n in map(int, CITATION.findall(markers)) if n in paths))
            for sentence in split_sentences(pieces[i].strip()):
                if terms(sentence) or numbers_in(sentence):
                    out.append(Statement(sentence, cites))
    return out


@dataclass(frozen=True)
class Alce:
    """ALCE's counts for one answer (Gao et al. 2023, 'Enabling LLMs to generate text with citations')."""

    statements: int = 0
    supported: int = 0  # sentences whose citations, together, support them (citation recall)
    citations: int = 0
    credited: int = 0  # citations that are not irrelevant (citation precision)


@dataclass(frozen=True)
class _Window:
    terms: frozenset[str]
    numbers: frozenset[str]


class SupportChecker:
    """Lexical support of answer sentences by the articles they cite; article windows are cached."""

    def __init__(self, coverage: float = SUPPORT_COVERAGE) -> None:
        self.coverage = coverage
        self._windows: dict[str, list[_Window]] = {}

    def _article_windows(self, path: str, text: str) -> list[_Window]:
        if path not in self._windows:
            sentences = [s for line in text.splitlines() for s in split_sentences(line.strip())]
            spans = [sentences[i : i + WINDOW] for i in range(max(len(sentences) - WINDOW + 1, 1))]
            self._windows[path] = [
                _Window(frozenset(terms(" ".join(span))), frozenset(numbers_in(" ".join(span))))
                for span in spans
            ]
        return self._windows[path]

    def supports(self, sentence: str, paths: Iterable[str], texts: dict[str, str]) -> bool:
        """True when the best window of each cited article, together, back the sentence."""
        wanted_terms = set(terms(sentence))
        wanted_numbers = numbers_in(sentence)
        have_terms: set[str] = set()
        have_numbers: set[str] = set()
        any_path = False
        for path in paths:
            windows = self._article_windows(path, texts.get(path, ""))
            if not windows:
                continue
            any_path = True
            best = max(
                windows,
                key=lambda w: (len(wanted_numbers & w.numbers), len(wanted_terms & w.terms)),
            )
            have_terms |= best.terms
            have_numbers |= best.numbers
        if not any_path:
            return False
        covered = len(wanted_terms & have_terms) / len(wanted_terms) if wanted_terms else 1.0
        return covered >= self.coverage and wanted_numbers <= have_numbers

    def alce(self, said: list[Statement], texts: dict[str, str]) -> Alce:
        """Citation recall and precision counts, following ALCE's reference implementation.

        Recall: a sentence counts when its citations together support it (none: it does not).
        Precision: with one citation, it is credited when it supports the sentence; with several
        that together support it, each is credited unless it alone does not support the sentence
        and the others still do without it.
        """
        supported = citations = credited = 0
        for statement in said:
            cites = statement.cites
            joint = bool(cites) and self.supports(statement.text, cites, texts)
            supported += joint
            citations += len(cites)
            if not joint:
                continue
            if len(cites) == 1:
                credited += 1
                continue
            for path in cites:
                alone = self.supports(statement.text, [path], texts)
                rest = [p for p in cites if p != path]
                credited += alone or not self.supports(statement.text, rest, texts)
        return Alce(len(said), supported, citations, credited)

    def unfaithful_numbers(self, statement: Statement, texts: dict[str, str], cited: list[str]) -> set[str]:
        """Figures of a sentence that no article it cites holds (a sentence without markers: none cited)."""
        sources = statement.cites or tuple(cited)
        held: set[str] = set()
        for path in sources:
            held |= numbers_in(texts.get(path, ""))
        return numbers_in(statement.text) - held

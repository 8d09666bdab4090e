"""The guard: every generated sentence is checked against the passage it cites before it is shown."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from assistant.answering.prompts import SYSTEM_PROMPT, Source
from assistant.search.clauses import clause_of, own_clause
from assistant.search.counting import count_figures
from assistant.search.embeddings import Embedder
from assistant.search.fits import fits, states_a_plan, states_a_result
from assistant.search.parts import read_part
from assistant.text import (
    MONTH_NAMES,
    MONTHS,
    as_written,
    cited_numbers,
    figures,
    normal_figure,
    strip_markers,
    terms,
)

# A sentence is supported by a passage when both hold. Chosen with `python -m evals.guard_calibration`
# (52 hand-written claims about the bundled corpus, all-MiniLM-L6-v2): at 0.7 and 0.65, 23 of 26
# paraphrased true claims pass and none of 26 false ones; at 0.7 and 0.55, 25 true and 2 false ones
# ("Harbin Institute of Technology is the best university for agriculture"). A true sentence removed
# costs a fallback to the quoted answer; a false one shown costs the user's trust.
# - this share of its content words (stemmed; stopwords and sourcing words left out) occur in one
#   sentence, or two adjacent ones, of the passage (with the source's title, date and region);
MIN_LEXICAL = 0.7
# - its cosine similarity to the passage's closest sentence (or pair of adjacent sentences) reaches this.
MIN_COSINE = 0.65
# Word runs this long shared with the system prompt mean the model is reciting its instructions.
PROMPT_SHINGLE = 6

# Words that say where a claim comes from rather than what it is: no passage needs to hold them.
_SOURCING = frozenset(
    terms("source sources according article articles passage mention mentions state states")
)
_META = re.compile(
    r"\[n\]|\bsystem prompt\b|\bmy (?:instructions|rules|prompt|guidelines)\b|\b(?:these|the) rules\b|"
    r"\bi (?:was|am|have been) (?:told|instructed|asked) to\b|\bas an ai\b|\blanguage model\b|"
    r"\byou are a policy assistant\b",
    re.IGNORECASE,
)
_PROMPT_WORDS = re.findall(r"[a-z0-9]+", SYSTEM_PROMPT.lower())
_PROMPT_SHINGLES = frozenset(
    tuple(_PROMPT_WORDS[i : i + PROMPT_SHINGLE]) for i in range(len(_PROMPT_WORDS) - PROMPT_SHINGLE + 1)
)


# A figure followed by a noun (after any multiplier) counts that noun: "10,000 graduates".
_COUNTED_NOUN = re.compile(
    r"^\s*(?:(?:million|billion|thousand|hundred)\s+)*+(?!(?:million|billion|thousand|hundred|and|or|to|in|of|for|per|from|with|at|by|is|are|was|"
    r"were|the|a|an)\b)[A-Za-z]{3,}"
)


def _digits(written: str) -> str:
    return re.sub(r"\D", "", written)


# A day of a month ("May 5", "Sept. 30") or a year: a sentence's dates.
_IN_DATE = re.compile(
    rf"\b(?:{MONTH_NAMES}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.? (\d{{1,2}})\b|\b((?:19|20)\d\d)\b"
)


# "November 19" (with its year, if any): a day the sentence says something happened on.
_DAY = re.compile(rf"\b({MONTH_NAMES})\.? (\d{{1,2}})\b")
# A source label's date: the day the article was published ("2020-11-19").
_LABEL_DATE = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
# Words that make a day the article's own: "published on", "the notice dated".
_PUBLISHED = re.compile(
    r"\b(?:publish\w*|releas\w*|issu\w*|announc\w*|post(?:ed|ing)?|dated?|report\w*|updated|"
    r"articles?|notices?|news|press release|unveil\w*)\b",
    re.IGNORECASE,
)


def _month_day(match: re.Match[str]) -> tuple[int, int]:
    """A _DAY match as (month, day): "November 19" -> (11, 19)."""
    return MONTHS.index(match.group(1)) + 1, int(match.group(2))


def repeats_instructions(sentence: str) -> bool:
    """True when a sentence talks about or recites the system prompt."""
    if _META.search(sentence):
        return True
    words = re.findall(r"[a-z0-9]+", sentence.lower())
    return any(tuple(words[i : i + PROMPT_SHINGLE]) in _PROMPT_SHINGLES for i in range(len(words)))


@dataclass
class Support:
    """How well some sources support a sentence."""

    lexical: float
    cosine: float
    missing: list[str]  # figures of the sentence that none of the sources holds
    quotes: dict[int, str] = field(default_factory=dict)  # source -> its closest sentence(s)
    # figures the sources hold, but only for another benefit, group of people or period
    misbound: dict[str, str] = field(default_factory=dict)  # figure -> what the source says it is

    @property
    def ok(self) -> bool:
        """Supported: enough words, close enough in meaning, every figure present and bound alike."""
        return (
            self.lexical >= MIN_LEXICAL
            and self.cosine >= MIN_COSINE
            and not self.missing
            and not self.misbound
        )

    def why_not(self, cited: str) -> str:
        """What fails, in words."""
        if self.missing:
            return f"{', '.join(self.missing)} not in {cited}"
        if self.misbound:
            figure, why = next(iter(self.misbound.items()))
            return f"{figure} in {cited} {why}"
        return (
            f"{cited} does not support it (word overlap {self.lexical:.2f}, needs {MIN_LEXICAL}; "
            f"similarity {self.cosine:.2f}, needs {MIN_COSINE})"
        )


@dataclass
class Verdict:
    """The guard's decision on one sentence."""

    original: str  # as the model wrote it
    text: str | None  # what may be shown, with its markers; None when removed
    cited: list[int] = field(default_factory=list)
    quotes: dict[int, str] = field(default_factory=dict)
    action: str = "kept"  # kept, repaired or removed
    reason: str = ""


@dataclass
class _Row:
    n: int
    text: str
    quotable: bool  # a sentence or adjacent pair of the passage, not the source's label


class Guard:
    """Checks sentences against a fixed set of numbered sources; the passages are embedded once."""

    def __init__(self, sources: list[Source], embed: Callable[[], Embedder]) -> None:
        self.sources = {s.n: s for s in sources}
        self._embed = embed
        self._rows: list[_Row] = []
        for s in sources:
            self._rows.append(_Row(s.n, s.label, False))
            self._rows.extend(_Row(s.n, sentence, True) for sentence in s.sentences)
            self._rows.extend(
                _Row(s.n, f"{a} {b}", True) for a, b in zip(s.sentences, s.sentences[1:], strict=False)
            )
        self._vectors: np.ndarray | None = None
        self._asked: dict[str, np.ndarray] = {}  # sentence -> its vector: a repair scores it again
        labels = {s.n: set(terms(s.label)) for s in sources}
        # A claim must be found in one place: a sentence or two adjacent ones (with the source's title,
        # date and region), not pieced together from words scattered over the passage.
        self._row_terms = [set(terms(r.text)) | labels[r.n] for r in self._rows]
        self._figures = {s.n: set(figures(f"{s.label} {s.text}")) for s in sources}
        # Single sentences (not adjacent pairs), with their figures and the two sentences before them.
        self._single: set[int] = set()
        self._before: dict[int, str] = {}
        i = 0
        for s in sources:
            i += 1  # the label row
            for k in range(len(s.sentences)):
                self._single.add(i + k)
                self._before[i + k] = " ".join([s.label, *s.sentences[max(0, k - 2) : k]])
            i += len(s.sentences) + max(0, len(s.sentences) - 1)
        self._row_figures = [set(figures(r.text)) for r in self._rows]

    def _vectors_of_rows(self) -> np.ndarray:
        if self._vectors is None:
            self._vectors = self._embed().embed([r.text for r in self._rows])
        return self._vectors

    def support(self, sentence: str, cited: list[int]) -> Support:
        """How well the union of the cited sources' passages supports a sentence (markers removed)."""
        content = set(terms(sentence)) - _SOURCING
        held: set[str] = set()
        for n in cited:  # "A offers X [1] and B offers Y [2]": the best place in each source, together
            rows = [i for i, r in enumerate(self._rows) if r.n == n]
            held |= max((self._row_terms[i] & content for i in rows), key=len, default=set())
        lexical = len(held) / len(content) if content else 0.0
        holds = set().union(*(self._figures[n] for n in cited))
        missing = [written for figure, written in figures(sentence).items() if figure not in holds]
        misbound = self._misbound(sentence, cited)
        if sentence not in self._asked:
            self._asked[sentence] = self._embed().embed([sentence])[0]
        vector = self._asked[sentence]
        similarities = self._vectors_of_rows() @ vector
        cosine = 0.0
        quotes: dict[int, str] = {}
        for n in cited:
            best = max(
                (i for i, r in enumerate(self._rows) if r.n == n and r.quotable),
                key=lambda i: similarities[i],
                default=None,
            )
            if best is not None:
                cosine = max(cosine, float(similarities[best]))
                quotes[n] = self._rows[best].text
        return Support(lexical, cosine, missing, quotes, misbound)

    def _misbound(self, sentence: str, cited: list[int]) -> dict[str, str]:
        """Figures of the sentence that every cited sentence holding them binds to something else.

        "The home-purchase subsidy is 5,000 yuan per month [1]" where [1] says "a rental subsidy of
        5,000 yuan per month" for another group: the figure occurs, the claim is false. The claim is
        read like a question part (its benefit, group of people and period) and each source sentence
        holding the figure must fit it as an answer would.
        """
        wrong = (
            self._miscounted(sentence, cited)
            | self._done_not_planned(sentence, cited)
            | self._dated_by_label(sentence, cited)
        )
        claim = read_part(sentence)
        if not (claim.kinds or claim.groups or claim.period):
            return wrong
        claim = dataclasses.replace(claim, asks=None, aggregate=True)
        dates = {normal_figure(m.group(1) or m.group(2)) for m in _IN_DATE.finditer(sentence)}
        for figure, written in figures(sentence).items():
            if not figure[:1].isdigit() or figure in dates:
                continue  # words and dates: their binding is not a benefit, people or period
            holding = [(self._rows[i].text, self._before[i]) for i in self._holding(figure, cited)]
            verdicts = []
            for text, before in holding:
                # The figure's own clause of the source sentence: its benefit, people and period.
                clause, lead = clause_of(text, as_written(text, figure))
                # The benefit may be named in the sentences before; the people, in this sentence.
                benefit = fits(dataclasses.replace(claim, groups=frozenset()), clause, f"{before} {lead}")
                people = fits(dataclasses.replace(claim, kinds=frozenset(), period=None), clause, lead)
                if people.why == "does not say it applies to them":
                    people = benefit  # a clause naming nobody in particular does not contradict the claim
                verdicts.append(benefit if not benefit.ok else people)
            if verdicts and not any(v.ok for v in verdicts):
                wrong[written] = verdicts[0].why
        return wrong

    def _holding(self, figure: str, cited: list[int]) -> list[int]:
        """The cited source sentences (row numbers) that hold this figure, each a single sentence."""
        return [
            i
            for i, r in enumerate(self._rows)
            if r.n in cited and r.quotable and i in self._single and figure in self._row_figures[i]
        ]

    def _done_not_planned(self, sentence: str, cited: list[int]) -> dict[str, str]:
        """Figures the sentence states as done ("300 roadshows have been held [1]") that every cited
        sentence holding them gives only as a plan or target ("300 roadshows will be put on stage")."""
        wrong: dict[str, str] = {}
        for figure, written in figures(sentence).items():
            if not figure[:1].isdigit() or not states_a_result(own_clause(sentence, written)):
                continue
            clauses = [
                own_clause(self._rows[i].text, as_written(self._rows[i].text, figure))
                for i in self._holding(figure, cited)
            ]
            if clauses and all(states_a_plan(c) for c in clauses):
                wrong[written] = "states as done what the source gives as a plan or target"
        return wrong

    def _dated_by_label(self, sentence: str, cited: list[int]) -> dict[str, str]:
        """Days the sentence gives an event that the cited sources hold only as their own date: "The
        conference is held on November 19 [1]" where [1] was published on 2020-11-19 and says the
        conference is on November 21 to 22. A sentence about the article itself ("published on") may."""
        if _PUBLISHED.search(sentence):
            return {}
        sources = [self.sources[n] for n in cited]
        published = {
            (int(m.group(2)), int(m.group(3))) for s in sources for m in _LABEL_DATE.finditer(s.label)
        }
        told = {_month_day(m) for s in sources for text in s.sentences for m in _DAY.finditer(text)}
        return {
            match.group(2): "is the date the article was published, not the day of what it says"
            for match in _DAY.finditer(sentence)
            if _month_day(match) in published - told
        }

    def _miscounted(self, sentence: str, cited: list[int]) -> dict[str, str]:
        """Figures the sentence gives as a count of people or things that every cited sentence holding
        them gives as an amount or a measure ("10,000 graduates" from "a subsidy of 10,000 yuan"), or
        the other way round."""
        counts = {_digits(w) for w in count_figures(sentence)}
        wrong: dict[str, str] = {}
        for figure, written in figures(sentence).items():
            if not figure[:1].isdigit():
                continue
            holding = [self._rows[i].text for i in self._holding(figure, cited)]
            claimed = _digits(written) in counts
            if claimed and not _COUNTED_NOUN.search(sentence[sentence.find(written) + len(written) :]):
                continue  # a bare figure ("a maximum of 30 million [1]"): it says neither
            given = [_digits(written) in {_digits(w) for w in count_figures(text)} for text in holding]
            if holding and all(g != claimed for g in given):
                wrong[written] = (
                    "gives as a count what the source gives as an amount"
                    if claimed
                    else "gives as an amount what the source gives as a count"
                )
        return wrong

    def _idle(self, body: str, cited: list[int]) -> list[int]:
        """Cited sources the sentence does not need: the others support it, and it is not like them."""
        idle: list[int] = []
        for n in cited:
            rest = [m for m in cited if m != n and m not in idle]
            if rest and self.support(body, rest).ok and self.support(body, [n]).cosine < MIN_COSINE:
                idle.append(n)
        return idle

    def check(self, raw: str) -> Verdict:
        """Keep, repair (cite the source that supports it) or remove one generated sentence."""
        body = strip_markers(raw)
        if not any(ch.isalnum() for ch in body):
            return Verdict(raw, None, action="dropped")  # stray markers or punctuation: nothing to show
        if repeats_instructions(body):
            return Verdict(raw, None, action="removed", reason="repeats or discusses its instructions")
        cited = cited_numbers(raw)
        known = [n for n in cited if n in self.sources]
        unknown = [n for n in cited if n not in self.sources]
        if unknown:
            exist = ", ".join(f"[{n}]" for n in sorted(self.sources))
            problem = f"cites {_markers(unknown)}, which does not exist (sources: {exist})"
        elif not known:
            problem = "cites no source"
        if known:
            support = self.support(body, known)
            if support.ok:
                idle = self._idle(body, known)
                if not unknown and not idle:
                    return Verdict(raw, _with_markers(body, known), known, support.quotes)
                keep = [n for n in known if n not in idle]
                reasons = [problem] if unknown else []
                reasons += [f"{_markers(idle)} does not support it"] if idle else []
                quotes = {n: q for n, q in support.quotes.items() if n in keep}
                dropped = _markers(unknown + idle)
                return Verdict(
                    raw,
                    _with_markers(body, keep),
                    keep,
                    quotes,
                    "repaired",
                    f"{'; '.join(reasons)}; dropped {dropped}",
                )
            if not unknown:
                problem = support.why_not(_markers(known))
        # Repair: cite the one source that supports the sentence best, if any does.
        passing = [(n, s) for n in self.sources if n not in known and (s := self.support(body, [n])).ok]
        if passing:
            n, best = max(passing, key=lambda item: item[1].lexical + item[1].cosine)
            return Verdict(
                raw, _with_markers(body, [n]), [n], best.quotes, "repaired", f"{problem}; [{n}] supports it"
            )
        return Verdict(raw, None, action="removed", reason=f"{problem}; no source supports it")


def _markers(numbers: list[int]) -> str:
    return ", ".join(f"[{n}]" for n in numbers)


def _with_markers(body: str, cited: list[int]) -> str:
    return f"{body} {''.join(f'[{n}]' for n in cited)}"

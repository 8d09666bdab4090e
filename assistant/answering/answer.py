"""Answers: the cited-answer model, the generator interface, and the extractive default."""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from assistant.answering.evidence import Evidence, Passage
from assistant.answering.frames import Frames


@dataclass
class Citation:
    """One cited article, with the passage that supports the answer."""

    n: int
    title: str | None
    publisher: str | None
    date: str | None
    region: str | None
    path: str
    quote: str
    score: float
    page: int | None = None  # the PDF page the quote starts on; None for other formats


@dataclass
class GuardEdit:
    """A generated sentence the guard changed before showing the answer."""

    sentence: str  # as the model wrote it
    action: str  # "repaired" (now cites the passage that supports it) or "removed"
    reason: str
    shown: str | None = None  # the repaired sentence as shown


@dataclass
class Generation:
    """Who wrote the answer, whether it fell back to quoting, and what the guard changed."""

    generator: str = "extractive"  # the one configured: extractive, openai or local
    model: str | None = None  # the LLM asked, when one is configured
    answered_by: str = "extractive"  # who wrote the text shown: the generator, or extractive
    fallback: str | None = None  # why the extractive answer was shown instead of the LLM's
    interrupted: str | None = None  # why the LLM's answer stops short after verified sentences
    edits: list[GuardEdit] = field(default_factory=list)

    @property
    def notice(self) -> str | None:
        """One line for the user when the LLM did not answer as configured."""
        if self.fallback:
            return f"showing the quoted answer: {self.fallback}"
        if self.interrupted:
            return f"the answer stops short: {self.interrupted}"
        return None


@dataclass
class Answer:
    """A grounded answer: text with [n] markers and the sources they point at."""

    question: str
    answer: str
    declined: bool
    citations: list[Citation] = field(default_factory=list)
    generation: Generation = field(default_factory=Generation)

    def to_json(self) -> dict[str, Any]:
        """The --json shape: question, answer, declined, citations, generation."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Answer:
        """Inverse of to_json: an answer kept as JSON (e.g. a conversation saved in the browser)."""
        generation = dict(data.get("generation") or {})
        generation["edits"] = [GuardEdit(**e) for e in generation.get("edits") or []]
        return cls(
            question=data["question"],
            answer=data["answer"],
            declined=bool(data["declined"]),
            citations=[Citation(**c) for c in data.get("citations") or []],
            generation=Generation(**generation),
        )

    def references(self, quotes: bool = True) -> str:
        """The citations as a plain-text reference list, each with its quoted passage unless not asked."""
        lines = []
        for c in self.citations:
            parts = [c.title or c.path, c.publisher, c.date, f"p. {c.page}" if c.page else None]
            lines.append(f"[{c.n}] " + ", ".join(p for p in parts if p) + f" ({c.path})")
            if quotes:
                lines.append(f'    "{c.quote}"')
        return "\n".join(lines)


@dataclass(frozen=True)
class AnswerRequest:
    """What a generator answers from: the question and its evidence, nothing else."""

    question: str
    evidence: Evidence
    earlier: tuple[str, ...] = ()  # the conversation's turns before the question


class AnswerGenerator(Protocol):
    """Writes the answer: yields text as it is produced and returns the finished Answer."""

    def generate(self, request: AnswerRequest) -> Generator[str, None, Answer]:
        """Stream the answer text; the generator's return value is the Answer."""
        ...


class Streamed:
    """The pieces of an answer stream, for a for-loop; `answer` holds its Answer once it is spent."""

    def __init__(self, stream: Generator[str, None, Answer]) -> None:
        self._stream = stream
        self._answer: Answer | None = None

    def __iter__(self) -> Generator[str, None, None]:
        self._answer = yield from self._stream

    @property
    def answer(self) -> Answer:
        """The stream's Answer, once the loop over it has run to its end."""
        if self._answer is None:
            raise RuntimeError("the answer stream has not been read to its end")
        return self._answer


def collect(stream: Generator[str, None, Answer]) -> Answer:
    """Run a generator to the end and return its Answer."""
    streamed = Streamed(stream)
    for _ in streamed:
        pass
    return streamed.answer


class ExtractiveAnswerer:
    """Answers by quoting the evidence's sentences, each with its [n]; needs no LLM."""

    def generate(self, request: AnswerRequest) -> Generator[str, None, Answer]:
        """Quote the answering sentences, say which parts the corpus does not give; decline when none."""
        evidence = request.evidence
        if evidence.injection or not evidence.passages:
            text = decline_text(evidence)
            yield text
            return Answer(request.question, text, declined=True)
        citations: list[Citation] = []
        parts: list[str] = []
        for n, passage in enumerate(evidence.passages, start=1):
            citations.append(citation(n, passage))
            meta = passage.article.meta
            body = " ".join(f"{s} [{n}]" for s in passage.sentences)
            label = meta.region or meta.title or f"Source [{n}]"
            piece = f"{label}: {body}" if evidence.labelled else body
            if parts:
                piece = "\n" + piece
            parts.append(piece)
            yield piece
        for note in gap_notes(evidence):
            piece = "\n" + note
            parts.append(piece)
            yield piece
        return Answer(request.question, "".join(parts), declined=False, citations=citations)


def citation(n: int, passage: Passage) -> Citation:
    """The numbered citation of one passage."""
    meta = passage.article.meta
    return Citation(
        n=n,
        title=meta.title,
        publisher=meta.publisher,
        date=meta.date,
        region=meta.region,
        path=passage.article.path,
        quote=passage.quote,
        score=round(passage.score, 6),
        page=None if passage.written else passage.article.page_of(passage.quote),
    )


def gap_notes(evidence: Evidence) -> list[str]:
    """Plain sentences naming what the corpus does not give: parts unanswered, places uncovered.

    They are in the question's language (assistant/data/frames.json).
    """
    frames = Frames.of(evidence.question)
    notes: list[str] = []
    answered = {
        (i, p.article.meta.region or p.article.meta.title) for p in evidence.passages for i in p.parts
    }
    for gap in evidence.gaps:
        index = evidence.parts.index(gap.part) if gap.part in evidence.parts else -1
        if (index, gap.where) in answered:
            continue  # another article of the same place answers it
        what = frames.asked(gap.describe(), gap.part.asks, gap.part.original)
        if gap.where:
            notes.append(frames.text("gap_note_where", where=gap.where, what=what))
        else:
            notes.append(frames.text("gap_note", what=what))
    if evidence.missing_places:
        notes.append(frames.text("missing_places_note", places=frames.join_places(evidence.missing_places)))
    return list(dict.fromkeys(notes))


def decline_text(evidence: Evidence) -> str:
    """The plain 'the corpus does not say', with what the assistant can answer instead, in the
    question's language."""
    frames = Frames.of(evidence.question)
    names = evidence.covered
    shown = frames.text("list_separator").join(names[:6])
    if len(names) > 6:
        shown = frames.text("more_places", shown=shown, more=str(len(names) - 6))
    offer = frames.text("offer", shown=shown) if names else frames.text("empty_corpus")
    if evidence.injection:
        return frames.text("injection", offer=offer)
    if evidence.missing_places:
        places = frames.join_places(evidence.missing_places)
        return frames.text("missing_places", places=places, offer=offer)
    if evidence.gaps:
        gap = evidence.gaps[0]
        what = frames.asked(gap.describe(), gap.part.asks, gap.part.original)
        # "Compare the deadlines in Liuzhou and Tai'an": every place's article lacking the same detail
        wheres = [
            g.where
            for g in evidence.gaps
            if g.where and frames.asked(g.describe(), g.part.asks, g.part.original) == what
        ]
        wheres = list(dict.fromkeys(wheres))
        if gap.where and len(wheres) > 1:
            return frames.text("gap_decline_wheres", where=frames.join_and(wheres), what=what, offer=offer)
        key = "gap_decline_where" if gap.where else "gap_decline"
        return frames.text(key, where=gap.where or "", what=what, offer=offer)
    return frames.text("no_answer", offer=offer)

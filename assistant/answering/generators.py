"""Answer generators from settings: the extractive default, or an LLM whose every sentence is checked."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Generator, Iterator
from typing import Protocol, runtime_checkable

from assistant.answering.answer import (
    Answer,
    AnswerGenerator,
    AnswerRequest,
    Citation,
    ExtractiveAnswerer,
    Generation,
    GuardEdit,
    collect,
)
from assistant.answering.evidence import Passage
from assistant.answering.guard import Guard, Verdict
from assistant.answering.llm import ChatModel, Message, make_chat_model
from assistant.answering.prompts import Source, answer_messages, parse_rewrite, rewrite_messages
from assistant.errors import LLMUnavailable
from assistant.search.embeddings import Embedder
from assistant.settings import Settings
from assistant.text import SentenceSplitter, fold_ws

# Streaming: each sentence is verified as soon as it is complete and only then shown, so a reader sees
# the answer grow but never an unchecked figure. The first sentences are held back until this many
# have passed, and at least this share of the sentences so far: an answer that is mostly made up is
# replaced by the quoted one before any of it is shown, which cannot be done once text is on screen.
SHOW_AFTER = 2
MIN_KEPT_SHARE = 0.5
# Making a follow-up standalone is a short reply: a stalled model is abandoned sooner than an answer.
REWRITE_TIMEOUT = 15.0
REWRITE_MAX_TOKENS = 80


@runtime_checkable
class FollowUpRewriter(Protocol):
    """Turns the last turn of a conversation into a standalone search question."""

    def standalone(self, turns: list[str]) -> str | None:
        """The standalone question, or None to fall back to the rule-based reading."""
        ...


def _label(citation: Citation) -> str:
    parts = [citation.title, citation.publisher, citation.date, citation.region]
    return "; ".join(p for p in parts if p) or citation.path


class LLMAnswerer:
    """Asks a chat model for a cited answer from the sources the extractive answerer picked.

    The extractive answer is made first: when it declines, the model is not asked (the relevance gate
    stays the one that decides), and when the model fails or too little of its answer is verified, it
    is what the user sees instead.
    """

    def __init__(
        self,
        chat: ChatModel,
        embedder: Callable[[], Embedder],
        *,
        generator: str,
        max_tokens: int = 400,
    ) -> None:
        self.chat = chat
        self.embedder = embedder
        self.generator = generator
        self.max_tokens = max_tokens
        self.extractive = ExtractiveAnswerer()

    def standalone(self, turns: list[str]) -> str | None:
        """The model's standalone rewrite of the last turn; None when it fails or strays."""
        try:
            reply = self.chat.complete(rewrite_messages(turns), REWRITE_MAX_TOKENS, timeout=REWRITE_TIMEOUT)
        except LLMUnavailable:
            return None
        return parse_rewrite(reply, turns[-1])

    def _verdicts(self, messages: list[Message], guard: Guard, failure: list[str]) -> Iterator[Verdict]:
        """The guard's verdict on each sentence as the model completes it; a failure ends the stream."""
        splitter = SentenceSplitter()
        try:
            for piece in self.chat.stream(messages, self.max_tokens):
                for sentence in splitter.feed(piece):
                    yield guard.check(sentence)
        except LLMUnavailable as exc:
            failure.append(str(exc))
            return
        for sentence in splitter.flush():
            yield guard.check(sentence)

    def generate(self, request: AnswerRequest) -> Generator[str, None, Answer]:
        """Stream verified sentences of the model's answer; the quoted answer when it cannot be used."""
        base = collect(self.extractive.generate(request))
        meta = Generation(generator=self.generator, model=self.chat.name)
        if base.declined or not base.citations or any(p.written for p in request.evidence.passages):
            yield base.answer
            return dataclasses.replace(base, generation=meta)
        passages: list[Passage] = list(request.evidence.passages)
        sources = [
            Source(c.n, _label(c), p.context or (c.quote,))
            for c, p in zip(base.citations, passages, strict=True)
        ]
        guard = Guard(sources, self.embedder)
        messages = answer_messages(request.question, list(request.earlier), sources)
        failure: list[str] = []
        verdicts: list[Verdict] = []
        held: list[Verdict] = []
        shown: list[Verdict] = []
        text: list[str] = []
        for verdict in self._verdicts(messages, guard, failure):
            verdicts.append(verdict)
            if verdict.text is None:
                continue
            held.append(verdict)
            checked = sum(v.action != "dropped" for v in verdicts)
            passed = len(shown) + len(held)
            if shown or (passed >= SHOW_AFTER and passed >= MIN_KEPT_SHARE * checked):
                for v in held:
                    piece = _joined(v, first=not text)
                    text.append(piece)
                    yield piece
                shown.extend(held)
                held = []
        edits = [
            GuardEdit(
                _clip(fold_ws(v.original)), v.action, v.reason, v.text if v.action == "repaired" else None
            )
            for v in verdicts
            if v.action in ("repaired", "removed")
        ]
        meta.edits = edits
        if not shown:
            checked = sum(v.action != "dropped" for v in verdicts)
            if failure or not held or len(held) < MIN_KEPT_SHARE * checked:
                meta.fallback = failure[0] if failure else _too_little(len(held), checked)
                yield base.answer
                return dataclasses.replace(base, generation=meta)
            for v in held:
                piece = _joined(v, first=not text)
                text.append(piece)
                yield piece
            shown = held
        meta.answered_by = self.generator
        meta.interrupted = failure[0] if failure else None
        quotes: dict[int, str] = {}
        for v in shown:
            for n in v.cited:
                quotes.setdefault(n, v.quotes.get(n, ""))
        citations = [
            dataclasses.replace(c, quote=quotes[c.n] or c.quote) for c in base.citations if c.n in quotes
        ]
        return Answer(request.question, "".join(text), False, citations, meta)


def _joined(verdict: Verdict, *, first: bool) -> str:
    assert verdict.text is not None
    if first:
        return verdict.text
    gap = verdict.original[: len(verdict.original) - len(verdict.original.lstrip())]
    return ("\n" if "\n" in gap else " ") + verdict.text


def _clip(sentence: str, limit: int = 300) -> str:
    # A model stuck in a loop writes one endless "sentence": the report keeps its start.
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


def _too_little(kept: int, checked: int) -> str:
    if not checked:
        return "the LLM returned no answer"
    return f"only {kept} of the LLM's {checked} sentences could be verified against the sources"


def make_generator(
    settings: Settings, embedder: Callable[[], Embedder], chat: ChatModel | None = None
) -> AnswerGenerator:
    """The answer generator the settings name, or an LLM answerer over chat when one is given; embedder
    is called only when an answer is checked."""
    chat = chat if chat is not None else make_chat_model(settings)
    if chat is None:
        return ExtractiveAnswerer()
    return LLMAnswerer(
        chat,
        embedder,
        generator=chat.name.partition(":")[0],
        max_tokens=settings.llm_max_tokens,
    )

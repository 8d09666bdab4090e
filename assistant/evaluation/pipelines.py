"""What a question set is run through: the product, or the plain llama-index baseline."""

from __future__ import annotations

import time
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any, Protocol

from assistant.answering.answer import Answer, AnswerGenerator, AnswerRequest
from assistant.core import Assistant
from assistant.evaluation.cases import Case


@dataclass
class Run:
    """One case's answer, the articles the pipeline retrieved (best first), and how long it took."""

    answer: Answer
    retrieved: list[str]
    seconds: float


class Pipeline(Protocol):
    """Answers the cases of a question set."""

    name: str

    def settings(self) -> dict[str, Any]:
        """What the report records about how answers were made."""
        ...

    def warm_up(self) -> None:
        """Load what answering needs, so the first case's latency is like the others'."""
        ...

    def run(self, case: Case) -> Run:
        """Answer the case's conversation."""
        ...


class _Recorder:
    """Wraps the assistant's answer generator to note which articles retrieval handed it."""

    def __init__(self, inner: AnswerGenerator) -> None:
        self.inner = inner
        self.retrieved: list[str] = []

    def generate(self, request: AnswerRequest) -> Generator[str, None, Answer]:
        """The wrapped generator's answer, unchanged."""
        self.retrieved = list(request.evidence.searched)
        return (yield from self.inner.generate(request))


class ProductPipeline:
    """The assistant, called as a user's script would: Assistant.ask with the turns."""

    name = "product"

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self._recorder = _Recorder(assistant.generator)
        assistant.generator = self._recorder

    def settings(self) -> dict[str, Any]:
        """The Settings in force and the answer generator's class."""
        return {
            **self.assistant.settings.model_dump(mode="json"),
            "generator": type(self._recorder.inner).__name__,
            "embedder": self.assistant.embedder.name,
            "index": self.assistant.index.name,
        }

    def warm_up(self) -> None:
        """Load the snapshot, BM25 and the model once, as a running app has them loaded."""
        self.assistant.ask("warm up")

    def run(self, case: Case) -> Run:
        """Ask the conversation; retrieval's order comes from the recorder."""
        self._recorder.retrieved = []
        started = time.perf_counter()
        answer = self.assistant.ask(case.turns)
        seconds = time.perf_counter() - started
        return Run(answer, list(dict.fromkeys(self._recorder.retrieved)), seconds)

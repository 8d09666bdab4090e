"""Hand-written fakes: an embedder that needs no model, and a chat model that plays back canned replies."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.answering.llm import Message
from assistant.search.hashing import HashEmbedder


class FakeEmbedder(HashEmbedder):
    """The hash embedder (256 buckets), recording how many texts each call embedded."""

    def __init__(self, dim: int = 256) -> None:
        super().__init__(dim, "fake-hash-embedder")
        self.calls: list[int] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed, and count the texts."""
        self.calls.append(len(texts))
        return super().embed(texts)


class FailingEmbedder(FakeEmbedder):
    """Raises after a number of calls: an ingest that dies half way."""

    def __init__(self, fail_after: int) -> None:
        super().__init__()
        self.fail_after = fail_after

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed, or fail once the budget of calls is spent."""
        if len(self.calls) >= self.fail_after:
            raise RuntimeError("embedder crashed")
        return super().embed(texts)


@dataclass
class ChatRequest:
    """One request a FakeChatModel answered."""

    messages: list[Message]
    max_tokens: int
    stream: bool


class FakeChatModel:
    """A chat model in the test's own process, like llm's MockModel: replies are enqueued, and each
    request, streamed or not, takes the next one (an empty reply once the queue is empty). A streamed
    reply comes word by word, as a server sends it; every request is kept in `requests`."""

    def __init__(self, name: str = "fake:canned") -> None:
        self.name = name
        self.requests: list[ChatRequest] = []
        self._replies: deque[tuple[str, Exception | None]] = deque()

    def enqueue(self, reply: str, *, then: Exception | None = None) -> FakeChatModel:
        """Queue a reply; `then` is raised once its words are sent (a model that fails mid-answer)."""
        self._replies.append((reply, then))
        return self

    def _next(self, messages: list[Message], max_tokens: int, stream: bool) -> tuple[str, Exception | None]:
        self.requests.append(ChatRequest(messages, max_tokens, stream))
        return self._replies.popleft() if self._replies else ("", None)

    def stream(self, messages: list[Message], max_tokens: int) -> Iterator[str]:
        """The next reply, word by word."""
        reply, error = self._next(messages, max_tokens, True)
        yield from re.findall(r"\S+\s*|\s+", reply)
        if error is not None:
            raise error

    def complete(self, messages: list[Message], max_tokens: int, timeout: float | None = None) -> str:
        """The next reply, whole."""
        reply, error = self._next(messages, max_tokens, False)
        if error is not None:
            raise error
        return reply

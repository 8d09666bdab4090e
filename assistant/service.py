"""What the chat app serves to every session: one assistant, its library and the feedback store.

The models and the index are loaded once per process. When no index exists yet the service
builds it in the background and reports its progress, so the app opens at once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Generator, Sequence
from typing import Any

from assistant.answer import Answer, collect
from assistant.core import Assistant
from assistant.errors import AssistantError
from assistant.feedback import FeedbackStore
from assistant.library import Library
from assistant.query import Filters

log = logging.getLogger(__name__)
# How long a question waits for an index that is still being built before it is told to retry.
BUILD_WAIT_SECONDS = 900.0


class IndexNotReady(AssistantError):
    """The index is still being built; the message says how far along it is."""


class ChatService:
    """The assistant behind the app: built once, shared by all sessions, safe across threads."""

    def __init__(self, assistant: Assistant, feedback: FeedbackStore | None = None) -> None:
        self.assistant = assistant
        self.feedback = feedback or FeedbackStore(assistant.settings.feedback)
        self._ready = threading.Event()
        self._progress: tuple[int, int] | None = None
        self._error: str | None = None
        self._library: Library | None = None
        self.started_at = time.monotonic()
        self.ready_after: float | None = None  # seconds from start() to a servable index

    # -- start-up ------------------------------------------------------------------------------
    def start(self, background: bool = True) -> None:
        """Load the index (building it first if missing) and warm the models."""
        self.started_at = time.monotonic()
        if background:
            threading.Thread(target=self._prepare, name="prepare-index", daemon=True).start()
        else:
            self._prepare()

    def _prepare(self) -> None:
        try:
            self.assistant.ensure_index(self._on_progress)
            # Load the snapshot, BM25 and the model now, so the first question waits for nothing.
            _ = self.assistant.retriever
            self.assistant.embedder.embed(["warm up"])
            self._library = Library(self.assistant.index.snapshot(), self.assistant.settings.data_dir)
            self.ready_after = time.monotonic() - self.started_at
            log.info("index ready after %.1f s", self.ready_after)
        except AssistantError as exc:
            self._error = str(exc)
        except Exception as exc:  # the page shows one line; the log keeps the traceback
            log.exception("preparing the index failed")
            self._error = f"the index could not be prepared ({type(exc).__name__}); see the server log"
        finally:
            self._ready.set()

    def _on_progress(self, done: int, total: int) -> None:
        self._progress = (done, total)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the index is ready (or failed); False on timeout."""
        return self._ready.wait(timeout)

    @property
    def ready(self) -> bool:
        """True once the index can answer."""
        return self._ready.is_set() and self._error is None

    def status(self) -> str:
        """One line for the page: what the assistant covers, or how far the index build is."""
        if self._error:
            return f"The assistant is unavailable: {self._error}."
        if not self._ready.is_set():
            if self._progress and self._progress[1]:
                done, total = self._progress
                return f"Building the index: {done:,} of {total:,} passages embedded ({done / total:.0%})…"
            return "Preparing the index: reading the corpus and loading the embedding model…"
        return self.library.coverage()

    @property
    def library(self) -> Library:
        """The articles of the served index."""
        if self._library is None:
            raise IndexNotReady(self.status())
        return self._library

    # -- answering -----------------------------------------------------------------------------
    def stream(self, turns: Sequence[str], filters: Filters | None = None) -> Generator[str, None, Answer]:
        """Stream the answer to the last turn; IndexNotReady while the index is being built."""
        if not self.ready:
            raise IndexNotReady(self.status() + " Ask again in a moment.")
        return self.assistant.stream(list(turns), filters)

    def ask(
        self,
        question: str,
        history: Sequence[str] | None = None,
        region: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> dict[str, Any]:
        """The answer as `policy-assistant ask --json` prints it, or {question, error}."""
        # An API caller would rather wait for a first build than get an error to retry.
        self.wait(BUILD_WAIT_SECONDS)
        try:
            filters = Filters(region=region or None, date_from=date_from or None, date_to=date_to or None)
            stream = self.stream([*(history or []), question], filters)
            answer = collect(stream)
        except AssistantError as exc:
            return {"question": question, "error": str(exc)}
        return answer.to_json()

    def record_feedback(self, turns: list[str], answer: Answer, rating: int, comment: str = "") -> int:
        """Store a staff judgement of an answer."""
        return self.feedback.add(turns, answer, rating, comment)

"""What the chat app serves to every session: one assistant, its library and the feedback store.

The models and the index are loaded once per process. When no index exists yet the service
builds it in the background and reports its progress, so the app opens at once. An ingest run
elsewhere (the CLI, or the staff tools) is picked up at the next question.
"""

from __future__ import annotations

import hmac
import logging
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Generator, Sequence
from pathlib import Path
from typing import Any

from assistant.answering.answer import Answer, collect
from assistant.answering.compare import MAX_PLACES
from assistant.answering.compare_table import Comparison
from assistant.answering.generators import LLMAnswerer
from assistant.app import curation
from assistant.app.feedback import FeedbackStore
from assistant.app.library import Library
from assistant.app.ratelimit import RateLimiter
from assistant.core import Assistant
from assistant.errors import AssistantError
from assistant.index import Progress
from assistant.ingest.documents import SUPPORTED
from assistant.search.query import Filters
from assistant.snapshot import IngestReport

log = logging.getLogger(__name__)
# How long a question waits for an index that is still being built before it is told to retry.
BUILD_WAIT_SECONDS = 900.0
_UNSAFE_NAME = re.compile(r"[^\w.\- ]+")


class IndexNotReady(AssistantError):
    """The index is still being built; the message says how far along it is."""


class StaffOnly(AssistantError):
    """A staff tool was used without signing in."""

    def __init__(self) -> None:
        super().__init__("this is a staff tool: sign in as staff first")


class ChatService:
    """The assistant behind the app: built once, shared by all sessions, safe across threads."""

    def __init__(self, assistant: Assistant, feedback: FeedbackStore | None = None) -> None:
        self.assistant = assistant
        self.settings = assistant.settings
        self.feedback = feedback or FeedbackStore(self.settings.feedback)
        self.limiter = RateLimiter(self.settings.rate_limit)
        self._staff = self.settings.staff_credentials()
        self._ready = threading.Event()
        self._progress: tuple[int, int] | None = None
        self._error: str | None = None
        self._library: Library | None = None
        self._served: str | None = None  # the version of the snapshot being served
        self._reload_lock = threading.Lock()
        self.started_at = time.monotonic()
        self.ready_after: float | None = None  # seconds from start() to a servable index

    # -- start-up and reloads ------------------------------------------------------------------
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
            self._load()
            self.assistant.embedder.embed(["warm up"])
            self.ready_after = time.monotonic() - self.started_at
            log.info("index ready after %.1f s", self.ready_after)
        except AssistantError as exc:
            self._error = str(exc)
        except Exception as exc:  # the page shows one line; the log keeps the traceback
            log.exception("preparing the index failed")
            self._error = f"the index could not be prepared ({type(exc).__name__}); see the server log"
        finally:
            self._ready.set()

    def _snapshot_version(self) -> str | None:
        return self.assistant.index.version()

    def _load(self) -> None:
        """Serve the current snapshot: retriever (snapshot, BM25, model) and library."""
        version = self._snapshot_version()
        self.assistant.reload()
        # Loaded now, so the first question waits for nothing; the library reads the same snapshot.
        corpus = self.assistant.retriever.corpus
        self._library = Library(corpus.snapshot, self.settings.data_dir, holding=corpus.paths_holding)
        self._served = version

    def _refresh(self) -> None:
        """Pick up an ingest completed since the last question (one small query, if none)."""
        if self._served is None or self._snapshot_version() == self._served:
            return
        with self._reload_lock:
            if self._snapshot_version() != self._served:
                log.info("a new index snapshot was published: reloading")
                self._load()

    def _on_progress(self, done: int, total: int) -> None:
        self._progress = (done, total)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the index is ready (or failed); False on timeout."""
        return self._ready.wait(timeout)

    @property
    def ready(self) -> bool:
        """True once the index can answer."""
        return self._ready.is_set() and self._error is None

    @property
    def answers_quickly(self) -> bool:
        """True when an answer is a few milliseconds of Python: the index is ready and answers are
        extractive, with no model to wait on."""
        return self.ready and not isinstance(self.assistant.generator, LLMAnswerer)

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
    def stream(
        self, turns: Sequence[str], filters: Filters | None = None, session: str | None = None
    ) -> Generator[str, None, Answer]:
        """Stream the answer to the last turn; IndexNotReady while the index is being built."""
        if not self.ready:
            raise IndexNotReady(self.status() + " Ask again in a moment.")
        if session is not None:
            self.limiter.admit(session)
        self._refresh()
        return self.assistant.stream(list(turns), filters)

    def ask(
        self,
        question: str,
        history: Sequence[str] | None = None,
        region: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        session: str | None = None,
    ) -> dict[str, Any]:
        """The answer as `policy-assistant ask --json` prints it, or {question, error}."""
        # An API caller would rather wait for a first build than get an error to retry.
        self.wait(BUILD_WAIT_SECONDS)
        try:
            filters = Filters(region=region or None, date_from=date_from or None, date_to=date_to or None)
            answer = collect(self.stream([*(history or []), question], filters, session))
        except AssistantError as exc:
            return {"question": question, "error": str(exc)}
        return answer.to_json()

    def compare(self, places: Sequence[str], topic: str, session: str | None = None) -> Comparison:
        """The comparison table of these places on a topic; AssistantError saying what to fix."""
        chosen = [p.strip() for p in places if p and p.strip()]
        if len(chosen) < 2 or len(chosen) > MAX_PLACES:
            raise AssistantError(f"choose two to {MAX_PLACES} regions to compare")
        if not (topic or "").strip():
            raise AssistantError(
                "say what to compare, e.g. housing subsidy or living allowance for a new PhD"
            )
        if not self.ready:
            raise IndexNotReady(self.status() + " Try again in a moment.")
        if session is not None:
            self.limiter.admit(session)
        self._refresh()
        return self.assistant.compare(chosen, topic.strip())

    def compare_json(self, places: Sequence[str], topic: str, session: str | None = None) -> dict[str, Any]:
        """The table as `policy-assistant compare --json` prints it, or {regions, topic, error}."""
        self.wait(BUILD_WAIT_SECONDS)
        try:
            return self.compare(places, topic, session).to_json()
        except AssistantError as exc:
            return {"regions": list(places), "topic": topic, "error": str(exc)}

    # -- staff ---------------------------------------------------------------------------------
    @property
    def staff_login_required(self) -> bool:
        """True when staff tools need a sign-in (POLICY_ASSISTANT_STAFF_AUTH is set)."""
        return self._staff is not None

    def sign_in(self, user: str, password: str) -> bool:
        """True for a configured staff user and password (compared in constant time)."""
        if self._staff is None:
            return True
        accepted = False
        for known_user, known_password in self._staff:
            # Both comparisons always run: the time taken says nothing about which one failed.
            user_ok = hmac.compare_digest(user.encode(), known_user.encode())
            password_ok = hmac.compare_digest(password.encode(), known_password.encode())
            accepted |= user_ok and password_ok
        return accepted

    def _check_staff(self, staff: bool) -> None:
        if self._staff is not None and not staff:
            raise StaffOnly()

    def record_feedback(
        self, turns: list[str], answer: Answer, rating: int, comment: str = "", *, staff: bool = False
    ) -> int:
        """Store a staff judgement of an answer."""
        self._check_staff(staff)
        return self.feedback.add(turns, answer, rating, comment)

    def export_feedback(self, fmt: str = "csv", *, staff: bool = False) -> tuple[Path, int]:
        """Every judgement written to a new temporary file, for download: (the file, how many)."""
        self._check_staff(staff)
        folder = Path(tempfile.mkdtemp(prefix="policy-feedback-"))
        target = folder / f"feedback.{fmt}"
        with target.open("w", encoding="utf-8", newline="") as fh:
            count = self.feedback.export(fh, fmt)
        return target, count

    def add_documents(self, files: Sequence[Path], *, staff: bool = False) -> tuple[list[str], list[str]]:
        """Copy uploaded files into the corpus folder: (names added, one-line reasons for refusals)."""
        self._check_staff(staff)
        corpus = self.settings.corpus
        corpus.mkdir(parents=True, exist_ok=True)
        added: list[str] = []
        refused: list[str] = []
        for file in files:
            # Only the base name is kept, cleaned: an upload can never write outside corpus/.
            name = _UNSAFE_NAME.sub("_", Path(file.name).name).strip(" .") or "upload"
            if Path(name).suffix.lower() not in SUPPORTED:
                allowed = ", ".join(sorted(SUPPORTED))
                refused.append(f"{Path(file.name).name}: not a supported type ({allowed})")
                continue
            shutil.copyfile(file, corpus / name)
            added.append(name)
        return added, refused

    def remove_article(self, name: str, *, staff: bool = False) -> str:
        """Delete an article's file from the corpus folder (re-index next); returns its path."""
        self._check_staff(staff)
        return curation.remove(self.settings, self.library.snapshot.articles, name)

    def replace_article(self, name: str, new: Path, *, staff: bool = False) -> str:
        """Put a new version of an article's file in its place (re-index next); returns its path."""
        self._check_staff(staff)
        return curation.replace(self.settings, self.library.snapshot.articles, name, new)

    def api_feedback(
        self,
        answer: dict[str, Any],
        rating: int,
        comment: str = "",
        history: Sequence[str] | None = None,
        *,
        user: str = "",
        password: str = "",
    ) -> dict[str, Any]:
        """Feedback through the API on an answer it gave (the JSON of /ask or `ask --json`), with
        the app's rule: a staff user and password when a staff login is set. {"id"} or {"error"}."""
        if not self.sign_in(user.strip(), password):
            return {"error": "feedback is a staff tool: pass the staff user and password"}
        try:
            judged = Answer.from_json(answer)
        except (KeyError, TypeError, AttributeError):
            fix = "pass the JSON that /ask returned (question, answer, declined, citations)"
            return {"error": f"answer: {fix}"}
        try:
            turns = [*(history or []), judged.question]
            return {"id": self.record_feedback(turns, judged, int(rating), comment, staff=True)}
        except (AssistantError, ValueError) as exc:
            return {"error": str(exc)}

    def reindex(self, progress: Progress | None = None, *, staff: bool = False) -> IngestReport:
        """Ingest the corpus folder again and serve the result."""
        self._check_staff(staff)
        report = self.assistant.ingest(None, progress)
        with self._reload_lock:
            self._load()
        return report

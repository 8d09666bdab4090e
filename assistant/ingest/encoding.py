"""Ingest's encoder, beside the reading: chunks are handed over as files are parsed, and a thread
embeds and stores them in large batches while the next files are read, cleaned and chunked."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from assistant.search.embeddings import Embedder
from assistant.search.store import VectorStore

# The index's logger: one log for the whole ingest (the crash tests stop the process at its lines).
log = logging.getLogger("assistant.index")
Progress = Callable[[int, int], None]
_DONE = None  # the sentinel that ends the queue


@dataclass(frozen=True)
class Work:
    """One chunk to embed: its id, the text the model reads and the article it belongs to."""

    chunk_id: str
    text: str
    doc_id: str


class Encoding:
    """Embeds and stores what add() hands over, a batch at a time, on a thread of its own; at most
    two batches wait, so a reader far ahead of the encoder waits instead of filling memory."""

    def __init__(
        self, embedder: Embedder, store: VectorStore, batch: int, progress: Progress | None = None
    ) -> None:
        self.embedder = embedder
        self.store = store
        self.batch = batch
        self.progress = progress
        self.buffer: list[Work] = []
        self.queued = 0  # chunks handed to the thread
        self.done = 0  # chunks embedded and stored
        self.read = False  # every chunk has been handed over: queued is the total
        self.error: BaseException | None = None
        self.stopping = False
        self._queue: queue.Queue[list[Work] | None] = queue.Queue(maxsize=2)
        self._thread = threading.Thread(target=self._run, name="ingest-encoder", daemon=True)
        self._thread.start()

    def add(self, work: Sequence[Work]) -> None:
        """Queue chunks; a full batch goes to the thread (and an error there is raised here)."""
        self.buffer.extend(work)
        while len(self.buffer) >= self.batch:
            self._send(self.buffer[: self.batch])
            del self.buffer[: self.batch]

    def finish(self) -> int:
        """Send what is left, wait for the thread; the number of chunks embedded, or its error."""
        self.read = True
        if self.buffer:
            self._send(self.buffer)
            self.buffer = []
        self._put(_DONE)
        self._thread.join()
        self._raise()
        return self.done

    def stop(self) -> None:
        """Give up (the ingest failed): the thread ends after the batch it is on."""
        self.stopping = True
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._queue.put(_DONE)
        self._thread.join()

    def _send(self, work: list[Work]) -> None:
        # Longest first, as sentence-transformers does within a call: each batch pads to its own length.
        self.queued += len(work)
        self._put(sorted(work, key=lambda w: -len(w.text)))
        self._report()

    def _put(self, item: list[Work] | None) -> None:
        while True:
            self._raise()
            try:
                self._queue.put(item, timeout=0.5)
                return
            except queue.Full:
                continue

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error

    def _report(self) -> None:
        if self.progress:
            self.progress(self.done, self.queued + len(self.buffer))

    def _run(self) -> None:
        while True:
            work = self._queue.get()
            if work is _DONE or self.stopping:
                return
            if self.error is not None:
                continue  # drain: the reader raises the error at its next hand-over
            try:
                vectors = self.embedder.embed([w.text for w in work])
                self.store.add([w.chunk_id for w in work], vectors, [{"doc_id": w.doc_id} for w in work])
            except BaseException as exc:
                self.error = exc
                continue
            self.done += len(work)
            total = f"{self.queued}" if self.read else f"at least {self.queued}"
            log.info("ingest: %d of %s chunks embedded and stored", self.done, total)
            self._report()


@contextmanager
def encoding(
    embedder: Embedder, store: VectorStore, batch: int, progress: Progress | None = None
) -> Iterator[Encoding]:
    """An Encoding for the block; stopped when the block raises."""
    running = Encoding(embedder, store, batch, progress)
    try:
        yield running
    except BaseException:
        running.stop()
        raise

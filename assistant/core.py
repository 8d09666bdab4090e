"""The Assistant: one object that ingests, retrieves and answers, models loaded once."""

from __future__ import annotations

from collections.abc import Generator, Sequence
from pathlib import Path

from assistant.answer import Answer, AnswerGenerator, AnswerRequest, ExtractiveAnswerer, collect
from assistant.embeddings import Embedder, SentenceTransformerEmbedder
from assistant.index import Index, IngestReport, Progress
from assistant.query import Filters, check_question, understand
from assistant.retrieval import Corpus, HybridRetriever
from assistant.settings import Settings
from assistant.store import VectorStore


class Assistant:
    """Grounded, cited answers over the indexed corpus."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        embedder: Embedder | None = None,
        store: VectorStore | None = None,
        generator: AnswerGenerator | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self._embedder = embedder
        self._store = store
        self.generator = generator or ExtractiveAnswerer(max_sources=self.settings.max_sources)
        self._index: Index | None = None
        self._retriever: HybridRetriever | None = None

    @property
    def embedder(self) -> Embedder:
        """The embedding model, loaded on first use."""
        if self._embedder is None:
            self._embedder = SentenceTransformerEmbedder(
                self.settings.embed_model, self.settings.embed_batch_size
            )
        return self._embedder

    @property
    def index(self) -> Index:
        """The index these settings name."""
        if self._index is None:
            self._index = Index(self.settings, self.embedder, self._store)
        return self._index

    def ingest(self, paths: Sequence[Path] | None = None, progress: Progress | None = None) -> IngestReport:
        """Index files and folders (default: the corpus folder); later questions see the result."""
        report = self.index.ingest(list(paths) if paths else None, progress)
        self._retriever = None
        return report

    def ensure_index(self, progress: Progress | None = None) -> IngestReport | None:
        """Build the index from the corpus folder when none exists yet."""
        if self.index.exists():
            return None
        return self.ingest(None, progress)

    @property
    def retriever(self) -> HybridRetriever:
        """The retriever over the current snapshot, loaded once."""
        if self._retriever is None:
            snapshot, lexical = self.index.serving()
            corpus = Corpus(snapshot, lexical)
            self._retriever = HybridRetriever(corpus, self.index.store, self.embedder, self.settings.top_k)
        return self._retriever

    def stream(
        self, question: str | Sequence[str], filters: Filters | None = None
    ) -> Generator[str, None, Answer]:
        """Stream the answer to the last turn of a conversation; returns the Answer."""
        turns = [question] if isinstance(question, str) else list(question)
        if not turns:
            turns = [""]
        turns = [check_question(t, self.settings.max_question_chars) for t in turns]
        retriever = self.retriever
        query = understand(turns, retriever.corpus.gazetteer)
        filters = filters or Filters()
        hits = [] if query.injection else retriever.retrieve(query, filters)
        request = AnswerRequest(query=query, hits=hits, corpus=retriever.corpus)
        return (yield from self.generator.generate(request))

    def ask(self, question: str | Sequence[str], filters: Filters | None = None) -> Answer:
        """Answer the last turn of a conversation."""
        return collect(self.stream(question, filters))

    def sources(self) -> list[dict[str, str | None]]:
        """The indexed articles with their metadata, by path."""
        snapshot = self.index.snapshot()
        return [
            {"path": a.path, **a.meta.as_dict(), "chunks": str(len(a.chunks))}
            for a in sorted(snapshot.articles.values(), key=lambda a: a.path)
        ]

"""The Assistant: one object that ingests, retrieves and answers, models loaded once."""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from assistant.answering.answer import Answer, AnswerGenerator, AnswerRequest, collect
from assistant.answering.compare import Comparer, comparison_asked, is_comparison
from assistant.answering.compare_table import Comparison
from assistant.answering.evidence_finder import EvidenceFinder
from assistant.answering.generators import FollowUpRewriter, make_generator
from assistant.answering.llm import ChatModel
from assistant.index import Index, Progress
from assistant.language.glossary import corpus_synonyms
from assistant.language.translation import Translator
from assistant.search.embeddings import Embedder, QuestionVectors, load_embedder
from assistant.search.held_vectors import HeldVectors
from assistant.search.query import Filters, Query, Reader, check_question, understand
from assistant.search.retrieval import Corpus, HybridRetriever
from assistant.search.store import VectorStore
from assistant.settings import Settings
from assistant.snapshot import IngestReport


@dataclasses.dataclass(frozen=True)
class Models:
    """Models an Assistant uses instead of loading the ones its settings name (None: the settings')."""

    embedder: Embedder | None = None
    chat_model: ChatModel | None = None


# The models Assistant.override put in place for every Assistant made inside its block.
_OVERRIDE: ContextVar[Models | None] = ContextVar("assistant_models", default=None)


class Assistant:
    """Grounded, cited answers over the indexed corpus.

    The models come from the settings unless given: embedder= and chat_model= (a ChatModel that
    writes the answers, every sentence checked, whatever the llm setting says) for one Assistant, or
    Assistant.override(...) for every Assistant made inside a block, such as those the command line and
    the evaluation build for themselves.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        embedder: Embedder | None = None,
        store: VectorStore | None = None,
        generator: AnswerGenerator | None = None,
        chat_model: ChatModel | None = None,
    ) -> None:
        self.settings = settings or Settings()
        override = _OVERRIDE.get() or Models()
        self._embedder = embedder if embedder is not None else override.embedder
        self._chat_model = chat_model if chat_model is not None else override.chat_model
        self._store = store
        self._generator = generator
        self._index: Index | None = None
        self._retriever: HybridRetriever | None = None
        self._finder: EvidenceFinder | None = None
        self._comparer: Comparer | None = None
        # Question vectors outlive a snapshot: a reload does not forget them.
        self._questions = QuestionVectors(self.settings.remembered_questions)

    @staticmethod
    @contextmanager
    def override(*, embedder: Embedder | None = None, chat_model: ChatModel | None = None) -> Iterator[None]:
        """Every Assistant made inside the block (in this thread) uses these models unless given its own,
        as pydantic-ai's Agent.override does: how tests run the command line without a real model."""
        token = _OVERRIDE.set(Models(embedder, chat_model))
        try:
            yield
        finally:
            _OVERRIDE.reset(token)

    @property
    def embedder(self) -> Embedder:
        """The embedding model, loaded on first use."""
        if self._embedder is None:
            self._embedder = load_embedder(self.settings)
        return self._embedder

    @property
    def generator(self) -> AnswerGenerator:
        """The answer generator: the one given, else the one the settings name (built on first use)."""
        if self._generator is None:
            self._generator = make_generator(self.settings, lambda: self.embedder, self._chat_model)
        return self._generator

    @generator.setter
    def generator(self, generator: AnswerGenerator) -> None:
        self._generator = generator

    @property
    def index(self) -> Index:
        """The index these settings name."""
        if self._index is None:
            self._index = Index(self.settings, self.embedder, self._store)
        return self._index

    def ingest(self, paths: Sequence[Path] | None = None, progress: Progress | None = None) -> IngestReport:
        """Index files and folders (default: the corpus folder); later questions see the result."""
        report = self.index.ingest(list(paths) if paths else None, progress)
        self.reload()
        return report

    def ensure_index(self, progress: Progress | None = None) -> IngestReport | None:
        """Build the index from the corpus folder when none exists yet."""
        if self.index.exists():
            return None
        return self.ingest(None, progress)

    def reload(self) -> None:
        """Serve the latest completed ingest (another process may have run it)."""
        self._retriever = None
        self._finder = None
        self._comparer = None

    @property
    def retriever(self) -> HybridRetriever:
        """The retriever over the current snapshot, loaded once."""
        if self._retriever is None:
            gc.unfreeze()  # what an earlier snapshot left can be collected again
            snapshot, lexical = self.index.serving()
            corpus = Corpus(snapshot, lexical)
            store = self.index.store
            held = None
            if len(corpus.live) <= self.settings.held_vectors:
                held = HeldVectors.load(corpus.lexical.chunk_ids, store)
            self._retriever = HybridRetriever(
                corpus, store, self.embedder, self.settings.top_k, self._questions, held
            )
            # The snapshot lives as long as it is served: its objects (millions at 100k articles) are
            # left out of the cyclic collector's passes, which would otherwise walk them all again and
            # again during answers and ingests (0.7 s of a 2.8 s re-ingest at 100k).
            gc.freeze()
        return self._retriever

    @property
    def finder(self) -> EvidenceFinder:
        """The evidence stage over the current snapshot."""
        if self._finder is None:
            self._finder = EvidenceFinder(self.retriever.corpus, self.settings.max_sources)
        return self._finder

    def stream(
        self, question: str | Sequence[str], filters: Filters | None = None
    ) -> Generator[str, None, Answer]:
        """Stream the answer to the last turn of a conversation; returns the Answer."""
        turns = [question] if isinstance(question, str) else list(question)
        if not turns:
            turns = [""]
        turns = [check_question(t, self.settings.max_question_chars) for t in turns]
        retriever = self.retriever
        query = self._understand(turns, retriever.corpus)
        filters = filters or Filters()
        table = None if query.injection or len(turns) > 1 else self._compared(query)
        if table is not None:
            text = table.markdown()
            yield text
            return table.answer()
        hits = [] if query.injection else retriever.retrieve(query, filters)
        evidence = self.finder.find(query, hits)
        request = AnswerRequest(query.question, evidence, earlier=tuple(turns[:-1]))
        return (yield from self.generator.generate(request))

    @property
    def comparer(self) -> Comparer:
        """Comparison tables over the current snapshot."""
        if self._comparer is None:
            corpus = self.retriever.corpus
            self._comparer = Comparer(corpus.snapshot, holding=corpus.paths_holding)
        return self._comparer

    def compare(self, places: Sequence[str], topic: str, question: str | None = None) -> Comparison:
        """A table comparing places on a topic: one column per place, one row per aspect, cited."""
        return self.comparer.compare(places, topic, question)

    def _compared(self, query: Query) -> Comparison | None:
        """The table answering a question that compares places, when two of them give figures."""
        names = [n for i, n in enumerate(query.place_names) if query.is_place(i)]
        asked = comparison_asked(query.question, names)
        if asked is None:
            return None
        # "Tai'an's talent policy in Shandong", "Greater Bay Area ... from Guangdong": one place
        # named twice (the articles of one are among the other's) is not a comparison.
        found = [self.comparer.place_articles(p) for p in asked[0]]
        covered = [frozenset(a.path for a in articles) for articles, _ in found if articles]
        if len(covered) < 2 or any(
            a <= b for i, a in enumerate(covered) for b in covered[i + 1 :] + covered[:i]
        ):
            return None
        # Without words that compare, two places of their own ("... in Liuzhou and Tai'an"), not a
        # country some article mentions ("a Chinese R visa through Shanghai's scheme").
        if not is_comparison(query.question) and not all(own for articles, own in found if articles):
            return None
        table = self.compare(*asked, question=query.question)
        return table if table.has_figure_rows else None

    def reader(self, corpus: Corpus) -> Reader:
        """How a Chinese turn is read: the glossaries (packaged, and the corpus folder's glossary.tsv)
        and CC-CEDICT, choosing among a word's glosses those the corpus uses."""
        folder = self.settings.corpus
        # The dictionary is loaded (a second or two) by the first Chinese turn, not by every process.
        return lambda text: Translator.for_corpus(folder).translate(text, known=corpus.knows)

    def _understand(self, turns: list[str], corpus: Corpus) -> Query:
        """The rule-based reading; a follow-up made standalone by the LLM first, when one is configured."""
        gazetteer = corpus.gazetteer
        read = self.reader(corpus)
        synonyms = corpus_synonyms(self.settings.corpus)
        query = understand(turns, gazetteer, read, synonyms, corpus.spellings)
        generator = self.generator
        if len(turns) < 2 or query.injection or not isinstance(generator, FollowUpRewriter):
            return query
        standalone = generator.standalone(turns)
        if standalone is None:
            return query
        # The earlier turns stay: the rules still carry a place or topic the rewrite left out.
        rewritten = understand([*turns[:-1], standalone], gazetteer, read, synonyms, corpus.spellings)
        return dataclasses.replace(rewritten, question=turns[-1])

    def ask(self, question: str | Sequence[str], filters: Filters | None = None) -> Answer:
        """Answer the last turn of a conversation."""
        return collect(self.stream(question, filters))

    def sources(self) -> list[dict[str, str | None]]:
        """The indexed articles with their metadata, by path."""
        snapshot = self.index.snapshot()
        return [
            {"path": a.path, **a.meta.as_dict(), "chunks": str(len(a.chunk_ids))}
            for a in sorted(snapshot.listings.values(), key=lambda a: a.path)
        ]

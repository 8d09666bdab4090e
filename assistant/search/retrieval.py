"""Hybrid retrieval: dense (vector store) and lexical (BM25) rankings fused, then grouped by article."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np

from assistant.ingest.chunking import Chunk, doc_of, position_of
from assistant.search.embeddings import Embedder, QuestionVectors
from assistant.search.held_vectors import HeldVectors
from assistant.search.lexical import LexicalIndex
from assistant.search.query import Filters, Query, place_spellings
from assistant.search.store import VectorStore
from assistant.snapshot import Article, Snapshot
from assistant.text import fold_ws, terms

RRF_K = 60  # the usual reciprocal-rank-fusion constant: flattens the head of each list
# Up to this many chunks, a dense search within some articles ranks the chunks' own vectors,
# fetched by id, instead of asking the store to filter: at 432k chunks Chroma's filtered search
# took 0.5-1 s whatever the filter, fetching 361 vectors 11 ms (100k look-alike articles).
EXACT_LIMIT = 2000
# Words of region names that name no particular place: "the city", "which areas".
_ADMINISTRATIVE = frozenset(
    terms(
        "city cities county counties province provinces district districts new area areas zone "
        "region regions municipality prefecture autonomous town village economic development"
    )
)


@dataclass
class ArticleHit:
    """An article that retrieval found, with its best chunks."""

    article: Article
    score: float
    chunks: list[tuple[Chunk, float]] = field(default_factory=list)
    place_coverage: float = 1.0  # share of the question's named places the article mentions
    similarity: float = 0.0  # best cosine similarity of one of its chunks to the question
    chunk_similarity: dict[str, float] = field(default_factory=dict)  # by chunk id, dense hits only


class Corpus:
    """The serving snapshot with the lookups answers need: chunks, articles, term statistics. Every
    article's listing is in memory; an article's sentences are read when a hit needs them."""

    def __init__(self, snapshot: Snapshot, lexical: LexicalIndex) -> None:
        self.snapshot = snapshot
        self.lexical = lexical
        self.listings = {listing.doc_id: listing for listing in snapshot.listings.values()}
        self.live = frozenset(lexical.chunk_ids)  # the chunk ids served (the lexical index holds them all)
        self._n = max(len(lexical.chunk_ids), 1)
        self._idf = lru_cache(maxsize=100_000)(self._compute_idf)
        self._article_terms = lru_cache(maxsize=20_000)(self._compute_article_terms)
        self._article_text = lru_cache(maxsize=2_000)(self._compute_article_text)
        self.spellings = place_spellings(listing.meta.region or "" for listing in self.listings.values())
        self.gazetteer = (
            frozenset(t for listing in self.listings.values() for t in terms(listing.meta.region or ""))
            - _ADMINISTRATIVE
        )

    def article(self, doc_id: str) -> Article:
        """An article by its id, read when first needed."""
        return self.snapshot.articles[self.listings[doc_id].path]

    def chunk(self, chunk_id: str) -> tuple[Article, Chunk]:
        """A served chunk and its article; KeyError for an id the snapshot does not serve."""
        if chunk_id not in self.live:
            raise KeyError(chunk_id)
        article = self.article(doc_of(chunk_id))
        return article, article.chunks[position_of(chunk_id)]

    def _compute_idf(self, term: str) -> float:
        df = self.lexical.document_frequency(term)
        return math.log(1.0 + (self._n - df + 0.5) / (df + 0.5))

    def knows(self, term: str) -> bool:
        """True when some chunk of the corpus uses the term."""
        return self.lexical.document_frequency(term) > 0

    def idf(self, term: str) -> float:
        """Inverse chunk frequency; a term the corpus never uses gets the highest weight."""
        return float(self._idf(term))

    def _compute_article_terms(self, doc_id: str) -> frozenset[str]:
        article = self.article(doc_id)
        parts = [article.header(), article.meta.publisher or ""]
        parts.extend(c.text for c in article.chunks)
        return frozenset(terms("\n".join(parts)))

    def article_text(self, article: Article) -> str:
        """The article's cleaned text, lower-cased and whitespace-folded."""
        return str(self._article_text(article.doc_id))

    def _compute_article_text(self, doc_id: str) -> str:
        return fold_ws(" ".join(c.text for c in self.article(doc_id).chunks)).lower()

    def article_terms(self, article: Article) -> frozenset[str]:
        """Every term of an article, its title, region and publisher included."""
        return self._article_terms(article.doc_id)

    def names(self, article: Article, phrase: tuple[str, ...]) -> bool:
        """True when the article (title, region and publisher included) has every word of a phrase."""
        return set(phrase) <= self.article_terms(article)

    @cached_property
    def _numbers(self) -> dict[str, int]:
        return {doc_id: n for n, doc_id in enumerate(self.listings)}

    @cached_property
    def _paths(self) -> list[str]:
        """The articles' paths, by number."""
        return [listing.path for listing in self.listings.values()]

    @cached_property
    def _chunk_article(self) -> np.ndarray:
        """The article of each chunk, by number, in the lexical index's order: a filter on articles
        becomes one array test instead of a loop over every chunk. Made by the first filter."""
        chunk_ids = self.lexical.chunk_ids
        numbers = (self._numbers[doc_of(c)] for c in chunk_ids)
        return np.fromiter(numbers, dtype=np.int32, count=len(chunk_ids))

    def paths_holding(self, words: Iterable[str]) -> set[str]:
        """The paths of the articles with every term somewhere in their indexed text (title and region
        included): from the BM25 postings, without reading any article."""
        found: set[int] | None = None
        for term in set(words):
            numbers = set(np.unique(self._chunk_article[self.lexical.holding(term)]).tolist())
            found = numbers if found is None else found & numbers
            if not found:
                return set()
        return {self._paths[n] for n in found} if found is not None else set(self._paths)

    def lexical_mask(self, doc_ids: Collection[str]) -> np.ndarray:
        """Which chunks of the lexical index belong to these articles."""
        numbers = np.fromiter((self._numbers[d] for d in doc_ids if d in self._numbers), dtype=np.int32)
        return np.isin(self._chunk_article, numbers)

    def chunk_ids_of(self, doc_ids: Collection[str]) -> list[str]:
        """The chunk ids of these articles."""
        return [cid for d in doc_ids if d in self.listings for cid in self.listings[d].chunk_ids]

    def allowed(self, filters: Filters) -> set[str] | None:
        """doc_ids passing the filters, or None when no filter is set."""
        if not filters.active:
            return None
        return {
            d
            for d, listing in self.listings.items()
            if filters.allows(listing.meta.region, listing.meta.date)
        }


class HybridRetriever:
    """Dense and BM25 rankings of chunks, fused by reciprocal rank, grouped into articles."""

    def __init__(
        self,
        corpus: Corpus,
        store: VectorStore,
        embedder: Embedder,
        top_k: int = 40,
        questions: QuestionVectors | None = None,
        held: HeldVectors | None = None,
    ) -> None:
        self.corpus = corpus
        self.store = store
        self.embedder = embedder
        self.top_k = top_k
        self.questions = questions or QuestionVectors(0)
        self.held = held  # the chunks' vectors in memory, in the lexical index's order, if held

    def _dense(self, vector: np.ndarray, allowed: set[str] | None, k: int) -> list[tuple[str, float]]:
        """The k nearest chunks, optionally only among the allowed articles' chunks."""
        if self.held is not None:
            return self.held.query(vector, k, None if allowed is None else self.corpus.lexical_mask(allowed))
        if allowed is not None:
            candidates = self.corpus.chunk_ids_of(allowed)
            if len(candidates) <= EXACT_LIMIT:
                return self.store.similarities(vector, candidates)[:k]
        # Ask for extra: ids from an unfinished ingest are not in the snapshot and are dropped.
        hits = self.store.query(vector, k + 10, allowed)
        return [(cid, s) for cid, s in hits if cid in self.corpus.live][:k]

    def _lexical(self, query_terms: Sequence[str], allowed: set[str] | None) -> list[tuple[str, float]]:
        mask = None if allowed is None else self.corpus.lexical_mask(allowed)
        return self.corpus.lexical.search(query_terms, self.top_k, mask)

    def retrieve(self, query: Query, filters: Filters) -> list[ArticleHit]:
        """Fuse both rankings, then put articles naming the question's places first."""
        allowed = self.corpus.allowed(filters)
        if allowed is not None and not allowed:
            return []
        vector = self.questions.vector(query.search_text, self.embedder)
        dense = self._dense(vector, allowed, self.top_k)
        similarity = dict(dense)
        fused: dict[str, float] = {}
        for ranking in (dense, self._lexical(query.search_terms, allowed)):
            for rank, (cid, _score) in enumerate(ranking):
                fused[cid] = fused.get(cid, 0.0) + 1.0 / (RRF_K + rank + 1)
        hits: dict[str, ArticleHit] = {}
        for cid, score in sorted(fused.items(), key=lambda kv: -kv[1]):
            article, chunk = self.corpus.chunk(cid)
            hit = hits.get(article.doc_id)
            if hit is None:
                hit = hits[article.doc_id] = ArticleHit(article, score)
            else:
                hit.score += score * 0.1  # more matching chunks: a little more likely the article
            hit.chunks.append((chunk, score))
            if cid in similarity:
                hit.chunk_similarity[cid] = similarity[cid]
                hit.similarity = max(hit.similarity, similarity[cid])
        for hit in hits.values():
            hit.place_coverage = self.place_coverage(query, hit.article)
        if len(query.places) > 1:
            self._compare_within(vector, [h for h in hits.values() if h.place_coverage > 0])
        # An article that does not mention the place asked about does not answer for it.
        return sorted(hits.values(), key=lambda h: (-h.place_coverage, -h.score))

    def _compare_within(self, vector: np.ndarray, hits: list[ArticleHit]) -> None:
        """Score each named place's articles on their own chunks, so one region's strong match
        does not crowd the other region's article out of the dense ranking."""
        by_doc = {h.article.doc_id: h for h in hits}
        for cid, cosine in self._dense(vector, set(by_doc), self.top_k):
            if cid in self.corpus.live:
                hit = by_doc[doc_of(cid)]
                hit.chunk_similarity[cid] = max(hit.chunk_similarity.get(cid, 0.0), cosine)
                hit.similarity = max(hit.similarity, cosine)

    def place_coverage(self, query: Query, article: Article) -> float:
        """Share of the question's named phrases that the article mentions, every word of each."""
        if not query.places:
            return 1.0
        return sum(self.corpus.names(article, phrase) for phrase in query.places) / len(query.places)

"""The policy library: browse, search and read the indexed articles, quotes in their context."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from assistant.errors import AssistantError, SkippedDocument
from assistant.ingest.cleaning import clean
from assistant.ingest.documents import read_document
from assistant.ingest.metadata import ArticleMeta, load_catalog, regions_by_count
from assistant.search.query import Filters
from assistant.snapshot import Article, Listing, Snapshot
from assistant.text import fold_ws, terms


@dataclass(frozen=True)
class ArticleView:
    """An article as a reader sees it: its metadata and its paragraphs."""

    path: str
    meta: ArticleMeta
    paragraphs: list[str]

    def find(self, quote: str) -> int | None:
        """The number of the paragraph holding the quote (whitespace folded), if any."""
        needle = fold_ws(quote)
        if not needle:
            return None
        for number, paragraph in enumerate(self.paragraphs):
            if needle in fold_ws(paragraph):
                return number
        # A quote of several sentences can span a paragraph break: find its first sentence.
        first = needle.split(". ")[0]
        for number, paragraph in enumerate(self.paragraphs):
            if first and first in fold_ws(paragraph):
                return number
        return None


class Library:
    """The articles of one index snapshot, for reading beside the chat."""

    def __init__(
        self,
        snapshot: Snapshot,
        data_dir: Path,
        holding: Callable[[Iterable[str]], Collection[str]] | None = None,
    ) -> None:
        """holding: the paths of the articles whose text (title and region included) has every one of
        some terms, e.g. from the BM25 postings; by default every article's text is read."""
        self.snapshot = snapshot
        self.data_dir = data_dir
        self._holding = holding or self._reading
        self._views: dict[tuple[str, str], ArticleView] = {}
        self._terms: dict[str, frozenset[str]] = {}
        self._headings: dict[str, frozenset[str]] = {}
        self._examples: dict[int, list[str]] = {}

    # The snapshot never changes under a Library (a new ingest gets a new one), so what is derived
    # from it is computed once, not at every page load.
    @cached_property
    def articles(self) -> list[Listing]:
        """Every article's listing, newest first."""
        newest = sorted(self.snapshot.listings.values(), key=lambda a: (a.meta.date or "", a.path))
        return newest[::-1]

    def regions(self) -> list[str]:
        """The distinct regions, most articles first."""
        return self._regions

    @cached_property
    def _regions(self) -> list[str]:
        return regions_by_count((a.meta for a in self.snapshot.listings.values()), alphabetical_ties=True)

    def coverage(self) -> str:
        """One line saying what the assistant can answer about: how many articles, where, when."""
        return self._coverage

    @cached_property
    def _coverage(self) -> str:
        articles = self.snapshot.listings.values()
        if not articles:
            return "The corpus is empty: add articles to corpus/ and run `policy-assistant ingest`."
        dates = sorted(a.meta.date for a in articles if a.meta.date)
        regions = self.regions()
        shown = "; ".join(regions[:8]) + (f" and {len(regions) - 8} more" if len(regions) > 8 else "")
        when = f", dated {dates[0]} to {dates[-1]}" if dates else ""
        count = len(self.snapshot.listings)
        noun = "article" if count == 1 else "articles"
        return f"Answers from {count} talent-policy {noun}{when}, covering {shown or 'no named region'}."

    def examples(self, limit: int = 4) -> list[str]:
        """Questions a first-time visitor can click, one per region, drawn from the corpus.

        A catalog entry's "questions" (written by whoever added the article) come first; otherwise
        the question is made from the region's most specific place.
        """
        if limit not in self._examples:
            self._examples[limit] = self._make_examples(limit)
        return self._examples[limit]

    def _make_examples(self, limit: int) -> list[str]:
        questions: list[str] = []
        by_region: dict[str, list[Listing]] = {}
        for article in self.articles:
            by_region.setdefault(article.meta.region or "", []).append(article)
        for region in self.regions():
            curated = [q for a in by_region[region] for q in self._catalog_questions(a)]
            place = region.split(",")[0].strip()
            question = curated[0] if curated else f"What subsidies can talents get in {place}?"
            if question not in questions:
                questions.append(question)
            if len(questions) >= limit:
                break
        return questions

    def _catalog_questions(self, article: Listing) -> list[str]:
        source = self.data_dir / article.path
        try:
            entry = load_catalog(source.parent).get(source.name, {})
        except AssistantError:
            return []  # a broken catalog was reported at ingest; examples fall back to places
        questions = entry.get("questions", [])
        if not isinstance(questions, list):
            return []
        return [q for q in questions if isinstance(q, str) and q.strip()]

    def search(self, text: str | None = "", filters: Filters | None = None, limit: int = 50) -> list[Listing]:
        """Articles passing the filters that hold every word searched (best first; newest first
        without words). When none holds them all, those holding the most of them."""
        filters = filters or Filters()
        wanted = set(terms(text)) if text and text.strip() else set()
        allowed = [a for a in self.articles if filters.allows(a.meta.region, a.meta.date)]
        if not wanted:
            return allowed[:limit]
        holders = {t: self._holding([t]) for t in wanted}
        scored: list[tuple[int, float, Listing]] = []
        for article in allowed:
            found = [t for t in wanted if article.path in holders[t]]
            if found:
                # A word in the title or region counts double: it is what the article is about.
                heading = self._heading(article)
                scored.append((len(found), sum(2.0 if t in heading else 1.0 for t in found), article))
        most = max((n for n, _, _ in scored), default=0)
        best = [(weight, a) for n, weight, a in scored if n == most]
        best.sort(key=lambda item: -item[0])  # stable: newest first among equal weights
        return [article for _, article in best[:limit]]

    def _heading(self, article: Listing) -> frozenset[str]:
        if article.path not in self._headings:
            heading = " ".join(p for p in (article.meta.title, article.meta.region) if p)
            self._headings[article.path] = frozenset(terms(heading))
        return self._headings[article.path]

    def _reading(self, words: Iterable[str]) -> set[str]:
        """holding() by reading every article (their terms kept): for a library without postings."""
        wanted = set(words)
        return {a.path for a in self.articles if wanted <= self._article_terms(a)}

    def _article_terms(self, article: Listing) -> frozenset[str]:
        """Every term of an article's title, region and sentences, computed once."""
        if article.path not in self._terms:
            sentences = (s for c in self.snapshot.articles[article.path].chunks for s in c.sentences)
            self._terms[article.path] = self._heading(article) | frozenset(terms(" ".join(sentences)))
        return self._terms[article.path]

    def view(self, path: str) -> ArticleView:
        """The article at an indexed path; only indexed articles can be opened."""
        article = self.snapshot.articles.get(path)
        if article is None:
            raise AssistantError(f"no article '{path}' in the index: pick one from the library")
        key = (path, article.sha256)
        if key not in self._views:
            self._views[key] = ArticleView(path, article.meta, self._paragraphs(article))
        return self._views[key]

    def _paragraphs(self, article: Article) -> list[str]:
        # The cleaned source file, as the quotes were taken from it; if the file has changed or
        # gone since the ingest, the indexed sentences are what the answers quoted.
        try:
            paragraphs = [p for p in clean(read_document(self.data_dir / article.path).text).paragraphs if p]
        except (OSError, SkippedDocument):
            paragraphs = []
        first = article.chunks[0].sentences[0] if article.chunks else ""
        if paragraphs and fold_ws(first) in fold_ws(" ".join(paragraphs)):
            return paragraphs
        paragraphs = []
        for chunk in article.chunks:
            for i, sentence in enumerate(chunk.sentences):
                if not paragraphs or (i and i in chunk.breaks):
                    paragraphs.append(sentence)
                else:
                    paragraphs[-1] += " " + sentence
        return paragraphs

    def context(self, path: str, quote: str) -> str:
        """The paragraph of the article that holds the quote (the quote itself if none does)."""
        view = self.view(path)
        number = view.find(quote)
        return view.paragraphs[number] if number is not None else quote

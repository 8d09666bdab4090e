"""How answers and articles are shown: chat Markdown, paste-ready text, the article reader."""

from __future__ import annotations

import html
from collections.abc import Sequence

from assistant.answering.answer import Answer, Citation
from assistant.answering.frames import Frames
from assistant.app.library import ArticleView, Library
from assistant.snapshot import Article, Listing
from assistant.text import fold_ws


def source_line(c: Citation) -> str:
    """'Title · Publisher · 2020-11-19 · Region' for a citation, and ' · p. 3' for a PDF's page."""
    page = f"p. {c.page}" if c.page else None
    return " · ".join(p for p in (c.title or c.path, c.publisher, c.date, c.region, page) if p)


def cited_text(answer: Answer) -> str:
    """The answer with its [n] markers, then "Sources:" and its reference list, as plain text."""
    if not answer.citations:
        return answer.answer
    return f"{answer.answer}\n\n{sources_heading(answer)}:\n{answer.references()}"


def sources_heading(answer: Answer) -> str:
    """'Sources', in the question's language."""
    return Frames.of(answer.question).text("sources")


def answer_markdown(answer: Answer, library: Library | None = None) -> str:
    """The chat message: the answer with its [n] markers, then its numbered sources.

    Each source shows title, publisher, date, region and the quoted passage; the paragraph
    around the quote unfolds beneath it. Corpus text is escaped: it is data, not markup.
    """
    parts = [html.escape(answer.answer, quote=False)]
    provenance = _provenance(answer)
    if provenance:
        parts.append(f"\n\n<sub>{html.escape(provenance, quote=False)}</sub>")
    if answer.citations:
        parts.append(f"\n\n**{sources_heading(answer)}**")
    for c in answer.citations:
        parts.append(f"\n\n**[{c.n}]** {html.escape(source_line(c), quote=False)}  \n")
        parts.append(f"> “{html.escape(c.quote, quote=False)}”")
        paragraph = library.context(c.path, c.quote) if library else c.quote
        if fold_ws(paragraph) != fold_ws(c.quote):
            parts.append(
                "\n\n<details><summary>The paragraph in the article</summary>\n\n"
                f"{_highlight(paragraph, c.quote)}\n\n</details>"
            )
        parts.append(f"\n\n<sub>{html.escape(c.path)}</sub>")
    return "".join(parts)


def _provenance(answer: Answer) -> str:
    """Who wrote an LLM answer and what the guard changed, or why the quotes are shown instead."""
    g = answer.generation
    if g.notice:
        return f"Note: {g.notice}."
    if g.answered_by == "extractive":
        return ""
    removed = sum(1 for e in g.edits if e.action == "removed")
    repaired = sum(1 for e in g.edits if e.action == "repaired")
    changes = [
        f"{n} sentence{'s' * (n != 1)} {what}" for n, what in ((removed, "removed"), (repaired, "re-cited"))
    ]
    done = "; ".join(c for c, n in zip(changes, (removed, repaired), strict=True) if n)
    return f"Written by {g.model or g.generator}; every sentence checked against its source" + (
        f" ({done})." if done else "."
    )


def plain_text(answer: Answer) -> str:
    """The answer and its reference list as plain text, ready to paste into a reply."""
    return cited_text(answer)


def _highlight(paragraph: str, quote: str, tag: str = "mark") -> str:
    """The paragraph, escaped, with the quote wrapped in <tag> where it occurs."""
    folded, needle = fold_ws(paragraph), fold_ws(quote)
    start = folded.find(needle) if needle else -1
    if start < 0:
        return html.escape(folded, quote=False)
    end = start + len(needle)
    return (
        html.escape(folded[:start], quote=False)
        + f"<{tag}>{html.escape(folded[start:end], quote=False)}</{tag}>"
        + html.escape(folded[end:], quote=False)
    )


def article_html(view: ArticleView, quote: str | None = None, page: int | None = None) -> str:
    """The article for the reader panel, the quoted passage highlighted and scrolled to, and the
    PDF page it is on named above it."""
    meta = view.meta
    details = " · ".join(html.escape(p) for p in (meta.publisher, meta.date, meta.region) if p)
    out = [
        '<article class="pa-article">',
        f"<h3>{html.escape(meta.title or view.path)}</h3>",
        f'<p class="pa-meta">{details}</p>' if details else "",
        f'<p class="pa-path"><code>{html.escape(view.path)}</code></p>',
    ]
    marked = view.find(quote) if quote else None
    for number, paragraph in enumerate(view.paragraphs):
        if number == marked and quote:
            if page:
                out.append(f'<p class="pa-page">Page {page} of the PDF</p>')
            out.append(f'<p id="pa-quoted" class="pa-quoted">{_highlight(paragraph, quote)}</p>')
        else:
            out.append(f"<p>{html.escape(paragraph, quote=False)}</p>")
    out.append("</article>")
    return "\n".join(part for part in out if part)


def library_rows(articles: Sequence[Article | Listing]) -> list[list[str]]:
    """Rows of the library table: date, region, title, path."""
    return [[a.meta.date or "", a.meta.region or "", a.meta.title or "", a.path] for a in articles]

"""The Compare tab: choose two to four regions and a topic, get the cited table, open a source beside
it, copy it as Markdown or download it as CSV. Built inside the app's Blocks by web.build_app."""

from __future__ import annotations

import html
import json
import logging
import tempfile
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.answering.compare_figures import topic_suggestions
from assistant.answering.compare_table import Comparison
from assistant.app.render import article_html, source_line
from assistant.app.service import ChatService
from assistant.errors import AssistantError

log = logging.getLogger(__name__)

MAX_REGIONS = 4
NO_TABLE = "<p class='pa-empty'>Choose two to four regions and a topic, then Compare.</p>"
NO_SOURCE = "<p class='pa-empty'>Open a cited article of the table to read it here.</p>"


def table_html(table: Comparison) -> str:
    """The table as HTML (corpus text escaped), the summary under it, then the numbered sources."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in table.header())
    body = []
    for row in table.rows:
        cells = [f"<th scope='row'>{html.escape(row.label)}</th>"]
        for cell in row.cells:
            css = "pa-stated" if cell.status == "stated" else "pa-missing"
            cells.append(f"<td class='{css}'>{html.escape(cell.shown())}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    if not table.rows:
        span = len(table.header())
        body.append(f"<tr><td colspan='{span}'>The articles give no figures on this topic.</td></tr>")
    summary = " ".join(table.summary)
    sources = "".join(
        f"<li value='{c.n}'>{html.escape(source_line(c))} <code>{html.escape(c.path)}</code></li>"
        for c in table.citations
    )
    return (
        f"<table class='pa-compare'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        f"<p class='pa-compare-summary'>{html.escape(summary)}</p>"
        + (f"<p><strong>Sources</strong></p><ol class='pa-compare-sources'>{sources}</ol>" if sources else "")
    )


def _csv_file(table: Comparison) -> str:
    folder = Path(tempfile.mkdtemp(prefix="policy-compare-"))
    target = folder / "comparison.csv"
    target.write_text(table.csv_text(), encoding="utf-8")
    return str(target)


def build_compare_tab(service: ChatService, regions: list[str]) -> dict[str, Any]:
    """The tab's components and events; returns the region picker, for refreshing its choices."""
    current = gr.State(None)
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            with gr.Row():
                places = gr.Dropdown(
                    choices=regions,
                    multiselect=True,
                    max_choices=MAX_REGIONS,
                    label="Regions (two to four)",
                    elem_id="pa-cmp-regions",
                    scale=3,
                )
                topic = gr.Dropdown(
                    choices=topic_suggestions(),
                    value=None,
                    allow_custom_value=True,
                    filterable=True,
                    label="Topic (pick one or type your own)",
                    elem_id="pa-cmp-topic",
                    scale=2,
                )
            run = gr.Button("Compare", variant="primary", elem_id="pa-cmp-run")
            note = gr.Markdown(elem_id="pa-cmp-note")
            table = gr.HTML(NO_TABLE, elem_id="pa-cmp-table")
            sources = gr.Radio(
                label="Open a cited article", choices=[], visible=False, elem_id="pa-cmp-sources"
            )
            with gr.Row():
                markdown = gr.Textbox(
                    label="The table as Markdown, with its sources, ready to paste",
                    lines=6,
                    interactive=False,
                    buttons=["copy"],
                    elem_id="pa-cmp-markdown",
                    scale=3,
                )
                csv_file = gr.File(label="Download CSV", interactive=False, elem_id="pa-cmp-csv", scale=1)
        with gr.Column(scale=2):
            article = gr.HTML(NO_SOURCE, elem_id="pa-cmp-article")

    def show_table(chosen: list[str] | None, what: str | None, request: gr.Request) -> tuple[Any, ...]:
        try:
            result = service.compare(chosen or [], what or "", session=request.session_hash)
        except AssistantError as exc:
            return None, str(exc).capitalize() + ".", gr.update(), gr.update(visible=False), "", None
        except Exception:
            log.exception("comparing failed")
            oops = "Something went wrong on our side and it has been logged. Please try again."
            return None, oops, gr.update(), gr.update(visible=False), "", None
        choices = [(f"[{c.n}] {source_line(c)}", str(c.n)) for c in result.citations]
        return (
            result,
            "",
            table_html(result),
            gr.update(choices=choices, value=None, visible=bool(choices)),
            result.markdown_with_sources(),
            _csv_file(result),
        )

    def open_source(number: str | None, result: Comparison | None) -> str | Any:
        if not number or result is None:
            return gr.update()
        for c in result.citations:
            if str(c.n) == number:
                # Highlight the first sentence of this article that a cell quotes.
                quote = next(
                    (f.quote for r in result.rows for cell in r.cells for f in cell.figures if f.n == c.n),
                    c.quote,
                )
                article = service.library.snapshot.articles.get(c.path)
                page = article.page_of(quote) if article else None
                try:
                    return article_html(service.library.view(c.path), quote, page)
                except AssistantError as exc:
                    return f"<p>{html.escape(str(exc))}</p>"
        return gr.update()

    outputs = [current, note, table, sources, markdown, csv_file]
    run.click(show_table, [places, topic], outputs, api_visibility="private")
    sources.change(open_source, [sources, current], article, api_visibility="private").then(
        None,
        js="() => { setTimeout(() => document.querySelector('#pa-cmp-article #pa-quoted')"
        "?.scrollIntoView({block: 'center'}), 50); }",
    )

    def api_compare(regions: list[str] | str, topic: str, request: gr.Request | None = None) -> str:
        """Compare regions on a topic: the JSON text `policy-assistant compare --json` prints."""
        chosen = regions.split(",") if isinstance(regions, str) else list(regions)
        session = request.session_hash if request is not None else None
        return json.dumps(service.compare_json(chosen, topic, session=session), ensure_ascii=False)

    gr.api(api_compare, api_name="compare")
    return {"regions": places}

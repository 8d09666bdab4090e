"""The Gradio chat app: streamed cited answers, a sources panel and library, staff tools, an API."""

from __future__ import annotations

import html
import logging
import os
from collections.abc import Iterator
from typing import Any

import gradio as gr
from gradio.components.chatbot import ExampleMessage

from assistant.answering.answer import Streamed
from assistant.app.conversations import Conversation, Saved, Turn
from assistant.app.openai_api import ChatCompletions
from assistant.app.render import answer_markdown, article_html, library_rows
from assistant.app.service import ChatService
from assistant.app.web_api import register_api
from assistant.app.web_compare import build_compare_tab
from assistant.app.web_conversations import (
    NO_ARTICLE,
    build_sidebar,
    listed,
    shown_sources,
    stored,
    wire_conversations,
)
from assistant.app.web_staff import build_staff_tools
from assistant.core import Assistant
from assistant.errors import AssistantError, BadQuestion
from assistant.search.query import Filters
from assistant.settings import Settings

log = logging.getLogger(__name__)

ALL_REGIONS = "All regions"
OOPS = "Something went wrong on our side and it has been logged. Please try again."
CSS = """
.pa-article mark { background: #ffe58a; padding: 0 2px; }
.pa-article .pa-meta, .pa-article .pa-path, .pa-article .pa-page { color: #666; margin: 0 0 .4em 0; }
.pa-article { max-height: 640px; overflow-y: auto; }
.pa-coverage { color: #555; }
.pa-compare { border-collapse: collapse; width: 100%; }
.pa-compare th, .pa-compare td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; }
.pa-compare td { vertical-align: top; }
.pa-compare td.pa-missing { color: #888; font-style: italic; }
"""
# Scroll the reader to the highlighted passage whenever a new article is shown.
SCROLL_JS = (
    "() => { setTimeout(() => document.getElementById('pa-quoted')?.scrollIntoView({block: 'center'}), 50); }"
)


def _filters(region: str | None, date_from: str | None, date_to: str | None) -> Filters:
    return Filters(
        region=None if not region or region == ALL_REGIONS else region,
        date_from=(date_from or "").strip() or None,
        date_to=(date_to or "").strip() or None,
    )


def build_app(service: ChatService) -> gr.Blocks:
    """The chat page wired to a ChatService; every handler is a thin call into the package."""

    def places() -> list[str]:
        return service.library.regions() if service.ready else []

    def regions() -> list[str]:
        return [ALL_REGIONS, *places()]

    def examples() -> list[ExampleMessage]:
        return [{"text": q} for q in service.library.examples()] if service.ready else []

    # -- handlers ------------------------------------------------------------------------------
    def respond(
        message: str,
        history: list[dict[str, Any]],
        conversation: Conversation,
        saved: Saved,
        region: str,
        date_from: str,
        date_to: str,
        request: gr.Request,
    ) -> Iterator[tuple[Any, ...]]:
        """Stream the answer into the chat, then show it with its sources and keep the conversation
        in the browser. Outputs: chat, conversation, question box, sources, copy text, saved
        conversations, their list, the Stop button."""
        history = list(history or [])
        keep = gr.update()

        def shown(question: Any = "", busy: bool = True) -> tuple[Any, ...]:
            return history, conversation, question, keep, keep, keep, keep, gr.update(visible=busy)

        def finished() -> tuple[Any, ...]:
            return stored(conversation, history, saved)

        if message.strip() and not service.wait(0):
            # The first build is still running: show its progress in the answer bubble, then answer.
            history += [{"role": "user", "content": message}, {"role": "assistant", "content": ""}]
            while not service.wait(0.5):
                history[-1] = {"role": "assistant", "content": service.status()}
                yield shown()
            history = history[:-2]
        try:
            filters = _filters(region, date_from, date_to)
            turns = [*conversation.questions(), message]
            stream = service.stream(turns, filters, session=request.session_hash)
        except BadQuestion as exc:
            # The question stays in the box to be fixed; nothing is added to the chat.
            gr.Warning(str(exc).capitalize())
            yield shown(gr.update(), busy=False)
            return
        except AssistantError as exc:
            history += [{"role": "user", "content": message}, {"role": "assistant", "content": str(exc)}]
            yield *shown(busy=False)[:5], *finished(), gr.update(visible=False)
            return
        history += [{"role": "user", "content": message}, {"role": "assistant", "content": "…"}]
        yield shown()
        text = ""
        streamed = Streamed(stream)
        try:
            for piece in streamed:
                text += piece
                history[-1] = {"role": "assistant", "content": html.escape(text, quote=False)}
                yield shown()
        except AssistantError as exc:
            history[-1] = {"role": "assistant", "content": str(exc)}
            yield *shown(busy=False)[:5], *finished(), gr.update(visible=False)
            return
        except Exception:
            # The start of the question is enough to find it again; all of it could be 100k characters.
            log.exception("answering a question failed (%d characters: %.80r)", len(message), message)
            history[-1] = {"role": "assistant", "content": OOPS}
            yield *shown(busy=False)[:5], *finished(), gr.update(visible=False)
            return
        answer = streamed.answer
        history[-1] = {"role": "assistant", "content": answer_markdown(answer, service.library)}
        conversation.turns.append(Turn(turns, answer, len(history) - 1))
        yield history, conversation, "", *shown_sources(answer), *finished(), gr.update(visible=False)

    def open_source(number: str | None, conversation: Conversation) -> Any:
        last = conversation.last
        if not number or last is None:
            return gr.update(), gr.update()
        for c in last.answer.citations:
            if str(c.n) == number:
                return _article(c.path, c.quote, c.page), gr.Tabs(selected="source")
        return gr.update(), gr.update()

    def _article(path: str, quote: str | None = None, page: int | None = None) -> str:
        try:
            return article_html(service.library.view(path), quote, page)
        except AssistantError as exc:
            return f"<p>{html.escape(str(exc))}</p>"

    def liked(data: gr.LikeData, conversation: Conversation, staff: bool) -> str:
        turn = next((t for t in conversation.turns if t.message == data.index), None)
        if turn is None:
            return ""
        rating = 1 if data.liked is True or data.liked == "Like" else -1
        try:
            service.record_feedback(turn.turns, turn.answer, rating, staff=staff)
        except AssistantError as exc:
            return str(exc)
        return "Thank you: the feedback was saved."

    def search(text: str, region: str, date_from: str, date_to: str) -> Any:
        if not service.ready:
            return gr.update(value=[]), service.status()
        try:
            found = service.library.search(text, _filters(region, date_from, date_to))
        except AssistantError as exc:
            return gr.update(value=[]), str(exc)
        total = len(service.library.snapshot.listings)
        return library_rows(found), f"{len(found)} of {total} articles"

    def pick_article(data: gr.SelectData) -> Any:
        row = data.row_value or []
        if len(row) < 4:
            return gr.update(), gr.update()
        return _article(str(row[3])), gr.Tabs(selected="source")

    def refresh() -> tuple[Any, ...]:
        """Coverage, examples and region choices once the index is ready; keeps polling until then."""
        status = service.status()
        if not service.wait(0):  # still building: keep polling
            return status, gr.update(), gr.update(), gr.update(), gr.update(), gr.Timer(active=True)
        return (
            status,
            gr.update(examples=examples() or None),
            gr.update(choices=regions()),
            gr.update(choices=regions()),
            gr.update(choices=places()),
            gr.Timer(active=False),
        )

    # -- layout --------------------------------------------------------------------------------
    with gr.Blocks(title="Talent policy assistant", fill_width=True) as demo:
        conversation = gr.State(Conversation())
        sidebar = build_sidebar()
        saved = sidebar.saved
        staff = gr.State(not service.staff_login_required)  # server-side: a browser cannot set it
        gr.Markdown(
            "## Talent policy assistant\n"
            "Ask about talent subsidies, eligibility, talent cards and support programmes. Every answer "
            "quotes the policy articles it comes from; when they don't say, the assistant tells you."
        )
        coverage = gr.Markdown(service.status(), elem_classes=["pa-coverage"], elem_id="pa-coverage")
        with gr.Tabs(elem_id="pa-pages"):
            with gr.Tab("Chat", id="chat"), gr.Row(equal_height=False):
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(
                        label="Conversation",
                        elem_id="pa-chat",
                        height=560,
                        examples=examples() or None,
                        placeholder="**Ask a question about the talent policies** (in English or 中文), "
                        "or pick an example.",
                        buttons=["copy"],
                        feedback_options=("Like", "Dislike"),
                    )
                    with gr.Row():
                        question = gr.Textbox(
                            placeholder="e.g. What can a graduate get in Liangjiang New Area? "
                            "或：两江新区的毕业生可以获得多少安置补贴？",
                            show_label=False,
                            scale=6,
                            max_lines=4,
                            elem_id="pa-question",
                        )
                        ask = gr.Button("Ask", variant="primary", scale=1, elem_id="pa-ask")
                        stop = gr.Button("Stop", variant="stop", scale=1, visible=False, elem_id="pa-stop")
                    sources = gr.Radio(
                        label="Open a source of the last answer",
                        choices=[],
                        visible=False,
                        elem_id="pa-sources",
                    )
                    with gr.Accordion("Filters: region and dates", open=False), gr.Row():
                        region = gr.Dropdown(choices=regions(), value=ALL_REGIONS, label="Region")
                        date_from = gr.Textbox(label="From (YYYY-MM-DD)", max_lines=1)
                        date_to = gr.Textbox(label="To (YYYY-MM-DD)", max_lines=1)
                    staff_tools = build_staff_tools(service, staff, conversation)
                with gr.Column(scale=2), gr.Tabs() as tabs:
                    with gr.Tab("Source", id="source"):
                        article = gr.HTML(NO_ARTICLE, elem_id="pa-article")
                    with gr.Tab("Policy library", id="library"):
                        with gr.Row():
                            lib_text = gr.Textbox(
                                label="Search the articles", scale=3, elem_id="pa-lib-search"
                            )
                            lib_region = gr.Dropdown(
                                choices=regions(), value=ALL_REGIONS, label="Region", scale=2
                            )
                        with gr.Row():
                            lib_from = gr.Textbox(label="From (YYYY-MM-DD)", max_lines=1)
                            lib_to = gr.Textbox(label="To (YYYY-MM-DD)", max_lines=1)
                        lib_count = gr.Markdown()
                        lib_table = gr.Dataframe(
                            headers=["date", "region", "title", "path"],
                            interactive=False,
                            wrap=True,
                            elem_id="pa-library",
                        )
            with gr.Tab("Compare", id="compare"):
                compare_tab = build_compare_tab(service, places())
        timer = gr.Timer(1.0, active=not service.wait(0))

        # -- events ------------------------------------------------------------------------------
        library_inputs = [lib_text, lib_region, lib_from, lib_to]
        refresh_outputs = [coverage, chatbot, region, lib_region, compare_tab["regions"], timer]
        answer_inputs = [question, chatbot, conversation, saved, region, date_from, date_to]
        copy_text = staff_tools.copy_text
        answer_outputs = [chatbot, conversation, question, sources, copy_text, saved, sidebar.listing, stop]
        answering = [
            question.submit(respond, answer_inputs, answer_outputs, api_visibility="private"),
            ask.click(respond, answer_inputs, answer_outputs, api_visibility="private"),
        ]

        def pick_example(data: gr.SelectData) -> str:
            return str(data.value["text"])

        answering.append(
            chatbot.example_select(pick_example, None, question, api_visibility="private").then(
                respond, answer_inputs, answer_outputs, api_visibility="private"
            )
        )
        wire_conversations(
            sidebar,
            chatbot,
            conversation,
            stop,
            answering,
            respond,
            (answer_inputs, answer_outputs),
            [sources, copy_text, article, question],
        )
        sources.change(open_source, [sources, conversation], [article, tabs], api_visibility="private").then(
            None, js=SCROLL_JS
        )
        chatbot.like(liked, [conversation, staff], staff_tools.feedback_note, api_visibility="private")
        for event in staff_tools.changes:
            event.then(refresh, None, refresh_outputs, api_visibility="private").then(
                search, library_inputs, [lib_table, lib_count], api_visibility="private"
            )
        for trigger in (lib_text.submit, lib_region.change, lib_from.submit, lib_to.submit):
            trigger(search, library_inputs, [lib_table, lib_count], api_visibility="private")
        lib_table.select(pick_article, None, [article, tabs], api_visibility="private")
        timer.tick(refresh, None, refresh_outputs, api_visibility="private").then(
            search, library_inputs, [lib_table, lib_count], api_visibility="private"
        )
        demo.load(refresh, None, refresh_outputs, api_visibility="private").then(
            search, library_inputs, [lib_table, lib_count], api_visibility="private"
        )
        demo.load(listed, sidebar.saved, sidebar.listing, api_visibility="private")

        register_api(service)
    return demo


def serve(settings: Settings, *, block: bool = True, assistant: Assistant | None = None) -> gr.Blocks:
    """Start the app and its OpenAI-compatible API: the index is prepared in the background while
    the page already opens."""
    service = ChatService(assistant or Assistant(settings))
    service.start(background=True)
    demo = build_app(service)
    # Gradio's queue recomputes its monitoring summary (a pandas table of up to the last 10,000
    # events) after every event by default: 1-7 ms of each answer, growing as the app runs. A
    # summary at most 100 events old is plenty; the environment can still say otherwise.
    os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", "100")
    demo.queue(default_concurrency_limit=settings.concurrency)
    # The OpenAI-compatible API is served beside the app by the same server: its routes are given
    # to the FastAPI app Gradio builds (app_kwargs reach FastAPI's constructor), ahead of Gradio's own.
    api = ChatCompletions(service)
    demo.launch(
        app_kwargs={"routes": api.routes()},
        server_name=settings.host,
        server_port=settings.port,
        share=settings.share,
        auth=settings.credentials(),
        auth_message="Staff login for the talent policy assistant.",
        css=CSS,
        show_error=False,  # errors reach the page as one line written by the handlers, never a trace
        prevent_thread_lock=not block,
        quiet=not block,
    )
    return demo

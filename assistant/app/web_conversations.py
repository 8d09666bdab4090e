"""The chat's conversations in the app: the sidebar of those kept in the browser (reopen, continue,
delete, start a new one), retry, undo and stop, and the Markdown and JSON downloads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import gradio as gr

from assistant.answering.answer import Answer
from assistant.app import conversations as kept
from assistant.app.conversations import STOPPED, Conversation, Saved
from assistant.app.render import plain_text, source_line

STORAGE_KEY = "policy-assistant-conversations"
NO_ARTICLE = "<p class='pa-empty'>Open a source of an answer, or pick an article in the library.</p>"
# Save an exported conversation (the text a handler put in the hidden #pa-exported box) as a file.
DOWNLOAD_JS = {
    kind: "(text) => { if (!text) return; const a = document.createElement('a');"
    f" a.href = URL.createObjectURL(new Blob([text], {{type: '{mime}'}})); a.download = '{name}';"
    " document.body.appendChild(a); a.click(); a.remove(); }"
    for kind, mime, name in (
        ("md", "text/markdown", "conversation.md"),
        ("json", "application/json", "conversation.json"),
    )
}
Messages = list[dict[str, Any]]


@dataclass
class Sidebar:
    """The sidebar's components."""

    saved: gr.BrowserState
    listing: gr.Radio
    new: gr.Button
    delete: gr.Button
    as_markdown: gr.Button
    as_json: gr.Button
    exported: gr.Textbox


def build_sidebar() -> Sidebar:
    """The sidebar of the visitor's conversations, kept in their browser's localStorage."""
    # The fixed secret keeps them readable after the server restarts; it is sent to the page, so
    # it hides nothing from the visitor, whose data it is.
    saved = gr.BrowserState([], storage_key=STORAGE_KEY, secret=STORAGE_KEY)
    with gr.Sidebar(label="Conversations", elem_id="pa-sidebar"):
        new = gr.Button("New conversation", variant="primary", elem_id="pa-new")
        listing = gr.Radio(
            label="Your conversations (kept in this browser only)", choices=[], elem_id="pa-conversations"
        )
        delete = gr.Button("Delete this conversation", size="sm", elem_id="pa-delete")
        with gr.Row():
            as_markdown = gr.Button("Download Markdown", size="sm", elem_id="pa-download-md")
            as_json = gr.Button("Download JSON", size="sm", elem_id="pa-download-json")
        exported = gr.Textbox(visible="hidden", elem_id="pa-exported")
    return Sidebar(saved, listing, new, delete, as_markdown, as_json, exported)


def source_choices(answer: Answer | None) -> list[tuple[str, str]]:
    """The sources radio's choices for an answer: '[n] Title · …' with value n."""
    if answer is None:
        return []
    return [(f"[{c.n}] {source_line(c)}", str(c.n)) for c in answer.citations]


def shown_sources(answer: Answer | None) -> tuple[Any, str]:
    """The sources radio and the paste-ready text for the answer now last in the chat."""
    choices = source_choices(answer)
    return gr.update(choices=choices, value=None, visible=bool(choices)), plain_text(answer) if answer else ""


def stored(conversation: Conversation, history: Messages, saved: Saved | None) -> tuple[Saved, Any]:
    """The saved conversations with this one kept, and the sidebar list showing it."""
    records = kept.save(saved, conversation, history)
    return records, gr.update(choices=kept.choices(records), value=conversation.id)


def stop_answer(history: Messages, conversation: Conversation, saved: Saved | None) -> tuple[Any, ...]:
    """The answer being written was stopped: it stays shown, marked, and is left out of what a
    follow-up leans on. Outputs: chat, saved, list, Stop button."""
    history = list(history or [])
    answered = {t.message for t in conversation.turns}
    if history and history[-1].get("role") == "assistant" and len(history) - 1 not in answered:
        text = kept.message_text(history[-1]).rstrip()
        history[-1] = {"role": "assistant", "content": f"{text}\n\n*{STOPPED}*"}
    return history, *stored(conversation, history, saved), gr.update(visible=False)


def take_back(history: Messages, conversation: Conversation, saved: Saved | None) -> tuple[Any, ...]:
    """Undo and retry: the last question and its answer leave the chat; the question returns to the
    box (retry asks it again from there). Outputs: chat, conversation, question, sources, copy
    text, saved, list."""
    history, question = kept.pop_exchange(list(history or []))
    conversation.keep(len(history))
    last = conversation.last
    return (
        history,
        conversation,
        question,
        *shown_sources(last.answer if last else None),
        *stored(conversation, history, saved),
    )


def new_conversation() -> tuple[Any, ...]:
    """An empty chat. Outputs: chat, conversation, sources, copy text, reader, question."""
    return [], Conversation(), gr.update(choices=[], value=None, visible=False), "", NO_ARTICLE, ""


def open_saved(key: str | None, saved: Saved | None) -> tuple[Any, ...]:
    """Reopen a conversation kept in the browser, to read or continue it. Outputs: chat,
    conversation, sources, copy text, reader."""
    record = kept.find(saved, key)
    if record is None:
        return gr.update(), gr.update(), gr.update(), gr.update(), gr.update()
    conversation, history = Conversation.from_saved(record)
    last = conversation.last
    return history, conversation, *shown_sources(last.answer if last else None), NO_ARTICLE


def delete_saved(conversation: Conversation, saved: Saved | None) -> tuple[Any, ...]:
    """Delete the conversation on screen from the browser, and start a new one."""
    records = kept.delete(saved, conversation.id)
    return *new_conversation(), records, gr.update(choices=kept.choices(records), value=None)


def listed(saved: Saved | None) -> Any:
    """The sidebar list of the saved conversations."""
    return gr.update(choices=kept.choices(saved), value=None)


def wire_conversations(
    sidebar: Sidebar,
    chatbot: gr.Chatbot,
    conversation: gr.State,
    stop: gr.Button,
    answering: list[Any],
    respond: Callable[..., Any],
    answer_io: tuple[list[Any], list[Any]],
    shown: list[Any],
) -> None:
    """The sidebar's, retry's, undo's and stop's events. `answering` holds the events that write
    an answer (stop cancels them); answer_io the inputs and outputs of `respond`; `shown` the
    sources radio, copy text, reader and question box."""
    sources, copy_text, article, question = shown
    with_saved = [chatbot, conversation, sidebar.saved]
    taken_back = [chatbot, conversation, question, sources, copy_text, sidebar.saved, sidebar.listing]
    answering.append(
        chatbot.retry(take_back, with_saved, taken_back, api_visibility="private").then(
            respond, *answer_io, api_visibility="private"
        )
    )
    chatbot.undo(take_back, with_saved, taken_back, api_visibility="private")
    stop.click(
        stop_answer,
        with_saved,
        [chatbot, sidebar.saved, sidebar.listing, stop],
        cancels=answering,
        api_visibility="private",
    )
    fresh = [chatbot, conversation, sources, copy_text, article, question]
    sidebar.new.click(new_conversation, None, fresh, api_visibility="private").then(
        listed, sidebar.saved, sidebar.listing, api_visibility="private"
    )
    sidebar.listing.input(open_saved, [sidebar.listing, sidebar.saved], fresh[:5], api_visibility="private")
    sidebar.delete.click(
        delete_saved,
        [conversation, sidebar.saved],
        [*fresh, sidebar.saved, sidebar.listing],
        api_visibility="private",
    )
    for button, kind in ((sidebar.as_markdown, kept.to_markdown), (sidebar.as_json, kept.to_json)):
        js = DOWNLOAD_JS["md" if kind is kept.to_markdown else "json"]
        button.click(
            lambda conv, chat, kind=kind: kind(conv, list(chat or [])),
            [conversation, chatbot],
            sidebar.exported,
            api_visibility="private",
        ).then(None, sidebar.exported, None, js=js)

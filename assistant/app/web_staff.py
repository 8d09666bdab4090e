"""The app's staff tools: sign in, the last answer ready to paste, feedback and its export, and
adding articles with a re-index (with its progress bar); the library's remove and replace beside them."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.app.conversations import Conversation
from assistant.app.service import ChatService
from assistant.app.web_library import PROGRESS, build_library_tools
from assistant.errors import AssistantError


@dataclass
class StaffTools:
    """What the rest of the page needs of the staff tools."""

    copy_text: gr.Textbox  # the last answer with its sources, filled by each answer
    feedback_note: gr.Markdown  # where a thumbs-up or down in the chat is acknowledged
    changes: list[Any]  # the events that change the library, for the caller to refresh what shows it


def record_feedback(
    service: ChatService, rating: int, comment: str, conversation: Conversation, staff: bool
) -> tuple[str, str]:
    """Save a judgement of the last answer; returns the note to show and what is left of the comment."""
    last = conversation.last
    if last is None:
        return "Ask a question first; feedback is about an answer.", comment
    try:
        service.record_feedback(last.turns, last.answer, rating, comment, staff=staff)
    except AssistantError as exc:
        return str(exc), comment
    return "Thank you: the feedback on the last answer was saved.", ""


def build_staff_tools(service: ChatService, staff: gr.State, conversation: gr.State) -> StaffTools:
    """The staff accordion's components and events, inside the chat column."""

    def sign_in(user: str, password: str) -> tuple[Any, ...]:
        if service.sign_in(user.strip(), password):
            note = f"Signed in as {html.escape(user.strip())}."
            return True, note, gr.update(visible=False), gr.update(visible=True), ""
        return False, "Wrong user or password.", gr.update(), gr.update(), ""

    def export_feedback(fmt: str, is_staff: bool) -> tuple[Any, str]:
        try:
            path, count = service.export_feedback(fmt, staff=is_staff)
        except AssistantError as exc:
            return None, str(exc)
        return str(path), f"{count} judgements exported."

    def add_and_reindex(files: list[str] | None, is_staff: bool, progress: Any = PROGRESS) -> str:
        try:
            added, refused = service.add_documents([Path(f) for f in files or []], staff=is_staff)

            def update(done: int, total: int) -> None:
                progress((done, total), desc="Embedding new and changed articles", unit="passages")

            report = service.reindex(update, staff=is_staff)
        except AssistantError as exc:
            return str(exc)
        lines = [f"Added {', '.join(added)}." if added else "", *(f"Refused {r}." for r in refused)]
        lines.append(f"Index: {report.summary()}")
        lines += [f"Skipped {path}: {reason}" for path, reason in report.skipped]
        return "  \n".join(html.escape(line) for line in lines if line)

    with gr.Accordion("Staff tools", open=False, elem_id="pa-staff"):
        with gr.Row(visible=service.staff_login_required, elem_id="pa-signin") as signin_row:
            staff_user = gr.Textbox(label="Staff user", max_lines=1, elem_id="pa-staff-user")
            staff_password = gr.Textbox(
                label="Password",
                type="password",
                max_lines=1,
                elem_id="pa-staff-password",
            )
            signin = gr.Button("Sign in", elem_id="pa-signin-button")
        signin_note = gr.Markdown(elem_id="pa-signin-note")
        with gr.Column(visible=not service.staff_login_required) as staff_panel:
            copy_text = gr.Textbox(
                label="The last answer with its sources, ready to paste",
                lines=6,
                interactive=False,
                buttons=["copy"],
                elem_id="pa-copy",
            )
            comment = gr.Textbox(label="Comment on the last answer (optional)", elem_id="pa-comment")
            with gr.Row():
                helpful = gr.Button("Helpful", elem_id="pa-helpful")
                unhelpful = gr.Button("Not helpful", elem_id="pa-unhelpful")
            feedback_note = gr.Markdown(elem_id="pa-feedback-note")
            with gr.Row():
                export_format = gr.Radio(["csv", "jsonl"], value="csv", label="Feedback export")
                export = gr.Button("Export feedback", elem_id="pa-export")
            export_file = gr.File(label="Download", interactive=False, elem_id="pa-export-file")
            export_note = gr.Markdown()
            uploads = gr.File(
                label="Add articles to the corpus (.txt .md .html .pdf .docx)",
                file_count="multiple",
                type="filepath",
                elem_id="pa-upload",
            )
            reindex = gr.Button("Add and re-index the corpus", elem_id="pa-reindex")
            reindex_note = gr.Markdown(elem_id="pa-reindex-note")
            curated = build_library_tools(service, staff)

    helpful.click(
        lambda c, conv, st: record_feedback(service, 1, c, conv, st),
        [comment, conversation, staff],
        [feedback_note, comment],
        api_visibility="private",
    )
    unhelpful.click(
        lambda c, conv, st: record_feedback(service, -1, c, conv, st),
        [comment, conversation, staff],
        [feedback_note, comment],
        api_visibility="private",
    )
    signin.click(
        sign_in,
        [staff_user, staff_password],
        [staff, signin_note, signin_row, staff_panel, staff_password],
        api_visibility="private",
    )
    export.click(
        export_feedback, [export_format, staff], [export_file, export_note], api_visibility="private"
    )
    added = reindex.click(add_and_reindex, [uploads, staff], reindex_note, api_visibility="private")
    return StaffTools(copy_text, feedback_note, [added, *curated])

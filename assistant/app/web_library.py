"""Staff tools of the app for the library: remove an article, or replace it with a new version of
its file, each followed by a re-index with its progress bar."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.app.service import ChatService
from assistant.errors import AssistantError

PROGRESS = gr.Progress()  # gradio fills a Progress default with the event's progress bar


def build_library_tools(service: ChatService, staff: gr.State) -> list[Any]:
    """The components, inside the staff panel; returns the events that change the library (for
    the caller to refresh what shows it)."""

    def paths() -> Any:
        return gr.update(**_choices(service))

    def change(
        apply: Callable[[str], str], done: str, name: str | None, is_staff: bool, progress: Any
    ) -> tuple[str, Any]:
        if not name:
            return "Choose an article first.", gr.update()
        try:
            path = apply(name)

            def update(finished: int, total: int) -> None:
                progress((finished, total), desc="Re-indexing the library", unit="passages")

            report = service.reindex(update, staff=is_staff)
        except AssistantError as exc:
            return html.escape(str(exc)), gr.update()
        lines = [f"{done} {path}.", f"Index: {report.summary()}"]
        lines += [f"Skipped {p}: {reason}" for p, reason in report.skipped]
        return "  \n".join(html.escape(line) for line in lines), gr.update(value=None, **_choices(service))

    def remove(name: str | None, is_staff: bool, progress: Any = PROGRESS) -> tuple[str, Any]:
        return change(
            lambda n: service.remove_article(n, staff=is_staff), "Removed", name, is_staff, progress
        )

    def replace(
        name: str | None, new: str | None, is_staff: bool, progress: Any = PROGRESS
    ) -> tuple[str, Any]:
        if not new:
            return "Choose the new version of the file first.", gr.update()
        return change(
            lambda n: service.replace_article(n, Path(new), staff=is_staff),
            "Replaced",
            name,
            is_staff,
            progress,
        )

    article = gr.Dropdown(
        label="Remove or replace an article of the library", choices=[], elem_id="pa-curate-article"
    )
    with gr.Row():
        remove_button = gr.Button("Remove it and re-index", variant="stop", elem_id="pa-remove")
        new_file = gr.File(
            label="Its new version (same file type)", type="filepath", elem_id="pa-replacement"
        )
        replace_button = gr.Button("Replace it and re-index", elem_id="pa-replace")
    note = gr.Markdown(elem_id="pa-curate-note")
    article.focus(paths, None, article, api_visibility="private")
    return [
        remove_button.click(remove, [article, staff], [note, article], api_visibility="private"),
        replace_button.click(replace, [article, new_file, staff], [note, article], api_visibility="private"),
    ]


def _choices(service: ChatService) -> dict[str, Any]:
    return {"choices": sorted(service.library.snapshot.listings) if service.ready else []}

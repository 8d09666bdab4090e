"""The app's API beside the page (gradio_client, or POST /gradio_api/call/<name>): /ask answers as
`ask --json` does, /feedback takes staff feedback on an answer it gave, under the app's staff rule."""

from __future__ import annotations

import json
from functools import partial

import anyio
import gradio as gr

from assistant.app.service import ChatService


def register_api(service: ChatService) -> None:
    """Add the API's endpoints to the Blocks being built."""

    async def api_ask(
        question: str,
        history: list[str] | None = None,
        region: str = "",
        date_from: str = "",
        date_to: str = "",
        request: gr.Request | None = None,
    ) -> str:
        """Answer the question (after the earlier turns in history): the line `ask --json` prints."""
        session = request.session_hash if request is not None else None
        ask = partial(service.ask, question, history, region, date_from, date_to, session=session)
        # An extractive answer is a few milliseconds of Python holding the GIL: answered on the
        # server's event loop it waits for no hand-over between threads (20 sessions, alternating:
        # 104 and 122 answers/s against 71 and 83 on threads). One that waits on a model, or on the
        # first build, takes a worker thread.
        record = ask() if service.answers_quickly else await anyio.to_thread.run_sync(ask)
        # JSON text, not a dict: gradio_client would take each citation's "path" for a file to
        # download (its legacy FileData check) and fail with a 403.
        return json.dumps(record, ensure_ascii=False)

    gr.api(api_ask, api_name="ask")

    def api_feedback(
        answer: str,
        rating: int,
        comment: str = "",
        history: list[str] | None = None,
        user: str = "",
        password: str = "",
    ) -> str:
        """Staff feedback on an answer /ask gave (its JSON text): rating 1 (helpful) or -1 (not
        helpful); history as given to /ask. With a staff login set, user and password are those of
        a member of staff. Returns {"id": n} or {"error": "..."} as JSON text."""
        try:
            record = json.loads(answer)
        except (TypeError, ValueError):
            return json.dumps({"error": "answer: pass the JSON text that /ask returned"})
        if not isinstance(record, dict):
            return json.dumps({"error": "answer: pass the JSON text that /ask returned"})
        reply = service.api_feedback(record, rating, comment, history, user=user, password=password)
        return json.dumps(reply, ensure_ascii=False)

    gr.api(api_feedback, api_name="feedback")

"""Conversations of the chat app: the one on screen, the ones kept in the visitor's browser, and
their export as Markdown and JSON.

The server keeps a conversation only in the memory of the visitor's session. What is kept between
visits lives in the browser (localStorage, through gr.BrowserState) as the plain JSON records made
here: the messages as shown, and each answered turn with its answer, so that a conversation opened
again can be continued, its sources opened and its answers judged.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from assistant.answering.answer import Answer
from assistant.app.render import source_line, sources_heading

MAX_SAVED = 50  # the oldest conversations are dropped beyond this: localStorage holds about 5 MB
TITLE_CHARS = 60
STOPPED = "(Stopped: this answer was not finished and follow-up questions do not lean on it.)"

Message = dict[str, Any]
Saved = list[dict[str, Any]]


@dataclass
class Turn:
    """One answered question of a conversation."""

    turns: list[str]  # the questions asked so far, this one last
    answer: Answer
    message: int  # the index of its answer in the chat's messages


@dataclass
class Conversation:
    """The conversation on screen: its answered turns, and its key among the saved ones."""

    turns: list[Turn] = field(default_factory=list)
    id: str | None = None  # given when it is first saved (a gr.State default is copied per visitor)

    def questions(self) -> list[str]:
        """The questions so far, in order: what a follow-up leans on."""
        return [t.turns[-1] for t in self.turns]

    @property
    def last(self) -> Turn | None:
        """The latest answered turn."""
        return self.turns[-1] if self.turns else None

    def keep(self, messages: int) -> None:
        """Forget the turns whose answers are no longer among the first `messages` messages."""
        self.turns = [t for t in self.turns if t.message < messages]

    def to_saved(self, messages: list[Message]) -> dict[str, Any]:
        """The JSON record kept in the browser."""
        shown = [{"role": m["role"], "content": message_text(m)} for m in messages]
        return {
            "id": self.id,
            "title": title(shown),
            "updated": datetime.now(UTC).isoformat(timespec="seconds"),
            "messages": shown,
            "turns": [
                {"turns": t.turns, "message": t.message, "answer": t.answer.to_json()} for t in self.turns
            ],
        }

    @classmethod
    def from_saved(cls, record: dict[str, Any]) -> tuple[Conversation, list[Message]]:
        """A saved record opened again: the conversation and its messages."""
        turns = [
            Turn(list(t["turns"]), Answer.from_json(t["answer"]), int(t["message"]))
            for t in record.get("turns") or []
        ]
        messages = [{"role": m["role"], "content": m["content"]} for m in record.get("messages") or []]
        return cls(turns, str(record["id"])), messages


def message_text(message: Message) -> str:
    """The text of a chat message, whether its content is a string or Gradio's list of parts."""
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return ""


def title(messages: list[Message]) -> str:
    """The first question, shortened: how a conversation is listed."""
    first = next((message_text(m) for m in messages if m.get("role") == "user"), "")
    first = " ".join(first.split())
    return first if len(first) <= TITLE_CHARS else first[: TITLE_CHARS - 1].rstrip() + "…"


def save(saved: Saved | None, conversation: Conversation, messages: list[Message]) -> Saved:
    """The saved conversations with this one stored (newest first); an empty one is not kept."""
    others = [r for r in saved or [] if r.get("id") != conversation.id]
    if not messages:
        return others
    if conversation.id is None:
        conversation.id = uuid.uuid4().hex[:12]
    return [conversation.to_saved(messages), *others][:MAX_SAVED]


def delete(saved: Saved | None, conversation_id: str | None) -> Saved:
    """The saved conversations without this one."""
    return [r for r in saved or [] if r.get("id") != conversation_id]


def find(saved: Saved | None, conversation_id: str | None) -> dict[str, Any] | None:
    """The saved record with this key."""
    return next((r for r in saved or [] if r.get("id") == conversation_id), None)


def choices(saved: Saved | None) -> list[tuple[str, str]]:
    """(title, key) of each saved conversation, newest first, for the sidebar's list."""
    return [(str(r.get("title") or "(no question)"), str(r["id"])) for r in saved or [] if r.get("id")]


def pop_exchange(messages: list[Message]) -> tuple[list[Message], str]:
    """The messages without the last question and what follows it, and that question's text."""
    last_user = max((i for i, m in enumerate(messages) if m.get("role") == "user"), default=None)
    if last_user is None:
        return list(messages), ""
    return list(messages[:last_user]), message_text(messages[last_user])


def exchanges(conversation: Conversation, messages: list[Message]) -> list[tuple[str, str, Answer | None]]:
    """(question, the reply as shown, its Answer when it was answered) for each question asked."""
    answers = {t.message: t.answer for t in conversation.turns}
    out: list[tuple[str, str, Answer | None]] = []
    for i, m in enumerate(messages):
        if m.get("role") != "user":
            continue
        reply = next((j for j in range(i + 1, len(messages)) if messages[j].get("role") != "user"), None)
        if reply is not None and any(messages[k].get("role") == "user" for k in range(i + 1, reply)):
            reply = None  # the next message is another question: this one has no reply
        shown = message_text(messages[reply]) if reply is not None else ""
        out.append((message_text(m), shown, answers.get(reply) if reply is not None else None))
    return out


def to_markdown(conversation: Conversation, messages: list[Message]) -> str:
    """The whole conversation as Markdown: each question, its answer with [n] markers, and the
    answer's numbered references with their quoted passages."""
    heading = title(messages) or "Conversation"
    out = [f"# {heading}", "", f"Exported from the talent policy assistant, {_today()}.", ""]
    for question, shown, answer in exchanges(conversation, messages):
        out += [f"## {' '.join(question.split())}", ""]
        if answer is None:
            out += [shown or "(no answer)", ""]
            continue
        out += [answer.answer, ""]
        if answer.citations:
            out += [f"**{sources_heading(answer)}**", ""]
        for c in answer.citations:
            out += [f"[{c.n}] {source_line(c)} ({c.path})", "", f"> “{' '.join(c.quote.split())}”", ""]
    return "\n".join(out).rstrip() + "\n"


def to_json(conversation: Conversation, messages: list[Message]) -> str:
    """The whole conversation as JSON: each question with its answer in the `ask --json` shape
    (null when it was not answered) and the reply as shown."""
    record = {
        "title": title(messages),
        "exported": datetime.now(UTC).isoformat(timespec="seconds"),
        "turns": [
            {"question": q, "shown": shown if answer is None else None, "answer": answer and answer.to_json()}
            for q, shown, answer in exchanges(conversation, messages)
        ],
    }
    return json.dumps(record, ensure_ascii=False, indent=2)


def _today() -> str:
    return datetime.now(UTC).date().isoformat()

"""Conversations as kept in the browser and exported, without a browser."""

from __future__ import annotations

import json

from assistant import Answer, Assistant
from assistant.app import conversations as kept
from assistant.app.conversations import STOPPED, Conversation, Turn

QUESTION = "What does Pine County offer returning graduates?"


def test_a_saved_conversation_opens_again_as_it_was(assistant: Assistant) -> None:
    answer = assistant.ask(QUESTION)
    conversation = Conversation([Turn([QUESTION], answer, 1)])
    messages = [
        {"role": "user", "content": [{"type": "text", "text": QUESTION}]},  # as gr.Chatbot gives it
        {"role": "assistant", "content": "shown answer"},
        {"role": "user", "content": "And Harbor City?"},
        {"role": "assistant", "content": f"Harbor City offers…\n\n*{STOPPED}*"},
    ]
    saved = kept.save([], conversation, messages)
    assert conversation.id and kept.choices(saved) == [(QUESTION, conversation.id)]
    # The record is plain JSON, as localStorage keeps it.
    opened, shown = Conversation.from_saved(json.loads(json.dumps(saved[0])))
    assert shown[0] == {"role": "user", "content": QUESTION}
    assert opened.questions() == [QUESTION] and opened.last is not None
    assert opened.last.answer == answer  # citations and generation come back whole
    assert Answer.from_json(answer.to_json()) == answer

    markdown = kept.to_markdown(opened, shown)
    assert markdown.startswith(f"# {QUESTION}\n") and f"## {QUESTION}\n\n{answer.answer}\n" in markdown
    first = answer.citations[0]
    assert f"\n[1] {first.title}" in markdown and f"({first.path})\n\n> “" in markdown
    assert f"## And Harbor City?\n\nHarbor City offers…\n\n*{STOPPED}*" in markdown  # not answered
    record = json.loads(kept.to_json(opened, shown))
    assert [t["question"] for t in record["turns"]] == [QUESTION, "And Harbor City?"]
    assert record["turns"][0]["answer"] == answer.to_json() and record["turns"][1]["answer"] is None

    # Saving again replaces it (newest first); an emptied conversation is dropped; delete removes it.
    other = Conversation()
    saved = kept.save(saved, other, messages[2:])
    assert [key for _, key in kept.choices(saved)] == [other.id, conversation.id]
    assert kept.save(saved, other, []) == saved[1:]
    assert kept.delete(saved, conversation.id) == saved[:1]


def test_undo_takes_back_the_last_question_and_its_answer() -> None:
    messages = [{"role": "user", "content": "a?"}, {"role": "assistant", "content": "A"}]
    messages += [{"role": "user", "content": "b?"}, {"role": "assistant", "content": "B"}]
    assert kept.pop_exchange(messages) == (messages[:2], "b?")
    assert kept.pop_exchange(messages[:3]) == (messages[:2], "b?")  # a question not answered yet
    assert kept.pop_exchange([]) == ([], "")

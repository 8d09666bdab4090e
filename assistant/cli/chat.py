"""`policy-assistant chat`: a conversation in the terminal, with /sources, /new and /quit."""

from __future__ import annotations

import argparse
from typing import TextIO

from assistant.answering.answer import Answer
from assistant.app.render import sources_heading
from assistant.cli.answers import drain, filters, notice
from assistant.cli.common import ensure_index
from assistant.core import Assistant
from assistant.errors import AssistantError
from assistant.search.query import Filters

CHAT_COMMANDS = ("/sources", "/new", "/quit")


class _Chat:
    """One terminal conversation: the questions asked so far and the last answer."""

    def __init__(self, assistant: Assistant, filters: Filters, out: TextIO, err: TextIO) -> None:
        self.assistant = assistant
        self.filters = filters
        self.out = out
        self.err = err
        self.turns: list[str] = []
        self.last: Answer | None = None

    def handle(self, line: str) -> bool:
        """Answer a question or run a command; False when the conversation ends."""
        command = line.strip()
        if command == "/quit":
            return False
        if command == "/new":
            self.turns, self.last = [], None
            print("New conversation.", file=self.out, flush=True)
        elif command == "/sources":
            self.show_sources()
        elif command.startswith("/") and " " not in command:
            print(f"unknown command {command}: the commands are {', '.join(CHAT_COMMANDS)}", file=self.err)
        else:
            self.answer(line)
        return True

    def answer(self, question: str) -> None:
        """Stream the answer to a question asked after the earlier turns, then its sources."""
        turns = [*self.turns, question]
        try:
            answer = drain(self.assistant.stream(turns, self.filters), self.out)
        except AssistantError as exc:  # an empty or too long question: say so, keep the conversation
            print(f"error: {exc}", file=self.err, flush=True)
            return
        except KeyboardInterrupt:  # Ctrl-C stops this answer, not the conversation
            print("\nstopped: the question is left out of the conversation", file=self.err, flush=True)
            return
        self.turns, self.last = turns, answer
        notice(answer, self.err)
        if answer.citations:
            print(f"\n{sources_heading(answer)}:", file=self.out)
            print(answer.references(quotes=False), file=self.out, flush=True)

    def show_sources(self) -> None:
        """The last answer's sources with their quoted passages."""
        if self.last is None:
            print("No answer yet in this conversation: ask a question first.", file=self.err)
        elif not self.last.citations:
            print("The last answer cites no sources.", file=self.out)
        else:
            print(f"{sources_heading(self.last)}:", file=self.out)
            print(self.last.references(), file=self.out, flush=True)


def chat(assistant: Assistant, args: argparse.Namespace, inp: TextIO, out: TextIO, err: TextIO) -> int:
    """Read questions and commands line by line until /quit or the end of input."""
    ensure_index(assistant, err)
    conversation = _Chat(assistant, filters(args), out, err)
    interactive = inp.isatty()
    if interactive:
        print(
            "Ask a question. /sources shows the last answer's quotes, /new starts over, /quit ends.", file=out
        )
    while True:
        if interactive:
            print("> ", end="", file=out, flush=True)
        line = inp.readline()
        if not line or not conversation.handle(line.rstrip("\r\n")):
            break
        print(file=out)
    return 0

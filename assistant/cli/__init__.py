"""The `policy-assistant` command line: ingest, ask, chat, compare, sources, serve, feedback, library,
eval, eval-compare, bench. The parser is in parser.py (the flags that set a setting in flags.py), the
subcommands in answers.py, chat.py and staff.py, library in app/library_cli.py and the evaluation's
in evaluation/cli.py."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from pydantic import ValidationError

from assistant.app import library_cli
from assistant.cli import answers, flags, staff
from assistant.cli.chat import chat
from assistant.cli.parser import build_parser
from assistant.core import Assistant
from assistant.errors import AssistantError
from assistant.evaluation import cli as evaluation_cli


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = build_parser(out).parse_args(argv)
    except SystemExit as exc:  # --version and --help stop here with status 0; a usage error with 2
        return exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    try:
        settings = flags.settings(args)
        if args.command in ("eval", "bench", "eval-compare"):
            command = list(argv) if argv is not None else sys.argv[1:]
            return evaluation_cli.run(args, settings, command, out)
        if args.command == "serve":
            return staff.serve(settings)
        if args.command == "feedback":
            return staff.feedback(settings, args, out, err)
        assistant = Assistant(settings)
        if args.command == "ingest":
            return answers.ingest(assistant, args, out)
        if args.command == "ask":
            return answers.ask(assistant, args, out, err)
        if args.command == "chat":
            return chat(assistant, args, sys.stdin, out, err)
        if args.command == "compare":
            return answers.compare(assistant, args, out, err)
        if args.command == "library":
            return library_cli.run(assistant, args, out)
        return answers.sources(assistant, args, out, err)
    except AssistantError as exc:
        print(f"error: {exc}", file=err)
        return 1
    except ValidationError as exc:  # a bad environment variable or option: name it and why
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "settings"
        print(f"error: invalid setting {where}: {first['msg']}".splitlines()[0], file=err)
        return 1
    except ValueError as exc:
        print(f"error: invalid setting: {exc}".splitlines()[0], file=err)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=err)
        return 130

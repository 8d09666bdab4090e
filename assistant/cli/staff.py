"""The subcommands that run the app or read what it kept: serve and feedback."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from assistant.app.feedback import FeedbackStore
from assistant.errors import AssistantError
from assistant.settings import Settings


def serve(settings: Settings) -> int:
    """Run the chat app until interrupted."""
    from assistant.app.web import serve as serve_app  # gradio loads only for the app

    serve_app(settings)
    return 0


def feedback(settings: Settings, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Export staff judgements, or the "not helpful" ones as question-set cases."""
    store = FeedbackStore(settings.feedback)
    if args.feedback_command == "cases":
        count = _write_to(args.out, out, store.export_cases)
        print(f'exported {count} "not helpful" judgements as cases from {settings.feedback}', file=err)
        if count:
            print("fill each case's sources and facts (see its `todo`) before running eval on them", file=err)
    else:
        count = _write_to(args.out, out, lambda fh: store.export(fh, args.format))
        print(f"exported {count} judgements from {settings.feedback}", file=err)
    return 0


def _write_to(path: Path | None, out: TextIO, write: Callable[[TextIO], int]) -> int:
    """Run write on the file at path (standard output when None); returns what write returns."""
    if path is None:
        return write(out)
    try:
        with path.open("w", encoding="utf-8", newline="") as fh:
            return write(fh)
    except OSError as exc:
        raise AssistantError(f"cannot write {path}: {exc.strerror}") from exc

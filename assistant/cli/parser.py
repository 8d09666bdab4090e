"""The command line's parser: the commands, their flags and --version."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any, TextIO

from assistant.app import library_cli
from assistant.cli.common import add_command
from assistant.cli.flags import FOLDERS, LLM, SERVE, add_config, add_flags
from assistant.evaluation import cli as evaluation_cli


def version() -> str:
    """The installed package's version (from its metadata)."""
    try:
        return metadata.version("policy-assistant")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


class _Version(argparse.Action):
    """--version: print the version to the command's output and stop, with no command needed."""

    def __init__(self, option_strings: Sequence[str], dest: str, out: TextIO, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)
        self.out = out

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        print(f"policy-assistant {version()}", file=self.out)
        parser.exit(0)


def _add_filter_flags(parser: argparse.ArgumentParser) -> None:
    """Which articles may answer: the same flags for ask and chat."""
    parser.add_argument("--region", help="only articles whose region contains this text")
    parser.add_argument("--from", dest="date_from", help="only articles dated on or after YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", help="only articles dated on or before YYYY-MM-DD")


def build_parser(out: TextIO) -> argparse.ArgumentParser:
    """The parser of `policy-assistant`; --version prints to out."""
    parser = argparse.ArgumentParser(
        prog="policy-assistant",
        description="Grounded, cited answers from a corpus of talent-policy articles.",
    )
    parser.add_argument("--version", action=_Version, out=out, help="print the version and exit")
    add_flags(parser, FOLDERS)
    commands = parser.add_subparsers(dest="command", required=True)

    ingest = add_command(commands, "ingest")
    ingest.add_argument("paths", nargs="*", type=Path, help="files or folders to index")
    ingest.add_argument("--json", action="store_true", help="print the report as JSON")

    ask = add_command(commands, "ask")
    ask.add_argument("questions", nargs="*", help="the turns of one conversation, in order")
    ask.add_argument("--json", action="store_true", help="one JSON object per turn (or case)")
    ask.add_argument("--cases", type=Path, help="a question-set JSONL file; one answer per case")
    _add_filter_flags(ask)
    add_flags(ask, LLM)
    add_config(ask)

    chat = add_command(commands, "chat")
    _add_filter_flags(chat)
    add_flags(chat, LLM)

    compare = add_command(commands, "compare")
    compare.add_argument("topic", help='what to compare, e.g. "living allowance for a new PhD"')
    compare.add_argument(
        "--regions", required=True, help='two to six places, comma-separated, e.g. "Liuzhou,Tai\'an"'
    )
    compare.add_argument("--json", action="store_true", help="print rows, columns and cells with citations")
    compare.add_argument("--csv", type=Path, metavar="FILE", help="also write the table as CSV")
    evaluation_cli.add_compare_command(commands)

    sources = add_command(commands, "sources")
    sources.add_argument("--json", action="store_true", help="one JSON object per article")

    serve = add_command(commands, "serve")
    add_flags(serve, SERVE)
    add_flags(serve, LLM)
    add_config(serve)

    feedback = add_command(commands, "feedback")
    feedback_commands = feedback.add_subparsers(dest="feedback_command", required=True)
    export = add_command(feedback_commands, "feedback export")
    export.add_argument("--format", choices=["csv", "jsonl"], default="csv", help="output format (csv)")
    export.add_argument("--out", type=Path, help="file to write (default: standard output)")
    cases = add_command(feedback_commands, "feedback cases")
    cases.add_argument("--out", type=Path, help="file to write (default: standard output)")
    library_cli.add_commands(commands)
    evaluation_cli.add_commands(commands)
    return parser

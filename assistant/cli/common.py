"""What the command line's modules share: subcommands with their help text from data/commands.toml, and
running an ingest behind a progress bar and printing its report."""

from __future__ import annotations

import argparse
import tomllib
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any, TextIO, TypeVar

from assistant.core import Assistant
from assistant.index import Progress
from assistant.progress import progress_bar
from assistant.snapshot import IngestReport

T = TypeVar("T")


@cache
def _texts() -> dict[str, dict[str, str]]:
    with resources.files("assistant").joinpath("data/commands.toml").open("rb") as fh:
        return tomllib.load(fh)


def add_command(commands: Any, key: str) -> argparse.ArgumentParser:
    """The subcommand named by key's last word ("feedback export": export), with its help and
    description from data/commands.toml."""
    text = _texts()[key]
    return commands.add_parser(  # type: ignore[no-any-return]
        key.split()[-1], help=text["help"], description=text.get("description")
    )


def with_bar(label: str, work: Callable[[Progress], T]) -> T:
    """Run work with a progress bar on stderr labelled label; the bar is closed however work ends."""
    update, close = progress_bar(label)
    try:
        return work(update)
    finally:
        close()


def print_report(report: IngestReport, out: TextIO) -> None:
    """An ingest's summary line, then one line per skipped file with the reason."""
    print(report.summary(), file=out)
    for path, reason in report.skipped:
        print(f"  skipped {path}: {reason}", file=out)


def ensure_index(assistant: Assistant, err: TextIO) -> None:
    """Build the index from the corpus first when there is none yet, saying so on err."""
    if not assistant.index.exists():
        print("No index yet: building it from the corpus first.", file=err)
        report = with_bar("embedding", assistant.ensure_index)
        if report:
            print_report(report, err)

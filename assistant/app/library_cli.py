"""`policy-assistant library remove|replace`: staff curation of the library from the command line,
each followed by a re-index with its progress bar."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from assistant.app import curation
from assistant.core import Assistant
from assistant.progress import progress_bar


def add_commands(commands: Any) -> None:
    """The `library` command and its subcommands."""
    library = commands.add_parser(
        "library",
        help="staff: remove an article from the library, or replace it with a new version; then re-index",
        description="Articles are named by their path as `policy-assistant sources` lists them "
        "(corpus/notice.pdf), or by a file name only one article has. Both change the corpus folder "
        "and re-index it.",
    )
    library_commands = library.add_subparsers(dest="library_command", required=True)
    remove = library_commands.add_parser("remove", help="delete articles' files from the corpus and re-index")
    remove.add_argument("articles", nargs="+", help="the articles, e.g. corpus/notice.pdf")
    replace = library_commands.add_parser(
        "replace",
        help="put a new version of an article's file in its place (same file type) and re-index",
        description="The article keeps its path and its catalog.json entry (region, title); its text "
        "is read from the new file.",
    )
    replace.add_argument("article", help="the article, e.g. corpus/notice.pdf")
    replace.add_argument("new", type=Path, help="the new version of its file")


def run(assistant: Assistant, args: argparse.Namespace, out: TextIO) -> int:
    """Change the corpus folder as asked, then re-index and print the report."""
    settings = assistant.settings
    keys = set(assistant.index.snapshot().articles)
    if args.library_command == "remove":
        # Every name is checked before any file is deleted.
        for name in args.articles:
            curation.find_article(settings, keys, name)
        for name in args.articles:
            print(f"removed {curation.remove(settings, keys, name)}", file=out)
    else:
        print(f"replaced {curation.replace(settings, keys, args.article, args.new)}", file=out)
    update, close = progress_bar("re-indexing")
    try:
        report = assistant.ingest(None, update)
    finally:
        close()
    print(report.summary(), file=out)
    for path, reason in report.skipped:
        print(f"  skipped {path}: {reason}", file=out)
    return 0

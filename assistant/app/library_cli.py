"""`policy-assistant library remove|replace`: staff curation of the library from the command line,
each followed by a re-index with its progress bar."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from assistant.app import curation
from assistant.cli.common import add_command, print_report, with_bar
from assistant.core import Assistant


def add_commands(commands: Any) -> None:
    """The `library` command and its subcommands."""
    library = add_command(commands, "library")
    library_commands = library.add_subparsers(dest="library_command", required=True)
    remove = add_command(library_commands, "library remove")
    remove.add_argument("articles", nargs="+", help="the articles, e.g. corpus/notice.pdf")
    replace = add_command(library_commands, "library replace")
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
    print_report(with_bar("re-indexing", lambda update: assistant.ingest(None, update)), out)
    return 0

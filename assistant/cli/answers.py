"""The subcommands that read the index: ingest, ask, compare and sources."""

from __future__ import annotations

import argparse
import json
from collections.abc import Generator
from pathlib import Path
from typing import TextIO

from assistant.answering.answer import Answer, Streamed
from assistant.answering.compare import MAX_PLACES
from assistant.app.render import sources_heading
from assistant.cli.common import ensure_index, print_report, with_bar
from assistant.core import Assistant
from assistant.errors import AssistantError
from assistant.evaluation.cases import read_cases
from assistant.search.query import Filters


def filters(args: argparse.Namespace) -> Filters:
    """The articles --region, --from and --to let answer."""
    return Filters(region=args.region, date_from=args.date_from, date_to=args.date_to)


def notice(answer: Answer, err: TextIO) -> None:
    """One line on stderr when the configured LLM did not write the answer as asked."""
    if answer.generation.notice:
        print(f"note: {answer.generation.notice}", file=err, flush=True)


def drain(stream: Generator[str, None, Answer], out: TextIO) -> Answer:
    """Print streamed pieces as they come; return the finished Answer."""
    streamed = Streamed(stream)
    for piece in streamed:
        print(piece, end="", file=out, flush=True)
    print(file=out)
    return streamed.answer


def ingest(assistant: Assistant, args: argparse.Namespace, out: TextIO) -> int:
    """Index the paths given (default: the corpus) and print the report."""
    report = with_bar("embedding", lambda update: assistant.ingest(args.paths or None, update))
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False), file=out)
    else:
        print_report(report, out)
    return 0


def ask(assistant: Assistant, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Answer the questions as the turns of one conversation, or each case of --cases."""
    chosen = filters(args)
    ensure_index(assistant, err)
    if args.cases:
        return _ask_cases(assistant, args.cases, chosen, out, err)
    if not args.questions:
        raise AssistantError('nothing to ask: give a question, e.g. policy-assistant ask "..."')
    status = 0
    for turn in range(1, len(args.questions) + 1):
        turns = args.questions[:turn]
        if args.json:
            try:
                answer = assistant.ask(turns, chosen)
            except AssistantError as exc:
                print(json.dumps({"question": turns[-1], "error": str(exc)}, ensure_ascii=False), file=out)
                status = 1
                continue
            print(json.dumps(answer.to_json(), ensure_ascii=False), file=out)
            notice(answer, err)
        else:
            if len(args.questions) > 1:
                print(f"\n> {turns[-1]}", file=out)
            answer = drain(assistant.stream(turns, chosen), out)
            notice(answer, err)
            if answer.citations:
                print(f"\n{sources_heading(answer)}:", file=out)
                print(answer.references(), file=out)
    return status


def _ask_cases(assistant: Assistant, path: Path, chosen: Filters, out: TextIO, err: TextIO) -> int:
    status = 0
    for number, case in read_cases(path):
        if isinstance(case, str):
            print(json.dumps({"id": None, "line": number, "error": f"bad case: {case}"}), file=out)
            status = 1
            continue
        try:
            answer = assistant.ask(case.turns, chosen)
            record = {"id": case.id, **answer.to_json()}
            notice(answer, err)
        except AssistantError as exc:
            record = {"id": case.id, "question": case.turns[-1], "error": str(exc)}
            status = 1
        print(json.dumps(record, ensure_ascii=False), file=out, flush=True)
    return status


def compare(assistant: Assistant, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The comparison table of --regions on the topic, as Markdown, JSON and optionally CSV."""
    places = [p.strip() for p in args.regions.split(",") if p.strip()]
    if len(places) < 2 or len(places) > MAX_PLACES:
        raise AssistantError(
            f'--regions takes 2 to {MAX_PLACES} places, comma-separated: --regions "Liuzhou,Tai\'an"'
        )
    if not args.topic.strip():
        raise AssistantError('give a topic to compare, e.g. "living allowance for a new PhD"')
    ensure_index(assistant, err)
    table = assistant.compare(places, args.topic)
    if args.csv:
        args.csv.write_text(table.csv_text(), encoding="utf-8")
    if args.json:
        print(json.dumps(table.to_json(), ensure_ascii=False), file=out)
    else:
        print(table.markdown_with_sources(), file=out)
    return 0


def sources(assistant: Assistant, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The indexed articles, one line (or JSON object) each."""
    ensure_index(assistant, err)
    for source in assistant.sources():
        if args.json:
            print(json.dumps(source, ensure_ascii=False), file=out)
        else:
            line = " | ".join(str(source.get(k) or "-") for k in ("date", "region", "publisher", "title"))
            print(f"{source['path']}: {line}", file=out)
    return 0

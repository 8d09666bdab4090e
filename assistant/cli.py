"""The `policy-assistant` command line: ingest, ask, chat, compare, sources, serve, feedback, library,
eval, bench."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Generator, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from assistant.answering.answer import Answer, Streamed
from assistant.answering.compare import MAX_PLACES
from assistant.app import library_cli
from assistant.app.feedback import FeedbackStore
from assistant.app.render import sources_heading
from assistant.config import read_overrides, settings_with
from assistant.core import Assistant
from assistant.errors import AssistantError
from assistant.evaluation import cli as evaluation_cli
from assistant.evaluation.cases import read_cases
from assistant.progress import progress_bar as _progress_bar
from assistant.search.query import Filters
from assistant.settings import Settings
from assistant.snapshot import IngestReport


def _print_report(report: IngestReport, out: TextIO) -> None:
    print(report.summary(), file=out)
    for path, reason in report.skipped:
        print(f"  skipped {path}: {reason}", file=out)


def _add_llm_flags(parser: argparse.ArgumentParser) -> None:
    """Who writes the answers: the same flags for every command that answers."""
    parser.add_argument(
        "--llm",
        choices=["extractive", "openai", "local"],
        help="who writes the answer: quotes (default), an OpenAI-compatible server, a local GGUF model "
        "(env POLICY_ASSISTANT_LLM); the key comes only from POLICY_ASSISTANT_LLM_API_KEY or OPENAI_API_KEY",
    )
    parser.add_argument(
        "--llm-base-url",
        help="OpenAI-compatible server, e.g. http://localhost:8000/v1 "
        "(env POLICY_ASSISTANT_LLM_BASE_URL, else OPENAI_BASE_URL)",
    )
    parser.add_argument("--llm-model", help="model name on that server")
    parser.add_argument("--llm-path", type=Path, help="GGUF model file for --llm local")


def _add_filter_flags(parser: argparse.ArgumentParser) -> None:
    """Which articles may answer: the same flags for ask and chat."""
    parser.add_argument("--region", help="only articles whose region contains this text")
    parser.add_argument("--from", dest="date_from", help="only articles dated on or after YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", help="only articles dated on or before YYYY-MM-DD")


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


def _build_parser(out: TextIO) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policy-assistant",
        description="Grounded, cited answers from a corpus of talent-policy articles.",
    )
    parser.add_argument("--version", action=_Version, out=out, help="print the version and exit")
    parser.add_argument(
        "--data-dir", type=Path, help="folder holding corpus/ and index/ (env POLICY_ASSISTANT_DATA_DIR)"
    )
    parser.add_argument("--corpus-dir", type=Path, help="articles folder (env POLICY_ASSISTANT_CORPUS_DIR)")
    parser.add_argument("--index-dir", type=Path, help="index folder (env POLICY_ASSISTANT_INDEX_DIR)")
    parser.add_argument(
        "--chroma-url",
        help="a Chroma server (`chroma run`) to hold the vectors, e.g. http://127.0.0.1:8000 "
        "(env POLICY_ASSISTANT_CHROMA_URL; default: the embedded store in the index folder)",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    ingest = commands.add_parser("ingest", help="index files or folders (default: the corpus)")
    ingest.add_argument("paths", nargs="*", type=Path, help="files or folders to index")
    ingest.add_argument("--json", action="store_true", help="print the report as JSON")

    ask = commands.add_parser("ask", help="ask questions; several are the turns of one conversation")
    ask.add_argument("questions", nargs="*", help="the turns of one conversation, in order")
    ask.add_argument("--json", action="store_true", help="one JSON object per turn (or case)")
    ask.add_argument("--cases", type=Path, help="a question-set JSONL file; one answer per case")
    _add_filter_flags(ask)
    _add_llm_flags(ask)

    chat = commands.add_parser(
        "chat",
        help="a conversation in the terminal: follow-ups, /sources, /new, /quit",
        description="Ask questions line by line; each is answered with the conversation's earlier "
        "questions as context. /sources shows the last answer's sources with their quotes, /new starts "
        "a new conversation, /quit (or end of input) ends.",
    )
    _add_filter_flags(chat)
    _add_llm_flags(chat)

    compare = commands.add_parser(
        "compare",
        help="compare places on a topic: a table with one column per place, each figure cited",
        description="A table with one column per place and one row per aspect the articles give "
        "(amount per degree, age limit, how long ...), each figure cited to its own place's article.",
    )
    compare.add_argument("topic", help='what to compare, e.g. "living allowance for a new PhD"')
    compare.add_argument(
        "--regions", required=True, help='two to six places, comma-separated, e.g. "Liuzhou,Tai\'an"'
    )
    compare.add_argument("--json", action="store_true", help="print rows, columns and cells with citations")
    compare.add_argument("--csv", type=Path, metavar="FILE", help="also write the table as CSV")

    eval_compare = commands.add_parser(
        "eval-compare",
        help="score comparison tables on a case set (figures in the right cell, grounded, uncovered places)",
    )
    eval_compare.add_argument("cases", type=Path, help="a comparison case file, e.g. evals/compare.jsonl")
    eval_compare.add_argument("--out", type=Path, required=True, help="folder for report.json")
    eval_compare.add_argument(
        "--add",
        type=Path,
        action="append",
        default=[],
        metavar="FOLDER",
        help="add a folder of test articles",
    )
    eval_compare.add_argument("--strict", action="store_true", help="exit with status 1 when a bar is missed")
    eval_compare.add_argument(
        "--bar", action="append", default=[], metavar="NAME=VALUE", help="e.g. cell_accuracy=0.9"
    )

    sources = commands.add_parser("sources", help="list the indexed articles")
    sources.add_argument("--json", action="store_true", help="one JSON object per article")

    serve = commands.add_parser("serve", help="open the chat app in the browser (app.py does the same)")
    serve.add_argument("--host", help="address to listen on (env POLICY_ASSISTANT_HOST, GRADIO_SERVER_NAME)")
    serve.add_argument("--port", type=int, help="port (env POLICY_ASSISTANT_PORT or GRADIO_SERVER_PORT)")
    serve.add_argument("--share", action="store_true", help="also open a public gradio.live link")
    _add_llm_flags(serve)

    feedback = commands.add_parser("feedback", help="staff feedback given in the chat app")
    feedback_commands = feedback.add_subparsers(dest="feedback_command", required=True)
    export = feedback_commands.add_parser("export", help="write every judgement as CSV or JSON Lines")
    export.add_argument("--format", choices=["csv", "jsonl"], default="csv", help="output format (csv)")
    export.add_argument("--out", type=Path, help="file to write (default: standard output)")
    cases = feedback_commands.add_parser(
        "cases",
        help='write each "not helpful" judgement as a question-set case (JSON Lines, evals/FORMAT.md)',
        description='One case per "not helpful" judgement: its turns, the comment and the answer given in '
        "`note`; `sources` and `facts` are left empty with a `todo` for staff to fill before `eval`.",
    )
    cases.add_argument("--out", type=Path, help="file to write (default: standard output)")
    library_cli.add_commands(commands)
    evaluation_cli.add_commands(commands)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    # A --config file (eval, bench) first; the folder options override it.
    config = getattr(args, "config", None)
    overrides = read_overrides(config) if config else {}
    overrides.update(
        {
            key: value
            for key, value in (
                ("data_dir", args.data_dir),
                ("corpus_dir", args.corpus_dir),
                ("index_dir", args.index_dir),
                ("chroma_url", args.chroma_url),
                ("host", getattr(args, "host", None)),
                ("port", getattr(args, "port", None)),
                ("share", getattr(args, "share", None) or None),
                ("llm", getattr(args, "llm", None)),
                ("llm_base_url", getattr(args, "llm_base_url", None)),
                ("llm_model", getattr(args, "llm_model", None)),
                ("llm_path", getattr(args, "llm_path", None)),
            )
            if value is not None
        }
    )
    return settings_with(overrides, str(config)) if config else Settings(**overrides)


def _ensure_index(assistant: Assistant, err: TextIO) -> None:
    if not assistant.index.exists():
        print("No index yet: building it from the corpus first.", file=err)
        update, close = _progress_bar("embedding")
        try:
            report = assistant.ensure_index(update)
        finally:
            close()
        if report:
            _print_report(report, err)


def _ask(assistant: Assistant, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    filters = Filters(region=args.region, date_from=args.date_from, date_to=args.date_to)
    _ensure_index(assistant, err)
    if args.cases:
        return _ask_cases(assistant, args.cases, filters, out, err)
    if not args.questions:
        raise AssistantError('nothing to ask: give a question, e.g. policy-assistant ask "..."')
    status = 0
    for turn in range(1, len(args.questions) + 1):
        turns = args.questions[:turn]
        if args.json:
            try:
                answer = assistant.ask(turns, filters)
            except AssistantError as exc:
                print(json.dumps({"question": turns[-1], "error": str(exc)}, ensure_ascii=False), file=out)
                status = 1
                continue
            print(json.dumps(answer.to_json(), ensure_ascii=False), file=out)
            _notice(answer, err)
        else:
            if len(args.questions) > 1:
                print(f"\n> {turns[-1]}", file=out)
            stream = assistant.stream(turns, filters)
            answer = _drain(stream, out)
            _notice(answer, err)
            if answer.citations:
                print(f"\n{sources_heading(answer)}:", file=out)
                print(answer.references(), file=out)
    return status


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
            answer = _drain(self.assistant.stream(turns, self.filters), self.out)
        except AssistantError as exc:  # an empty or too long question: say so, keep the conversation
            print(f"error: {exc}", file=self.err, flush=True)
            return
        except KeyboardInterrupt:  # Ctrl-C stops this answer, not the conversation
            print("\nstopped: the question is left out of the conversation", file=self.err, flush=True)
            return
        self.turns, self.last = turns, answer
        _notice(answer, self.err)
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


def _chat(assistant: Assistant, args: argparse.Namespace, inp: TextIO, out: TextIO, err: TextIO) -> int:
    """Read questions and commands line by line until /quit or the end of input."""
    filters = Filters(region=args.region, date_from=args.date_from, date_to=args.date_to)
    _ensure_index(assistant, err)
    chat = _Chat(assistant, filters, out, err)
    interactive = inp.isatty()
    if interactive:
        print(
            "Ask a question. /sources shows the last answer's quotes, /new starts over, /quit ends.", file=out
        )
    while True:
        if interactive:
            print("> ", end="", file=out, flush=True)
        line = inp.readline()
        if not line or not chat.handle(line.rstrip("\r\n")):
            break
        print(file=out)
    return 0


def _notice(answer: Answer, err: TextIO) -> None:
    """One line on stderr when the configured LLM did not write the answer as asked."""
    if answer.generation.notice:
        print(f"note: {answer.generation.notice}", file=err, flush=True)


def _drain(stream: Generator[str, None, Answer], out: TextIO) -> Answer:
    """Print streamed pieces as they come; return the finished Answer."""
    streamed = Streamed(stream)
    for piece in streamed:
        print(piece, end="", file=out, flush=True)
    print(file=out)
    return streamed.answer


def _ask_cases(assistant: Assistant, path: Path, filters: Filters, out: TextIO, err: TextIO) -> int:
    status = 0
    for number, case in read_cases(path):
        if isinstance(case, str):
            print(json.dumps({"id": None, "line": number, "error": f"bad case: {case}"}), file=out)
            status = 1
            continue
        try:
            answer = assistant.ask(case.turns, filters)
            record = {"id": case.id, **answer.to_json()}
            _notice(answer, err)
        except AssistantError as exc:
            record = {"id": case.id, "question": case.turns[-1], "error": str(exc)}
            status = 1
        print(json.dumps(record, ensure_ascii=False), file=out, flush=True)
    return status


def _ingest(assistant: Assistant, args: argparse.Namespace, out: TextIO) -> int:
    update, close = _progress_bar("embedding")
    try:
        report = assistant.ingest(args.paths or None, update)
    finally:
        close()
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False), file=out)
    else:
        _print_report(report, out)
    return 0


def _compare(assistant: Assistant, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    places = [p.strip() for p in args.regions.split(",") if p.strip()]
    if len(places) < 2 or len(places) > MAX_PLACES:
        raise AssistantError(
            f'--regions takes 2 to {MAX_PLACES} places, comma-separated: --regions "Liuzhou,Tai\'an"'
        )
    if not args.topic.strip():
        raise AssistantError('give a topic to compare, e.g. "living allowance for a new PhD"')
    _ensure_index(assistant, err)
    table = assistant.compare(places, args.topic)
    if args.csv:
        args.csv.write_text(table.csv_text(), encoding="utf-8")
    if args.json:
        print(json.dumps(table.to_json(), ensure_ascii=False), file=out)
    else:
        print(table.markdown_with_sources(), file=out)
    return 0


def _eval_compare(settings: Settings, args: argparse.Namespace, out: TextIO) -> int:
    from assistant.evaluation import comparing
    from assistant.evaluation.workspace import prepare

    bars: dict[str, float] = {}
    for item in args.bar:
        name, _, value = item.partition("=")
        if name not in comparing.THRESHOLDS:
            raise AssistantError(f"--bar {item}: the thresholds are {', '.join(comparing.THRESHOLDS)}")
        try:
            bars[name] = float(value)
        except ValueError as exc:
            raise AssistantError(f"--bar {item}: give a number, e.g. {name}=0.9") from exc
    cases = comparing.read_compare_cases(args.cases)
    if args.add:
        data = prepare(args.out.resolve() / "work", settings.corpus, 0, added=[f.resolve() for f in args.add])
        fields = settings.model_dump(exclude={"llm_api_key"})
        fields.update(data_dir=data, corpus_dir=None, index_dir=None)
        settings = Settings(**fields)
    assistant = Assistant(settings)
    update, close = _progress_bar("embedding")
    try:
        assistant.ingest(None, update) if args.add else assistant.ensure_index(update)
    finally:
        close()
    result = comparing.score(assistant, cases)
    checked, passed = comparing.thresholds(result["totals"], bars)
    result["thresholds"] = checked
    result["passed"] = passed
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report.json").write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    totals = result["totals"]
    print(
        f"comparison tables on {args.cases} ({totals['cases']} cases, {totals['expected_figures']} figures):",
        file=out,
    )
    for name, value in totals.items():
        bar = checked.get(name)
        verdict = f"  ({bar['op']} {bar['threshold']}: {'met' if bar['passed'] else 'MISSED'})" if bar else ""
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"  {name}: {shown}{verdict}", file=out)
    print(f"thresholds: {'all met' if passed else 'MISSED'}", file=out)
    print(f"wrote {args.out / 'report.json'}", file=out)
    return 1 if args.strict and not passed else 0


def _sources(assistant: Assistant, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    _ensure_index(assistant, err)
    for source in assistant.sources():
        if args.json:
            print(json.dumps(source, ensure_ascii=False), file=out)
        else:
            line = " | ".join(str(source.get(k) or "-") for k in ("date", "region", "publisher", "title"))
            print(f"{source['path']}: {line}", file=out)
    return 0


def _serve(settings: Settings) -> int:
    from assistant.app.web import serve  # gradio loads only for the app

    serve(settings)
    return 0


def _feedback(settings: Settings, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
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


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = _build_parser(out).parse_args(argv)
    except SystemExit as exc:  # --version and --help stop here with status 0; a usage error with 2
        return exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    try:
        if args.command in ("eval", "bench"):
            command = list(argv) if argv is not None else sys.argv[1:]
            return evaluation_cli.run(args, _settings(args), command, out)
        settings = _settings(args)
        if args.command == "serve":
            return _serve(settings)
        if args.command == "feedback":
            return _feedback(settings, args, out, err)
        if args.command == "eval-compare":
            return _eval_compare(settings, args, out)
        assistant = Assistant(settings)
        if args.command == "ingest":
            return _ingest(assistant, args, out)
        if args.command == "ask":
            return _ask(assistant, args, out, err)
        if args.command == "chat":
            return _chat(assistant, args, sys.stdin, out, err)
        if args.command == "compare":
            return _compare(assistant, args, out, err)
        if args.command == "library":
            return library_cli.run(assistant, args, out)
        return _sources(assistant, args, out, err)
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

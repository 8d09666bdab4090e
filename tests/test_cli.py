"""The command line, driven through main(argv) with the fake embedder."""

import io
import json
import sys
from pathlib import Path

import pytest
from conftest import run_cli
from fakes import FakeChatModel, FakeEmbedder

from assistant import Assistant, Settings
from assistant.app.feedback import FeedbackStore
from assistant.evaluation.cases import Case, read_cases
from evals.llm_server import ScriptedServer, canned

pytestmark = pytest.mark.usefixtures("cli_fake_model")


def test_ingest_then_ask_json(data_dir: Path) -> None:
    code, out, err = run_cli("--data-dir", str(data_dir), "ingest")
    assert code == 0, err
    assert "2 added" in out
    code, out, _ = run_cli(
        "--data-dir",
        str(data_dir),
        "ask",
        "--json",
        "What does Pine County offer returning graduates?",
        "How long is the loan interest-free?",
    )
    assert code == 0
    turns = [json.loads(line) for line in out.splitlines()]
    assert [t["question"] for t in turns] == [
        "What does Pine County offer returning graduates?",
        "How long is the loan interest-free?",
    ]
    last = turns[-1]
    assert set(last) == {"question", "answer", "declined", "citations", "generation"}
    assert last["generation"]["generator"] == "extractive" and last["generation"]["fallback"] is None
    citation = last["citations"][0]
    assert set(citation) == {"n", "title", "publisher", "date", "region", "path", "quote", "score", "page"}
    assert citation["path"] == "corpus/pine_county.txt"


def test_ask_builds_a_missing_index_first(data_dir: Path) -> None:
    code, out, err = run_cli(
        "--data-dir", str(data_dir), "ask", "How much is the Harbor City housing subsidy?"
    )
    assert code == 0
    assert "No index yet" in err
    assert "1,500 yuan" in out and "Sources:" in out


def test_cases_file_gives_one_object_per_case(data_dir: Path, tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        "\n".join(
            json.dumps(case)
            for case in [
                {
                    "id": "a",
                    "kind": "fact",
                    "turns": ["How much is the Harbor City housing subsidy?"],
                    "sources": ["corpus/harbor_city.txt"],
                    "facts": [["1,500"]],
                },
                {
                    "id": "b",
                    "kind": "followup",
                    "turns": ["What does Pine County offer graduates?", "How many stations will it set up?"],
                },
                {
                    "id": "c",
                    "kind": "out_of_corpus",
                    "turns": ["What is the minimum wage in Beijing?"],
                    "decline": True,
                },
            ]
        ),
        encoding="utf-8",
    )
    code, out, _ = run_cli("--data-dir", str(data_dir), "ask", "--cases", str(cases), "--json")
    assert code == 0
    results = {r["id"]: r for r in map(json.loads, out.splitlines())}
    assert results["a"]["citations"][0]["path"] == "corpus/harbor_city.txt"
    assert "12 rural talent stations" in results["b"]["answer"]
    assert results["c"]["declined"] is True and results["c"]["citations"] == []


def test_sources_lists_metadata(data_dir: Path) -> None:
    code, out, _ = run_cli("--data-dir", str(data_dir), "sources", "--json")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["path"] for r in rows] == ["corpus/harbor_city.txt", "corpus/pine_county.txt"]
    assert rows[0]["region"] == "Harbor City"


@pytest.mark.parametrize(("question", "fragment"), [("", "empty"), ("y" * 100_000, "characters long")])
def test_bad_question_is_one_clear_line(data_dir: Path, question: str, fragment: str) -> None:
    code, _out, err = run_cli("--data-dir", str(data_dir), "ask", question)
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and fragment in lines[0]
    assert "Traceback" not in err


def test_ingest_reports_skipped_files_and_goes_on(data_dir: Path) -> None:
    (data_dir / "corpus" / "empty.txt").write_bytes(b"")
    (data_dir / "corpus" / "scan.pdf").write_bytes(b"%PDF-1.4 garbage")
    code, out, _ = run_cli("--data-dir", str(data_dir), "ingest")
    assert code == 0
    assert "2 added" in out and "2 skipped" in out
    assert "skipped corpus/empty.txt: empty file" in out
    assert "skipped corpus/scan.pdf: unreadable PDF" in out


def test_index_and_corpus_can_live_outside_the_checkout(data_dir: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "elsewhere" / "index"
    code, _, _ = run_cli("--corpus-dir", str(data_dir / "corpus"), "--index-dir", str(index_dir), "ingest")
    assert code == 0
    assert any(index_dir.iterdir())


def test_a_bad_case_line_is_reported_and_the_rest_answered(data_dir: Path, tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    good = {"id": "ok", "turns": ["How much is the Harbor City housing subsidy?"]}
    cases.write_text(
        json.dumps({"id": "empty", "turns": []}) + "\n" + json.dumps(good) + "\n", encoding="utf-8"
    )
    code, out, _ = run_cli("--data-dir", str(data_dir), "ask", "--cases", str(cases), "--json")
    assert code == 1
    bad, answered = map(json.loads, out.splitlines())
    assert bad["line"] == 1 and "non-empty list" in bad["error"]
    assert answered["id"] == "ok" and "1,500 yuan" in answered["answer"]


def test_ask_streams_an_llm_answer_from_the_server_the_flags_name(data_dir: Path) -> None:
    reply = "Engineers under 35 with a master's degree receive a monthly housing subsidy of 1,500 yuan [1]."
    with ScriptedServer(canned(reply)) as server:
        code, out, err = run_cli(
            "--data-dir", str(data_dir), "ask", "--llm", "openai", "--llm-base-url", server.url,
            "--llm-model", "scripted", "How much is the Harbor City housing subsidy?",
        )  # fmt: skip
    assert code == 0, err
    assert out.startswith(reply.replace(" [1].", ". [1]"))
    assert "Sources:" in out and "note:" not in err
    assert server.requests[-1]["model"] == "scripted" and server.requests[-1]["stream"] is True


def test_a_hanging_llm_server_is_one_note_and_the_quoted_answer(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICY_ASSISTANT_LLM_TIMEOUT", "1")
    with ScriptedServer(canned("never sent"), hang=True) as server:
        flags = ["--llm", "openai", "--llm-base-url", server.url, "--llm-model", "m"]
        code, out, err = run_cli(
            "--data-dir",
            str(data_dir),
            "ask",
            "--json",
            *flags,
            "How much is the Harbor City housing subsidy?",
        )
    assert code == 0 and "Traceback" not in err
    (note,) = [line for line in err.splitlines() if line.startswith("note:")]
    assert note == (
        f"note: showing the quoted answer: the LLM server at {server.url} did not answer within 1s "
        "(POLICY_ASSISTANT_LLM_TIMEOUT)"
    )
    answer = json.loads(out)
    assert "1,500 yuan" in answer["answer"]
    assert (
        answer["generation"]["answered_by"] == "extractive"
        and "did not answer" in answer["generation"]["fallback"]
    )


def test_an_llm_without_a_server_address_is_one_clear_line(data_dir: Path) -> None:
    code, _, err = run_cli("--data-dir", str(data_dir), "ask", "--llm", "openai", "How much is the subsidy?")
    assert code == 1
    assert (
        err.strip()
        .splitlines()[-1]
        .startswith("error: --llm openai needs the server's address: --llm-base-url")
    )


def test_the_command_lines_assistant_answers_with_an_injected_chat_model(data_dir: Path) -> None:
    reply = "Engineers under 35 with a master's degree receive a monthly housing subsidy of 1,500 yuan [1]."
    model = FakeChatModel().enqueue(reply)
    with Assistant.override(embedder=FakeEmbedder(), chat_model=model):
        code, out, err = run_cli(
            "--data-dir", str(data_dir), "ask", "--json", "How much is the Harbor City housing subsidy?"
        )
    assert code == 0, err
    record = json.loads(out)
    assert record["generation"]["answered_by"] == "fake" and "1,500 yuan" in record["answer"]
    assert [request.stream for request in model.requests] == [True]


def test_ask_and_serve_read_a_config_file_below_the_flags_and_above_the_environment(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = "Which regions offer young talents subsidies or loans?"
    code, out, err = run_cli("--data-dir", str(data_dir), "ask", "--json", question)
    assert code == 0, err
    assert len(json.loads(out)["citations"]) == 2
    config = tmp_path / "settings.toml"
    config.write_text('max_sources = 1\nllm = "openai"\n', encoding="utf-8")
    monkeypatch.setenv("POLICY_ASSISTANT_MAX_SOURCES", "5")
    flags = ["--data-dir", str(data_dir), "ask", "--config", str(config)]
    code, out, err = run_cli(*flags, "--json", "--llm", "extractive", question)
    assert code == 0, err
    record = json.loads(out)
    assert len(record["citations"]) == 1  # the file's max_sources, not the environment's
    assert record["generation"]["generator"] == "extractive"  # the flag, not the file's llm
    code, _, err = run_cli(*flags, question)
    assert code == 1 and err.startswith("error: --llm openai needs the server's address")
    config.write_text('{"top_kk": 3}', encoding="utf-8")
    config = config.rename(tmp_path / "settings.json")
    code, out, err = run_cli("--data-dir", str(data_dir), "serve", "--config", str(config))
    assert (code, out) == (1, "")
    assert err.startswith(f"error: {config}: unknown setting 'top_kk'; known: data_dir, ")
    assert err.count("\n") == 1


def test_version_prints_the_installed_package_version() -> None:
    from importlib.metadata import version

    code, out, err = run_cli("--version")
    assert code == 0, err
    assert out.strip() == f"policy-assistant {version('policy-assistant')}"


def test_openai_base_url_is_the_default_server_and_the_key_is_never_printed(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reply = "Harbor City pays engineers a monthly housing subsidy of 1,500 yuan [1]."
    monkeypatch.delenv("POLICY_ASSISTANT_LLM_BASE_URL", raising=False)
    monkeypatch.delenv("POLICY_ASSISTANT_LLM_API_KEY", raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-never-printed")
    with ScriptedServer(canned(reply)) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.url)
        question = "How much is the Harbor City housing subsidy?"
        flags = ["--json", "--llm", "openai", "--llm-model", "scripted"]
        code, out, err = run_cli("--data-dir", str(data_dir), "ask", *flags, question)
    assert code == 0, err
    record = json.loads(out)
    assert record["generation"]["answered_by"] == "openai" and "1,500 yuan" in record["answer"]
    assert server.requests[-1]["authorization"] == "Bearer sk-never-printed"
    assert "sk-never-printed" not in out + err


def test_the_project_base_url_wins_over_openai_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant import Settings

    monkeypatch.setenv("OPENAI_BASE_URL", "http://openai.example/v1")
    assert Settings().llm_base_url == "http://openai.example/v1"
    assert Settings(llm_base_url="http://flag.example/v1").llm_base_url == "http://flag.example/v1"
    monkeypatch.setenv("POLICY_ASSISTANT_LLM_BASE_URL", "http://project.example/v1")
    assert Settings().llm_base_url == "http://project.example/v1"
    monkeypatch.setenv("LLM_BASE_URL", "http://unprefixed.example/v1")  # not a variable of ours
    monkeypatch.delenv("POLICY_ASSISTANT_LLM_BASE_URL")
    monkeypatch.delenv("OPENAI_BASE_URL")
    assert Settings().llm_base_url is None


class _Terminal(io.StringIO):
    """Standard input typed at a terminal."""

    def isatty(self) -> bool:
        return True


def chat(data_dir: Path, monkeypatch: pytest.MonkeyPatch, typed: str) -> str:
    """`policy-assistant chat` with these lines on standard input; its output."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(typed))
    code, out, err = run_cli("--data-dir", str(data_dir), "chat")
    assert code == 0, err
    assert "Traceback" not in err
    return out


def test_chat_answers_a_follow_up_from_the_earlier_turn_and_new_forgets_it(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = chat(
        data_dir,
        monkeypatch,
        "What does Harbor City offer young engineers?\nWho runs it?\n/new\nWho runs it?\n",
    )
    first, after_new = out.split("New conversation.")
    assert "1,500 yuan" in first and "Talent Bureau" in first
    assert first.count("Sources:") == 2 and "(corpus/harbor_city.txt)" in first
    assert '    "' not in first  # the quotes wait for /sources
    assert "Talent Bureau" not in after_new  # "it" no longer means the Harbor City subsidy
    assert "> " not in out  # no prompt when standard input is not a terminal


def test_chat_sources_shows_the_last_answers_quotes(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = chat(
        data_dir, monkeypatch, "How much is the Harbor City housing subsidy?\n/sources\n/quit\nNot asked?\n"
    )
    shown = out.split("Sources:")[-1]
    assert "[1] Harbor City housing subsidy for young engineers" in shown
    assert (
        "    \"Engineers under 35 with a master's degree receive a monthly housing subsidy of 1,500 yuan"
        in shown
    )
    assert "Not asked" not in out and out.count("1,500 yuan") == 2  # /quit ended it


def test_chat_goes_on_after_a_bad_question_and_ends_at_end_of_input(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", _Terminal("\n/sources\n/help\n" + "y" * 100_000 + "\nWho runs it?"))
    code, out, err = run_cli("--data-dir", str(data_dir), "chat")
    assert code == 0
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 2 and "empty" in errors[0] and "characters long" in errors[1]
    assert "No answer yet in this conversation: ask a question first." in err
    assert "unknown command /help: the commands are /sources, /new, /quit" in err
    assert out.count("> ") == 6  # a prompt for each line, and one more that meets the end of input
    assert "county library" in out  # the last line is answered though no newline ends it


def test_not_helpful_feedback_becomes_question_set_cases(data_dir: Path, tmp_path: Path) -> None:
    assistant = Assistant(Settings(data_dir=data_dir))
    assistant.ingest()
    store = FeedbackStore(data_dir / "feedback.sqlite3")
    first = "What does Harbor City offer young engineers?"
    store.add([first], assistant.ask(first), 1, "clear")
    missed = assistant.ask([first, "Who runs it?"])
    store.add([first, "Who runs it?"], missed, -1, "  should name the application dates  ")
    target = tmp_path / "misses.jsonl"
    code, out, err = run_cli("--data-dir", str(data_dir), "feedback", "cases", "--out", str(target))
    assert code == 0, err
    assert out == "" and 'exported 1 "not helpful" judgements as cases' in err

    [(line, case)] = list(read_cases(target))
    assert isinstance(case, Case), case
    assert (line, case.id, case.kind) == (1, "feedback-2", "feedback")
    assert case.turns == [first, "Who runs it?"]
    assert (case.sources, case.facts, case.decline) == ([], [], False)
    assert case.todo and "fill `sources`" in case.todo
    note = json.loads(target.read_text(encoding="utf-8"))["note"]
    assert note["comment"] == "should name the application dates"
    assert note["answer"] == missed.answer and note["cited"] == ["corpus/harbor_city.txt"]

    # Until staff fill them in, eval refuses the cases, before any indexing, and says what to do.
    code, _, err = run_cli("--data-dir", str(data_dir), "eval", str(target), "--out", str(tmp_path / "r"))
    assert code == 1
    assert "1 cases still have a `todo` (feedback-2): fill `sources`" in err
    assert not (tmp_path / "r").exists()


def test_feedback_cases_with_no_feedback_writes_nothing(data_dir: Path) -> None:
    code, out, err = run_cli("--data-dir", str(data_dir), "feedback", "cases")
    assert (code, out) == (0, "")
    assert 'exported 0 "not helpful" judgements' in err


def test_ctrl_c_stops_an_answer_and_the_chat_goes_on(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stream = Assistant.stream
    calls: list[list[str]] = []

    def interrupted_once(self: Assistant, turns: list[str], filters: object = None):  # type: ignore[no-untyped-def]
        calls.append(list(turns))
        if len(calls) == 1:
            yield "Harbor City has"
            raise KeyboardInterrupt
        return (yield from stream(self, turns, filters))

    monkeypatch.setattr(Assistant, "stream", interrupted_once)
    monkeypatch.setattr(
        sys, "stdin", io.StringIO("What does Harbor City offer young engineers?\nWho runs it?\n")
    )
    code, out, err = run_cli("--data-dir", str(data_dir), "chat")
    assert code == 0, err
    assert "stopped: the question is left out of the conversation" in err
    assert calls[1] == ["Who runs it?"]  # the stopped question is not an earlier turn
    assert "Sources:" in out and "county library" in out

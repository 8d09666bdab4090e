"""Bad questions: a clear one-line message or a plain answer, never a crash, and no question in
the logs."""

import contextlib
import json
import logging
from pathlib import Path

import pytest
from conftest import run_cli

from assistant import Assistant
from assistant.errors import BadQuestion

HARBOR = "What housing subsidy do engineers get in Harbor City?"

REFUSED = [
    ("", "the question is empty"),
    ("   \n\t  \r\n ", "the question is empty"),
    ("\x00\x01\x07\x1b\x7f\x85", "the question is empty"),  # control characters only
    ("\u200b\u202e\ufeff", "the question is empty"),  # invisible format characters only
    ("y" * 100_000, "the question is 100,000 characters long; keep it under 2,000"),
    ("🎉🎉🚀", "the question has no words in it"),
    ("👍", "the question has no words in it"),
    ("?!… —", "the question has no words in it"),
]

ANSWERED = [
    "What\x00 housing\x07 subsidy do engineers\x1b[31m get in Harbor City?",  # control characters inside
    "\u202eWhat housing subsidy\u200b do engineers get in Harbor City?",  # bidi override, zero width
    "<img src=x onerror=alert(1)> What housing subsidy do engineers get in Harbor City?",
    "What housing subsidy do engineers get in Harbor City' OR 1=1 --",
    "🏠💰 What housing subsidy do engineers get in Harbor City?",
]

DECLINED = [
    "'; DROP TABLE articles; --",
    "Robert'); DELETE FROM feedback WHERE ('1'='1",
    "<script>alert(document.cookie)</script>",
    '"><svg onload=alert(1)>',
    "{{7*7}} ${7*7} %s %n",
]


@pytest.mark.parametrize(
    ("question", "message"), REFUSED, ids=[m[:24] + str(i) for i, (_, m) in enumerate(REFUSED)]
)
def test_refused_with_one_clear_line(assistant: Assistant, question: str, message: str) -> None:
    with pytest.raises(BadQuestion) as excinfo:
        assistant.ask(question)
    assert str(excinfo.value).startswith(message)
    assert "\n" not in str(excinfo.value) and len(str(excinfo.value)) < 200


@pytest.mark.parametrize("question", ANSWERED)
def test_noise_around_a_real_question_is_ignored(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert "1,500 yuan" in answer.answer
    assert [c.path for c in answer.citations] == ["corpus/harbor_city.txt"]
    for fragment in ("<img", "onerror", "\x00", "\x1b", "\u202e", "\u200b", "OR 1=1"):
        assert fragment not in answer.answer
    # The question comes back as typed (markup is the renderer's to escape), minus what cannot be seen.
    assert not any(ch in answer.question for ch in "\x00\x07\x1b\u202e\u200b")


@pytest.mark.parametrize("question", DECLINED)
def test_injection_attempts_are_declined_and_not_echoed(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.declined and not answer.citations
    for fragment in ("<script", "<svg", "onload", "DELETE FROM", "DROP TABLE articles", "{{7*7}}", "%n"):
        assert fragment not in answer.answer
    # The index is untouched.
    assert "1,500 yuan" in assistant.ask(HARBOR).answer


def test_no_question_reaches_the_logs(assistant: Assistant, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    questions = [q for q, _ in REFUSED] + ANSWERED + DECLINED
    for question in questions:
        with contextlib.suppress(BadQuestion):
            assistant.ask(question)
    logged = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    for question in questions:
        words = [w for w in question.split() if len(w) > 3]
        assert not any(w in logged for w in words), question
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.usefixtures("cli_fake_model")
@pytest.mark.parametrize(
    ("question", "message"), REFUSED, ids=[m[:24] + str(i) for i, (_, m) in enumerate(REFUSED)]
)
def test_the_command_line_prints_one_error_line(data_dir: Path, question: str, message: str) -> None:
    assert run_cli("--data-dir", str(data_dir), "ingest")[0] == 0
    code, out, err = run_cli("--data-dir", str(data_dir), "ask", question)
    assert code == 1
    assert err.strip().splitlines() == [f"error: {err.strip().removeprefix('error: ')}"]
    assert err.startswith(f"error: {message}")
    assert "Traceback" not in out + err
    code, out, _ = run_cli("--data-dir", str(data_dir), "ask", "--json", question)
    assert code == 1
    assert json.loads(out)["error"].startswith(message)


@pytest.mark.usefixtures("cli_fake_model")
def test_the_command_line_answers_and_declines_the_rest(data_dir: Path) -> None:
    assert run_cli("--data-dir", str(data_dir), "ingest")[0] == 0
    code, out, err = run_cli("--data-dir", str(data_dir), "ask", "--json", *ANSWERED[:1], *DECLINED)
    assert code == 0, err
    turns = [json.loads(line) for line in out.splitlines()]
    assert "1,500 yuan" in turns[0]["answer"]
    assert all(turn["declined"] for turn in turns[1:])

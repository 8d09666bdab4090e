"""What the chat app is made of, without a browser: library, rendering, feedback, the service."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from fakes import FakeChatModel, FakeEmbedder

from assistant import Answer, Assistant, Citation, Settings, cli
from assistant.app.feedback import FeedbackStore
from assistant.app.library import Library
from assistant.app.render import answer_markdown, article_html, plain_text
from assistant.app.service import ChatService
from assistant.errors import AssistantError
from assistant.search.query import Filters

QUESTION = "What does Pine County offer returning graduates?"


@pytest.fixture
def service(assistant: Assistant) -> ChatService:
    """The app's service over the tiny corpus, index ready."""
    chat = ChatService(assistant)
    chat.start(background=False)
    assert chat.ready
    return chat


def test_the_library_lists_searches_and_filters_articles(service: ChatService) -> None:
    library = service.library
    assert library.regions() == ["Harbor City", "Pine County"]
    assert "2 talent-policy articles" in library.coverage() and "Harbor City" in library.coverage()
    assert library.examples() == [
        "What subsidies can talents get in Harbor City?",
        "What subsidies can talents get in Pine County?",
    ]
    [best, *_] = library.search("start-up loan")
    assert best.path == "corpus/pine_county.txt"
    assert [a.path for a in library.search("", Filters(region="harbor"))] == ["corpus/harbor_city.txt"]
    assert library.search("", Filters(date_from="2022-01-01")) == [
        library.snapshot.listings["corpus/harbor_city.txt"]
    ]
    assert library.search("volcano") == []
    assert len(library.search(None)) == 2  # an empty search box arrives as None


def test_the_library_searches_the_postings_as_it_would_read_every_article(service: ChatService) -> None:
    library = service.library  # finds articles from the BM25 postings
    reading = Library(library.snapshot, library.data_dir)  # reads every article's text
    for text in ("start-up loan", "subsidy harbor", "engineers yuan volcano", "pine", "volcano"):
        assert library.search(text) == reading.search(text)


def test_an_article_opens_with_the_quote_in_its_paragraph(service: ChatService) -> None:
    answer = service.assistant.ask(QUESTION)
    citation = answer.citations[0]
    view = service.library.view(citation.path)
    assert view.find(citation.quote) is not None
    page = article_html(view, citation.quote)
    assert f"<mark>{citation.quote}</mark>" in page.replace("&#x27;", "'")
    assert "Pine County opens rural talent stations" in page
    # Boilerplate removed at ingest is not shown either.
    assert "蜘蛛池" not in page and "&lt;  1  2  3  &gt;" not in page
    assert citation.quote in service.library.context(citation.path, citation.quote)


@pytest.mark.parametrize(
    "path", ["../../etc/passwd", "/etc/passwd", "corpus/../../secret.txt", "tests/conftest.py"]
)
def test_only_indexed_articles_can_be_opened(service: ChatService, path: str) -> None:
    with pytest.raises(AssistantError, match="no article"):
        service.library.view(path)


def test_corpus_text_is_shown_as_text_never_as_markup() -> None:
    quote = "<script>x()</script>"
    citation = Citation(1, "<b>Title</b>", None, "2020-01-01", None, "corpus/x.txt", quote, 1.0)
    answer = Answer("q?", "It is <img src=x onerror=alert(1)> [1]", False, [citation])
    shown = answer_markdown(answer)
    assert "<script>" not in shown and "<img" not in shown and "<b>" not in shown
    assert "&lt;script&gt;" in shown
    text = plain_text(answer)
    assert text.startswith("It is <img") and "Sources:\n[1] <b>Title</b>, 2020-01-01 (corpus/x.txt)" in text


def test_the_service_answers_as_the_cli_does(service: ChatService) -> None:
    record = service.ask(QUESTION)
    assert record == service.assistant.ask(QUESTION).to_json()
    follow_up = service.ask("How long is the loan interest-free?", [QUESTION])
    assert "two years" in follow_up["answer"]
    assert service.ask("   ") == {
        "question": "   ",
        "error": "the question is empty: type a question about the policy articles",
    }
    assert "YYYY-MM-DD" in service.ask(QUESTION, date_from="last year")["error"]


def test_a_service_reports_build_progress_until_ready(settings: Settings) -> None:
    chat = ChatService(Assistant(settings, embedder=FakeEmbedder()))
    assert not chat.ready and chat.status().startswith("Preparing the index")
    with pytest.raises(AssistantError, match="Preparing the index"):
        next(chat.stream([QUESTION]))
    chat.start(background=True)
    assert chat.wait(60) and chat.ready
    assert chat.ready_after is not None
    assert chat.status().startswith("Answers from 2 talent-policy articles")


def test_feedback_is_stored_and_exported(service: ChatService, tmp_path: Path) -> None:
    answer = service.assistant.ask(QUESTION)
    store = FeedbackStore(tmp_path / "fb" / "feedback.sqlite3")
    first = store.add([QUESTION], answer, 1, "  clear  ")
    second = store.add(["Anything?"], service.assistant.ask("What is the minimum wage in Beijing?"), -1)
    assert (first, second) == (1, 2)
    with pytest.raises(AssistantError, match=r"\+1"):
        store.add([QUESTION], answer, 5)
    [good, bad] = store.all()
    assert good.comment == "clear" and good.citations[0]["path"] == "corpus/pine_county.txt"
    assert bad.declined and bad.citations == []

    lines = io.StringIO()
    assert store.export(lines, "jsonl") == 2
    assert json.loads(lines.getvalue().splitlines()[0])["question"] == QUESTION
    table = io.StringIO()
    store.export(table, "csv")
    rows = list(csv.DictReader(io.StringIO(table.getvalue())))
    assert rows[0]["rating"] == "1" and json.loads(rows[0]["turns"]) == [QUESTION]


def test_feedback_export_from_the_command_line(service: ChatService, tmp_path: Path) -> None:
    answer = service.assistant.ask(QUESTION)
    FeedbackStore(tmp_path / "feedback.sqlite3").add([QUESTION], answer, -1, "too short")
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(["--data-dir", str(tmp_path), "feedback", "export", "--format", "jsonl"], out, err)
    assert status == 0, err.getvalue()
    [record] = [json.loads(line) for line in out.getvalue().splitlines()]
    assert record["comment"] == "too short" and record["rating"] == -1
    target = tmp_path / "export" / "feedback.csv"
    status = cli.main(["--data-dir", str(tmp_path), "feedback", "export", "--out", str(target)], out, err)
    assert status == 1 and "cannot write" in err.getvalue()  # the folder does not exist: one line
    target.parent.mkdir()
    assert cli.main(["--data-dir", str(tmp_path), "feedback", "export", "--out", str(target)], out, err) == 0
    assert target.read_text(encoding="utf-8").startswith("id,created_at,rating,comment")
    assert "exported 1 judgements" in err.getvalue()


def test_login_pairs_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().credentials() is None
    monkeypatch.setenv("POLICY_ASSISTANT_AUTH", "staff:s3cret, lead:pw")
    settings = Settings()
    assert settings.credentials() == [("staff", "s3cret"), ("lead", "pw")]
    assert "s3cret" not in repr(settings)
    monkeypatch.setenv("POLICY_ASSISTANT_AUTH", "staff-without-password")
    with pytest.raises(ValueError, match="user:password") as caught:
        Settings().credentials()
    assert "staff-without-password" not in str(caught.value)


def test_the_app_builds_with_its_api(service: ChatService) -> None:
    from assistant.app.web import build_app

    demo = build_app(service)
    names = {d.api_name for d in demo.fns.values() if d.api_visibility == "public"}
    assert names == {"ask", "compare", "feedback"}


def test_an_llm_answer_says_who_wrote_it_and_what_the_guard_changed() -> None:
    from assistant.answering.answer import Generation, GuardEdit

    edits = [GuardEdit("It pays 9,000 yuan. [1]", "removed", "9,000 is in no cited passage")]
    written = Answer(
        "q?", "It pays 1,500 yuan. [1]", False, [], Generation("openai", "qwen", "openai", edits=edits)
    )
    assert (
        "Written by qwen; every sentence checked against its source (1 sentence removed)."
        in answer_markdown(written)
    )
    fallback = Answer(
        "q?", "Quoted. [1]", False, [], Generation("openai", "qwen", fallback="the server timed out")
    )
    assert "Note: showing the quoted answer: the server timed out." in answer_markdown(fallback)
    assert "Written by" not in answer_markdown(Answer("q?", "Quoted. [1]", False))


def test_only_a_ready_extractive_service_answers_on_the_servers_own_thread(settings: Settings) -> None:
    chat = ChatService(Assistant(settings, embedder=FakeEmbedder()))
    assert not chat.answers_quickly  # the first build is still to come: an API call waits for it
    chat.start(background=False)
    assert chat.answers_quickly
    llm = ChatService(Assistant(settings, embedder=FakeEmbedder(), chat_model=FakeChatModel()))
    llm.start(background=False)
    assert llm.ready and not llm.answers_quickly  # a model's answer takes seconds: a worker thread

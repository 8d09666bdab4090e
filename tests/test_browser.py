"""The chat app in a real headless Chromium: ask, open a source, follow up, give feedback; and its API."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import browser_tab, first_start_settings, needs_chromium, running_app
from playwright.sync_api import Page

from assistant import cli
from assistant.app.feedback import FeedbackStore

ROOT = Path(__file__).parent.parent
ARTIFACTS = Path(os.environ.get("POLICY_ASSISTANT_ARTIFACTS", ROOT / "out" / "browser"))

pytestmark = [pytest.mark.slow, needs_chromium]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """`python app.py` on the bundled corpus with a fresh (missing) index, as a first user starts it."""
    work = tmp_path_factory.mktemp("app")
    with running_app(work, first_start_settings(work)) as running:
        yield {"url": running.url, "work": work, "started": running.started, "env": running.env}


@pytest.fixture(scope="module")
def page(app: dict[str, object]) -> Iterator[Page]:
    """One browser tab on the app, shared by the tests in order, like one visitor."""
    with browser_tab(str(app["url"])) as page:
        yield page


def _chat_text(page: Page) -> str:
    return page.inner_text("#pa-chat")


def _ask(page: Page, question: str, expect: str, timeout_ms: int = 180_000) -> str:
    """Send a question and wait until its finished answer (with expect in it) is shown."""
    page.fill("#pa-question textarea", question)
    page.click("#pa-ask")
    # The paste-ready copy is written once streaming is over, from the finished answer.
    page.wait_for_function(
        "([question, expect]) => { const t = document.querySelector('#pa-copy textarea')?.value || '';"
        " return t.includes(expect) && document.querySelector('#pa-chat').innerText.includes(question); }",
        arg=[question, expect],
        timeout=timeout_ms,
    )
    return _chat_text(page)


def test_a_first_visitor_asks_opens_a_source_follows_up_and_gives_feedback(
    app: dict[str, object], page: Page
) -> None:
    pg = page
    pg.wait_for_selector("#pa-question textarea", timeout=60_000)
    # The examples and the coverage line come from the corpus once the fresh index is built.
    pg.wait_for_function(
        "document.querySelector('#pa-coverage').innerText.includes('Answers from 5')", timeout=180_000
    )
    assert "Lanzhou" in pg.inner_text("#pa-chat")
    pg.click("#pa-staff .label-wrap")  # a member of staff keeps the tools open

    # The policy library lists every article; a search narrows it and a row opens the article.
    pg.click("button[role=tab]:has-text('Policy library')")
    pg.wait_for_selector("#pa-library :text('corpus/000_0cadbdff6f924c11.txt')", timeout=30_000)
    pg.fill("#pa-lib-search textarea", "talent card exclusive services")
    pg.press("#pa-lib-search textarea", "Enter")
    pg.wait_for_function(
        "document.querySelector('#pa-library').innerText.split('corpus/').length - 1 < 5", timeout=30_000
    )
    pg.locator("#pa-library :text('corpus/001_984762e9b66eeffd.txt') >> visible=true").first.click()
    pg.wait_for_selector("#pa-article :text('Heilongjiang')", timeout=30_000)

    chat = _ask(pg, "What can a graduate get in Liangjiang New Area?", "10,000 yuan")
    assert "10,000 yuan. [1]" in chat
    first_answer_after = time.monotonic() - float(app["started"])
    assert "[1]" in chat and "Sources" in chat
    assert "Chongqing Talents Conference 2020" in chat

    # The article behind [1] opens beside the chat with the quoted passage highlighted.
    pg.click("#pa-sources label:has-text('[1]')")
    pg.wait_for_selector("#pa-article mark", timeout=30_000)
    marked = pg.inner_text("#pa-article mark")
    assert "resettlement subsidy of 10,000 yuan" in marked
    assert marked in pg.inner_text("#pa-article")
    assert marked.split(",")[0] in chat  # the passage the answer quoted

    # A follow-up leans on the turn before it.
    _ask(pg, "How does Chun'an County reach overseas Chinese?", "Chun")
    chat = _ask(pg, "In which countries are its liaison stations?", "Singapore")
    assert "Japan" in chat

    # Staff tools: the paste-ready text and a thumbs-up with a comment, stored in SQLite.
    copy_text = pg.input_value("#pa-copy textarea")
    assert "Singapore" in copy_text and "Sources:" in copy_text and "[1]" in copy_text
    pg.fill("#pa-comment textarea", "clear and sourced")
    pg.click("#pa-helpful")
    pg.wait_for_function(
        "document.querySelector('#pa-feedback-note').innerText.includes('saved')", timeout=30_000
    )
    env = app["env"]
    assert isinstance(env, dict)
    (record,) = FeedbackStore(Path(env["POLICY_ASSISTANT_FEEDBACK_DB"])).all()
    assert record.rating == 1 and record.comment == "clear and sourced"
    assert record.question == "In which countries are its liaison stations?"
    assert record.turns[-2:] == [
        "How does Chun'an County reach overseas Chinese?",
        "In which countries are its liaison stations?",
    ]
    assert record.citations and record.citations[0]["path"] == "corpus/004_0131d21f0ef8fdec.txt"

    # The answered chat with its source open: the screenshot in docs/ is one of these.
    pg.click("#pa-sources label:has-text('[1]')")
    pg.wait_for_function(
        "document.querySelector('#pa-article mark')?.innerText.includes('Singapore')", timeout=30_000
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "answered-chat.png"), full_page=True)
    print(f"\nlaunch to first answer on a fresh index: {first_answer_after:.1f} s")


def test_an_empty_question_gets_a_clear_message_and_no_trace(page: Page) -> None:
    pg = page
    pg.fill("#pa-question textarea", "   ")
    pg.click("#pa-ask")
    toast = pg.wait_for_selector("text=The question is empty", timeout=30_000)
    assert toast is not None
    assert "Traceback" not in pg.inner_text("body")


def test_the_api_gives_the_cli_citations(app: dict[str, object], tmp_path: Path) -> None:
    from gradio_client import Client

    question = "How many exclusive services does the Heilongjiang Talent Card offer?"
    client = Client(str(app["url"]), verbose=False)
    from_api = json.loads(client.predict(question, [], api_name="/ask"))
    env = app["env"]
    assert isinstance(env, dict)
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(["--index-dir", env["POLICY_ASSISTANT_INDEX_DIR"], "ask", "--json", question], out, err)
    assert status == 0, err.getvalue()
    from_cli = json.loads(out.getvalue())
    assert from_api["citations"] and from_api["citations"] == from_cli["citations"]
    assert from_api["answer"] == from_cli["answer"]


def test_the_readme_api_example_runs(app: dict[str, object]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```python api\n(.*?)```", readme, re.DOTALL)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code.replace("http://127.0.0.1:7860/", str(app["url"])), "README.md", "exec"), {})
    assert "Singapore" in printed.getvalue()
    assert "[1] Chun'an County of Hangzhou" in printed.getvalue()

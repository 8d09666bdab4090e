"""Conversations in a real headless Chromium: stop an answer waiting for the first index, retry and
undo, the sidebar of conversations kept in the browser (reopen and continue one after a reload, delete
one, start a new one), and the Markdown and JSON downloads."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import browser_tab, first_start_settings, needs_chromium, running_app
from playwright.sync_api import Page

pytestmark = [pytest.mark.slow, needs_chromium]
ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

CHUNAN = "How does Chun'an County reach overseas Chinese?"
LIANGJIANG = "What can a graduate get in Liangjiang New Area?"
FOLLOW_UP = "In which countries are its liaison stations?"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """`python app.py` on the bundled corpus with a fresh (missing) index, as a first user starts it."""
    work = tmp_path_factory.mktemp("conversations-app")
    with running_app(work, first_start_settings(work)) as running:
        yield {"url": running.url, "work": work}


@pytest.fixture(scope="module")
def page(app: dict[str, object]) -> Iterator[Page]:
    with browser_tab(str(app["url"])) as page:
        yield page


def _river_log(days: int = 12_000) -> str:
    """A long record that is no talent policy: some 2,000 chunks to embed."""
    readings = (
        f"On day {day} the gauge at Stone Bridge read {day % 97 / 10:.1f} metres and the market sold "
        f"{day % 53 + 7} baskets of pears."
        for day in range(1, days + 1)
    )
    return "River log of Stone Bridge\n\n" + "\n".join(readings) + "\n"


@pytest.fixture
def slow_first_start(tmp_path: Path) -> Iterator[Page]:
    """The app starting with no index on the bundled corpus and a long river log: its first ingest is
    still embedding when the first question comes, however fast the machine starts the app."""
    shutil.copytree(ROOT / "corpus", tmp_path / "data" / "corpus")
    (tmp_path / "data" / "corpus" / "river_log.txt").write_text(_river_log(), encoding="utf-8")
    settings = {**first_start_settings(tmp_path), "POLICY_ASSISTANT_DATA_DIR": str(tmp_path / "data")}
    with running_app(tmp_path, settings) as running, browser_tab(running.url) as page:
        yield page


def test_stop_ends_the_wait_for_the_first_index(slow_first_start: Page) -> None:
    pg = slow_first_start
    pg.wait_for_selector("#pa-question textarea", timeout=60_000)
    pg.fill("#pa-question textarea", LIANGJIANG)
    pg.click("#pa-ask")
    pg.wait_for_selector("#pa-stop", state="visible", timeout=30_000)
    assert "Answers from" not in pg.inner_text("#pa-coverage")  # it is still building
    pg.click("#pa-stop")
    pg.wait_for_function(
        "document.querySelector('#pa-chat')?.innerText.includes('Stopped: this answer was not finished')",
        timeout=30_000,
    )
    pg.wait_for_selector("#pa-stop", state="hidden", timeout=30_000)
    assert _wait_listed(pg, 1) == [LIANGJIANG]


def _ask(page: Page, question: str, expect: str) -> None:
    page.fill("#pa-question textarea", question)
    page.click("#pa-ask")
    _answered(page, question, expect)


def _answered(page: Page, question: str, expect: str) -> None:
    """Wait until the answer to question (with expect in it) is finished: the paste-ready copy is
    written from the finished answer."""
    page.wait_for_function(
        "([question, expect]) => { const t = document.querySelector('#pa-copy textarea')?.value || '';"
        " return t.includes(expect) && document.querySelector('#pa-chat')?.innerText.includes(question); }",
        arg=[question, expect],
        timeout=180_000,
    )


def _listed(page: Page) -> list[str]:
    return [t.strip() for t in page.locator("#pa-conversations label").all_inner_texts()]


def _wait_listed(page: Page, count: int) -> list[str]:
    """The conversations listed once there are this many, read in the same moment as they are counted
    (the list is drawn again after an answer: read later, it may be caught half drawn)."""
    handle = page.wait_for_function(
        """(n) => {
            const labels = [...document.querySelectorAll('#pa-conversations label')];
            return labels.length === n ? labels.map((label) => label.innerText.trim()) : null;
        }""",
        arg=count,
        timeout=30_000,
    )
    listed: list[str] = handle.json_value()
    return listed


def _download(page: Page, button: str, folder: Path) -> str:
    with page.expect_download(timeout=30_000) as info:
        page.click(button)
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    return target.read_text(encoding="utf-8")


def test_retry_undo_and_the_conversations_kept_in_the_browser(page: Page, tmp_path: Path) -> None:
    pg = page
    pg.click("#pa-staff .label-wrap")  # the paste-ready copy tells when an answer is finished
    pg.wait_for_selector("#pa-question textarea", timeout=60_000)

    # The first question waits for the fresh index, then is answered.
    _ask(pg, LIANGJIANG, "10,000 yuan")
    pg.wait_for_function(
        "document.querySelector('#pa-coverage')?.innerText.includes('Answers from 5')", timeout=180_000
    )
    assert _wait_listed(pg, 1) == [LIANGJIANG]

    # Retry asks the last question again: it is answered, and shown once.
    pg.click("#pa-chat button[aria-label='Retry']")
    _answered(pg, LIANGJIANG, "10,000 yuan")
    chat = pg.inner_text("#pa-chat")
    assert chat.count(LIANGJIANG) == 1 and "Stopped" not in chat
    assert _wait_listed(pg, 1) == [LIANGJIANG]

    # Undo takes the last question and its answer back; the question returns to the box.
    pg.click("#pa-chat button[aria-label='Undo']")
    pg.wait_for_function("!document.querySelector('#pa-chat')?.innerText.includes('10,000 yuan')")
    assert pg.input_value("#pa-question textarea") == LIANGJIANG
    pg.click("#pa-ask")
    _answered(pg, LIANGJIANG, "10,000 yuan")

    # A new conversation is listed beside the first, newest first.
    pg.click("#pa-new")
    pg.wait_for_function("!document.querySelector('#pa-chat')?.innerText.includes('10,000 yuan')")
    _ask(pg, CHUNAN, "Chun")
    assert _wait_listed(pg, 2) == [CHUNAN, LIANGJIANG]

    # Both are kept in the browser: after a reload the first is opened, and continued.
    pg.reload()
    pg.wait_for_function(
        "document.querySelector('#pa-coverage')?.innerText.includes('Answers from 5')", timeout=60_000
    )
    assert _wait_listed(pg, 2) == [CHUNAN, LIANGJIANG]
    assert "10,000 yuan" not in pg.inner_text("#pa-chat")  # a reload starts a new conversation
    pg.locator("#pa-conversations label", has_text=LIANGJIANG).click()
    pg.wait_for_function("document.querySelector('#pa-chat')?.innerText.includes('10,000 yuan')")
    pg.locator("#pa-conversations label", has_text=CHUNAN).click()
    pg.wait_for_function("document.querySelector('#pa-chat')?.innerText.includes('Chun')")
    assert "10,000 yuan" not in pg.inner_text("#pa-chat")
    pg.click("#pa-staff .label-wrap")
    _ask(pg, FOLLOW_UP, "Singapore")  # the follow-up leans on the reopened conversation's question
    pg.click("#pa-sources label:has-text('[1]')")  # its sources open in the reader
    pg.wait_for_function(
        "document.querySelector('#pa-article mark')?.innerText.includes('Singapore')", timeout=30_000
    )

    # The whole conversation downloads as Markdown and as JSON, with numbered references.
    markdown = _download(pg, "#pa-download-md", tmp_path)
    assert markdown.startswith(f"# {CHUNAN}\n")
    assert f"## {CHUNAN}" in markdown and f"## {FOLLOW_UP}" in markdown
    assert "Singapore" in markdown and "**Sources**" in markdown
    assert "\n[1] " in markdown and "(corpus/004_0131d21f0ef8fdec.txt)" in markdown
    (example,) = re.findall(r"```markdown conversation\n(.*?)```", README, re.DOTALL)
    assert example in markdown  # the README's example is what the download holds
    record = json.loads(_download(pg, "#pa-download-json", tmp_path))
    assert [t["question"] for t in record["turns"]] == [CHUNAN, FOLLOW_UP]
    last = record["turns"][1]["answer"]
    assert "Singapore" in last["answer"]
    assert last["citations"][0]["path"] == "corpus/004_0131d21f0ef8fdec.txt"

    # Deleting it leaves the other; the chat starts afresh.
    pg.click("#pa-delete")
    assert _wait_listed(pg, 1) == [LIANGJIANG]
    pg.wait_for_function("!document.querySelector('#pa-chat')?.innerText.includes('Singapore')")
    pg.reload()
    assert _wait_listed(pg, 1) == [LIANGJIANG]

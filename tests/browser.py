"""Where the browser tests find Debian's Chromium, the flags it runs headless with, and the app they
drive (`python app.py` in a process of its own)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).parent.parent

CHROMIUM = os.environ.get("POLICY_ASSISTANT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# CI sets POLICY_ASSISTANT_REQUIRE_BROWSER=1: there a missing Chromium fails instead of skipping.
needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and not os.environ.get("POLICY_ASSISTANT_REQUIRE_BROWSER"),
    reason=f"no Chromium at {CHROMIUM}: apt-get install chromium",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class RunningApp:
    url: str
    env: dict[str, str]  # the environment it runs with (the CLI may be run beside it with the same)
    started: float  # time.monotonic() just before it was started


@contextmanager
def running_app(work: Path, settings: dict[str, str]) -> Iterator[RunningApp]:
    """`python app.py` with these environment settings on a free port, until it listens; its log in
    work/app.log. Stopped on exit."""
    port = free_port()
    env = {
        **os.environ,
        **settings,
        "GRADIO_SERVER_NAME": "127.0.0.1",
        "GRADIO_SERVER_PORT": str(port),
        "GRADIO_ANALYTICS_ENABLED": "False",
    }
    log = (work / "app.log").open("w")
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "app.py"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"app.py exited: {(work / 'app.log').read_text()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("app.py did not start listening within 120 s")
        yield RunningApp(f"http://127.0.0.1:{port}/", env, started)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@contextmanager
def browser_tab(url: str) -> Iterator[Page]:
    """One Chromium tab open on the app (downloads accepted), closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page = context.new_page()
        page.goto(url)
        try:
            yield page
        finally:
            browser.close()


def first_start_settings(work: Path) -> dict[str, str]:
    """A fresh (missing) index and feedback store in ``work``: the app as a first user starts it."""
    return {
        "POLICY_ASSISTANT_INDEX_DIR": str(work / "index"),
        "POLICY_ASSISTANT_FEEDBACK_DB": str(work / "feedback.sqlite3"),
    }

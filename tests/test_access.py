"""Access: staff sign-in for staff tools, per-session rate limit, no file served outside the corpus."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from browser import CHROMIUM, CHROMIUM_FLAGS, needs_chromium
from fakes import FakeEmbedder
from pydantic import SecretStr

from assistant import Assistant, Settings
from assistant.app.ratelimit import RateLimited, RateLimiter
from assistant.app.service import ChatService, StaffOnly

TINY = Path(__file__).parent / "data" / "corpus"
QUESTION = "What does Pine County offer returning graduates?"


def test_the_rate_limit_counts_a_sliding_minute_per_session() -> None:
    now = [0.0]
    limiter = RateLimiter(2, clock=lambda: now[0])
    limiter.admit("a")
    limiter.admit("a")
    limiter.admit("b")  # another session has its own allowance
    now[0] = 45.0
    with pytest.raises(RateLimited, match="Please wait 15 seconds"):
        limiter.admit("a")
    now[0] = 60.0
    limiter.admit("a")  # the first question left the window
    RateLimiter(0).admit("a")  # 0: no limit


def test_staff_tools_need_a_sign_in_when_a_staff_login_is_set(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICY_ASSISTANT_STAFF_AUTH", "staff:s3cret")
    service = ChatService(Assistant(Settings(data_dir=data_dir), embedder=FakeEmbedder()))
    service.start(background=False)
    answer = service.assistant.ask(QUESTION)
    assert service.staff_login_required
    assert not service.sign_in("staff", "wrong") and not service.sign_in("other", "s3cret")
    assert service.sign_in("staff", "s3cret")
    for call in (
        lambda: service.record_feedback([QUESTION], answer, 1),
        lambda: service.export_feedback("csv"),
        lambda: service.add_documents([]),
        lambda: service.reindex(),
    ):
        with pytest.raises(StaffOnly, match="sign in as staff"):
            call()
    assert service.record_feedback([QUESTION], answer, 1, staff=True) == 1
    exported, count = service.export_feedback("jsonl", staff=True)
    assert count == 1 and exported.read_text(encoding="utf-8").count("\n") == 1


def test_uploads_land_in_the_corpus_and_are_served_after_a_reindex(service_dir: Path, tmp_path: Path) -> None:
    service = ChatService(Assistant(Settings(data_dir=service_dir), embedder=FakeEmbedder()))
    service.start(background=False)
    upload = tmp_path / "upload"
    upload.mkdir()
    (upload / "river town.txt").write_text(
        "River Town pays a talent bonus\n\n"
        "River Town pays every returning doctor a talent bonus of 80,000 yuan.",
        encoding="utf-8",
    )
    (upload / "tool.exe").write_bytes(b"MZ\x00\x00")
    added, refused = service.add_documents(
        [upload / "river town.txt", upload / "tool.exe", Path("../../etc/passwd")], staff=True
    )
    assert added == ["river town.txt"]
    assert [r.split(":")[0] for r in refused] == ["tool.exe", "passwd"]
    assert not (service_dir / "etc").exists() and (service_dir / "corpus" / "river town.txt").is_file()
    report = service.reindex(staff=True)
    assert report.added == ["corpus/river town.txt"]
    assert (
        "80,000 yuan"
        in service.ask("How large is the talent bonus for returning doctors in River Town?")["answer"]
    )
    assert any(a.path == "corpus/river town.txt" for a in service.library.search("River Town"))


def test_an_ingest_from_another_process_is_served_at_the_next_question(service_dir: Path) -> None:
    service = ChatService(Assistant(Settings(data_dir=service_dir), embedder=FakeEmbedder()))
    service.start(background=False)
    (service_dir / "corpus" / "lake.txt").write_text(
        "Lake County housing\n\nLake County gives young teachers a housing allowance of 900 yuan a month.",
        encoding="utf-8",
    )
    # The CLI's ingest: another Assistant on the same index, as another process would be.
    Assistant(Settings(data_dir=service_dir), embedder=FakeEmbedder()).ingest()
    answer = service.ask("What housing allowance do young teachers get in Lake County?")
    assert "900 yuan" in answer["answer"]
    assert "Lake County" in service.status()


@pytest.fixture
def service_dir(tmp_path: Path) -> Path:
    """A data folder of its own holding the tiny corpus."""
    shutil.copytree(TINY, tmp_path / "data" / "corpus")
    return tmp_path / "data"


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app over the tiny corpus: a staff login, 3 questions a minute, a secret in the data folder."""
    from assistant.app.web import serve

    data = tmp_path_factory.mktemp("data")
    shutil.copytree(TINY, data / "corpus")
    (data / "secret.txt").write_text("not for the web", encoding="utf-8")
    settings = Settings(data_dir=data, host="127.0.0.1", rate_limit=3, staff_auth=SecretStr("staff:s3cret"))
    demo = serve(settings, block=False, assistant=Assistant(settings, embedder=FakeEmbedder()))
    try:
        yield demo.local_url, data
    finally:
        demo.close()


def test_the_api_answers_then_asks_politely_to_slow_down(running: tuple[str, Path]) -> None:
    from gradio_client import Client

    url, _ = running
    client = Client(url, verbose=False)
    replies = [json.loads(client.predict(QUESTION, [], api_name="/ask")) for _ in range(4)]
    assert all("citations" in r for r in replies[:3])
    assert "Please wait" in replies[3]["error"] and "3 questions in the last minute" in replies[3]["error"]
    other = Client(url, verbose=False)  # another session is not slowed by the first
    assert "citations" in json.loads(other.predict(QUESTION, [], api_name="/ask"))


@pytest.mark.parametrize(
    "target",
    [
        "/gradio_api/file=/etc/passwd",
        "/gradio_api/file=../../../../../../etc/passwd",
        "/gradio_api/file=%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/gradio_api/file={data}/secret.txt",
        "/gradio_api/file={data}/corpus/../secret.txt",
        "/gradio_api/file={data}/feedback.sqlite3",
        "/file={data}/secret.txt",
        "/gradio_api/file={root}/pyproject.toml",
        "/static/../../../../etc/passwd",
        "/assets/..%2f..%2f..%2f..%2fetc/passwd",
    ],
)
def test_no_file_outside_the_app_is_served(running: tuple[str, Path], target: str) -> None:
    url, data = running
    root = Path(__file__).parent.parent
    path = target.format(data=data, root=root)
    response = httpx.get(url.rstrip("/") + path, follow_redirects=True, timeout=30)
    assert response.status_code in (403, 404), (path, response.status_code)
    secrets = ("root:x:", "not for the web", "[build-system]", "SQLite format")
    assert not any(secret in response.text for secret in secrets)


def test_the_service_error_is_one_line_not_a_trace(running: tuple[str, Path]) -> None:
    from gradio_client import Client

    url, _ = running
    reply = json.loads(Client(url, verbose=False).predict("\x00\x01 ", [], api_name="/ask"))
    assert reply["error"].count("\n") == 0 and "Traceback" not in reply["error"]


def test_settings_never_show_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICY_ASSISTANT_STAFF_AUTH", "staff:s3cret")
    settings = Settings()
    assert "s3cret" not in repr(settings) and "s3cret" not in settings.model_dump_json()


@needs_chromium
def test_a_member_of_staff_signs_in_exports_feedback_and_adds_an_article(
    running: tuple[str, Path], tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    url, data = running
    article = tmp_path / "willow district.txt"
    article.write_text(
        "Willow District pays nurses\n\nWillow District pays each newly hired nurse a bonus of 6,000 yuan.",
        encoding="utf-8",
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.goto(url)
        page.click("#pa-staff .label-wrap")
        # The public sees the sign-in, not the tools.
        page.wait_for_selector("#pa-staff-user input")
        assert page.query_selector("#pa-copy") is None and page.query_selector("#pa-reindex") is None
        page.fill("#pa-staff-user input", "staff")
        page.fill("#pa-staff-password input", "guess")
        page.click("#pa-signin-button")
        page.wait_for_selector("#pa-signin-note:has-text('Wrong user or password')")
        assert page.query_selector("#pa-copy") is None
        page.fill("#pa-staff-password input", "s3cret")
        page.click("#pa-signin-button")
        page.wait_for_selector("#pa-copy textarea")
        assert page.query_selector("#pa-staff-user input") is None  # the sign-in form is gone

        page.click("#pa-export")
        page.wait_for_selector("#pa-export-file a")
        page.set_input_files("#pa-upload input[type=file]", str(article))
        page.click("#pa-reindex")
        page.wait_for_selector("#pa-reindex-note:has-text('1 added')", timeout=60_000)
        browser.close()
    assert (data / "corpus" / "willow district.txt").is_file()

"""Staff curation: remove or replace an article (CLI, service, the app's staff tools in Chromium),
and staff feedback through the API under the app's staff rule."""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import CHROMIUM, CHROMIUM_FLAGS, free_port, needs_chromium
from conftest import run_cli
from fakes import FakeEmbedder
from pydantic import SecretStr

from assistant import Assistant, Settings
from assistant.app.feedback import FeedbackStore
from assistant.app.service import ChatService, StaffOnly

HARBOR = "What housing subsidy do young engineers get in Harbor City?"
NEW_HARBOR = (
    "Harbor City raises its housing subsidy\n\n"
    "Engineers under 35 with a master's degree now receive a monthly housing subsidy of 2,400 yuan."
)


@pytest.mark.usefixtures("cli_fake_model")
def test_the_command_line_removes_and_replaces_articles(data_dir: Path, tmp_path: Path) -> None:
    assert run_cli("--data-dir", str(data_dir), "ingest")[0] == 0
    code, out, err = run_cli("--data-dir", str(data_dir), "library", "remove", "pine_county.txt")
    assert code == 0, err
    assert "removed corpus/pine_county.txt" in out and "1 removed" in out
    assert not (data_dir / "corpus" / "pine_county.txt").exists()
    code, out, _ = run_cli("--data-dir", str(data_dir), "sources")
    assert "pine_county" not in out and "corpus/harbor_city.txt" in out

    new = tmp_path / "harbor-2024.txt"
    new.write_text(NEW_HARBOR, encoding="utf-8")
    code, out, err = run_cli(
        "--data-dir", str(data_dir), "library", "replace", "corpus/harbor_city.txt", str(new)
    )
    assert code == 0, err
    assert "replaced corpus/harbor_city.txt" in out and "1 updated" in out
    code, out, _ = run_cli("--data-dir", str(data_dir), "ask", "--json", HARBOR)
    record = json.loads(out)
    assert "2,400 yuan" in record["answer"] and "1,500 yuan" not in record["answer"]
    assert record["citations"][0]["region"] == "Harbor City"  # its catalog entry stays

    # Errors name the fix, and change nothing.
    code, _, err = run_cli("--data-dir", str(data_dir), "library", "remove", "harbor_city.txt", "nowhere.txt")
    assert code == 1 and "no indexed article 'nowhere.txt'" in err and "`policy-assistant sources`" in err
    assert (data_dir / "corpus" / "harbor_city.txt").is_file()  # checked before anything is deleted
    pdf = tmp_path / "harbor.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    code, _, err = run_cli("--data-dir", str(data_dir), "library", "replace", "harbor_city.txt", str(pdf))
    assert code == 1 and "must be a .txt file too" in err and "remove the article and add the new file" in err
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, _, err = run_cli("--data-dir", str(data_dir), "library", "replace", "harbor_city.txt", str(empty))
    assert code == 1 and "empty.txt cannot replace corpus/harbor_city.txt: empty file" in err


def test_only_staff_remove_replace_and_give_feedback_through_the_api(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICY_ASSISTANT_STAFF_AUTH", "staff:s3cret")
    service = ChatService(Assistant(Settings(data_dir=data_dir), embedder=FakeEmbedder()))
    service.start(background=False)
    with pytest.raises(StaffOnly):
        service.remove_article("corpus/pine_county.txt")
    with pytest.raises(StaffOnly):
        service.replace_article("corpus/pine_county.txt", tmp_path / "x.txt")
    assert (data_dir / "corpus" / "pine_county.txt").is_file()

    answer = service.ask(HARBOR)
    refused = service.api_feedback(answer, -1, "wrong figure", user="staff", password="guess")
    assert refused == {"error": "feedback is a staff tool: pass the staff user and password"}
    assert service.api_feedback({"question": "?"}, 1, user="staff", password="s3cret")["error"].startswith(
        "answer: pass the JSON that /ask returned"
    )
    assert "+1 (helpful) or -1" in service.api_feedback(answer, 5, user="staff", password="s3cret")["error"]
    assert service.api_feedback(answer, -1, "wrong figure", ["Hi"], user="staff", password="s3cret") == {
        "id": 1
    }
    (record,) = FeedbackStore(service.settings.feedback).all()
    assert record.rating == -1 and record.comment == "wrong figure" and record.turns == ["Hi", HARBOR]


@pytest.fixture
def app(data_dir: Path) -> Iterator[tuple[str, Path]]:
    """The app in this process over the tiny corpus, with a staff login."""
    from assistant.app.web import serve

    settings = Settings(
        data_dir=data_dir, host="127.0.0.1", port=free_port(), staff_auth=SecretStr("staff:s3cret")
    )
    demo = serve(settings, block=False, assistant=Assistant(settings, embedder=FakeEmbedder()))
    try:
        yield demo.local_url, data_dir
    finally:
        demo.close()


def test_the_api_takes_feedback_from_staff_only(app: tuple[str, Path]) -> None:
    from gradio_client import Client

    url, data = app
    client = Client(url, verbose=False)
    answer = client.predict(HARBOR, [], api_name="/ask")
    refused = json.loads(client.predict(answer, -1, "no", [], "", "", api_name="/feedback"))
    assert "staff tool" in refused["error"]
    saved = json.loads(client.predict(answer, 1, "good", [], "staff", "s3cret", api_name="/feedback"))
    assert saved == {"id": 1}
    (record,) = FeedbackStore(data / "feedback.sqlite3").all()
    assert record.question == HARBOR and record.rating == 1


def test_the_readme_feedback_example_runs(app: tuple[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    url, data = app
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```python feedback\n(.*?)```", readme, re.DOTALL)
    monkeypatch.setenv("STAFF_USER", "staff")
    monkeypatch.setenv("STAFF_PASSWORD", "s3cret")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code.replace("http://127.0.0.1:7860/", url), "README.md", "exec"), {})
    assert printed.getvalue().splitlines()[-1] == "{'id': 1}"
    (record,) = FeedbackStore(data / "feedback.sqlite3").all()
    assert record.rating == -1 and record.comment == "the amount for PhD holders is missing"


@pytest.mark.slow
@needs_chromium
def test_staff_remove_and_replace_articles_in_the_app(app: tuple[str, Path], tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    url, data = app
    new = tmp_path / "harbor_city.txt"
    new.write_text(NEW_HARBOR, encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        page.click("#pa-staff .label-wrap")
        page.fill("#pa-staff-user input", "staff")
        page.fill("#pa-staff-password input", "s3cret")
        page.click("#pa-signin-button")
        page.wait_for_selector("#pa-curate-article input")

        def choose(article: str) -> None:
            box = page.locator("#pa-curate-article input")
            box.click()
            page.wait_for_selector(f'ul[role=listbox] li[aria-label="{article}"]', timeout=10_000)
            page.click(f'ul[role=listbox] li[aria-label="{article}"]')

        choose("corpus/pine_county.txt")
        page.click("#pa-remove")
        page.wait_for_selector("#pa-curate-note:has-text('1 removed')", timeout=60_000)
        assert "Removed corpus/pine_county.txt." in page.inner_text("#pa-curate-note")
        assert not (data / "corpus" / "pine_county.txt").exists()
        page.click("button[role=tab]:has-text('Policy library')")
        page.locator("#pa-library :text('corpus/harbor_city.txt') >> visible=true").first.wait_for(
            timeout=30_000
        )
        assert "pine_county" not in page.inner_text("#pa-library")

        choose("corpus/harbor_city.txt")
        page.set_input_files("#pa-replacement input[type=file]", str(new))
        page.click("#pa-replace")
        page.wait_for_selector("#pa-curate-note:has-text('1 updated')", timeout=60_000)
        browser.close()
    assert (data / "corpus" / "harbor_city.txt").read_text(encoding="utf-8") == NEW_HARBOR

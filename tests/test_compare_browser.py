"""The Compare tab in a real headless Chromium: choose regions and a topic, see the cited table, open a
source beside it, download the CSV; and the same table through the API."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import browser_tab, needs_chromium, running_app
from playwright.sync_api import Page

from assistant import cli

ROOT = Path(__file__).parent.parent
ARTIFACTS = Path(os.environ.get("POLICY_ASSISTANT_ARTIFACTS", ROOT / "out" / "browser"))

pytestmark = [pytest.mark.slow, needs_chromium]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """`python app.py` over the bundled corpus plus the real pages of evals/corpora/real."""
    work = tmp_path_factory.mktemp("compare-app")
    data = work / "data"
    shutil.copytree(ROOT / "corpus", data / "corpus")
    shutil.copytree(ROOT / "evals" / "corpora" / "real", data / "corpus" / "real")
    with running_app(work, {"POLICY_ASSISTANT_DATA_DIR": str(data)}) as running:
        yield {"url": running.url, "data": data, "work": work}


@pytest.fixture(scope="module")
def page(app: dict[str, object]) -> Iterator[Page]:
    with browser_tab(str(app["url"])) as page:
        yield page


def _choose(page: Page, field: str, option: str) -> None:
    """Pick an option of a Gradio dropdown by typing it and pressing Enter (the first match)."""
    box = page.locator(f"{field} input")
    box.click()
    box.press_sequentially(option, delay=20)
    page.wait_for_selector(f'ul[role=listbox] li[aria-label="{option}"]', timeout=10_000)
    box.press("Enter")


def test_compare_regions_open_a_source_and_download_the_csv(app: dict[str, object], page: Page) -> None:
    pg = page
    pg.wait_for_function(
        "document.querySelector('#pa-coverage')?.innerText.includes('Answers from 25')", timeout=180_000
    )
    pg.click("button[role=tab]:has-text('Compare')")
    _choose(pg, "#pa-cmp-regions", "Liuzhou, Guangxi")
    pg.keyboard.press("Escape")
    _choose(pg, "#pa-cmp-regions", "Tai'an, Shandong")
    pg.keyboard.press("Escape")
    _choose(pg, "#pa-cmp-topic", "living allowance")
    pg.keyboard.press("Escape")
    pg.click("#pa-cmp-run")
    pg.wait_for_selector("#pa-cmp-table table.pa-compare", timeout=60_000)
    table = pg.inner_text("#pa-cmp-table")
    assert "Living allowance, PhD holders, per month" in table
    assert "1,500 yuan per person per month [1]" in table
    assert "3,000 yuan [2]" in table
    assert "Tai'an, Shandong gives more" in table

    # The article behind [2] opens beside the table, the quoted sentence highlighted.
    pg.click("#pa-cmp-sources label:has-text('[2]')")
    pg.wait_for_selector("#pa-cmp-article mark", timeout=30_000)
    assert "3,000 yuan" in pg.inner_text("#pa-cmp-article mark")
    assert "Tai'an promotes talent policy" in pg.inner_text("#pa-cmp-article")

    # Markdown to paste, and the CSV to download.
    markdown = pg.input_value("#pa-cmp-markdown textarea")
    assert markdown.startswith("| Aspect | Liuzhou, Guangxi | Tai'an, Shandong |") and "Sources:" in markdown
    with pg.expect_download(timeout=30_000) as download:
        pg.locator("#pa-cmp-csv a").first.click()
    path = download.value.path()
    rows = list(csv.reader(io.StringIO(Path(path).read_text(encoding="utf-8"))))
    assert rows[0] == ["Aspect", "Liuzhou, Guangxi", "Tai'an, Shandong"]
    phd = next(r for r in rows if r and r[0] == "Living allowance, PhD holders, per month")
    assert phd[1].startswith("1,500 yuan") and phd[2].startswith("3,000 yuan")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "compare.png"), full_page=True)


def test_the_api_gives_the_cli_table(app: dict[str, object]) -> None:
    from gradio_client import Client

    client = Client(str(app["url"]), verbose=False)
    from_api = json.loads(
        client.predict(["Liuzhou", "Tai'an"], "living allowance for a new PhD", api_name="/compare")
    )
    out, err = io.StringIO(), io.StringIO()
    argv = ["--data-dir", str(app["data"]), "compare", "--regions", "Liuzhou,Tai'an", "--json"]
    assert cli.main([*argv, "living allowance for a new PhD"], out, err) == 0, err.getvalue()
    from_cli = json.loads(out.getvalue())
    assert from_api == from_cli
    assert [c["place"] for c in from_api["columns"]] == ["Liuzhou", "Tai'an"]
    bad = json.loads(client.predict(["Liuzhou"], "rent", api_name="/compare"))
    assert "two to" in bad["error"]

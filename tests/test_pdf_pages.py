"""PDF citations carry their page: in `ask --json`, the reference list, the sources and the reader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli
from fakes import FakeEmbedder
from legacy_index import write_legacy
from test_documents import pdf_pages

from assistant import Assistant, Settings
from assistant.app.library import Library
from assistant.app.render import article_html, source_line
from assistant.ingest.chunking import Chunk
from assistant.ingest.pages import page_of, paginate

PAGES = [
    ["Maple Valley talent notice", "Maple Valley welcomes skilled workers to its new industrial park."],
    [
        "Maple Valley gives every nurse who moves to the valley a relocation bonus of 30,000 yuan.",
        "The bonus is paid in the first month.",
    ],
    ["Doctors who settle in Maple Valley receive a housing allowance of 2,000 yuan a month."],
]
QUESTION = "What relocation bonus does Maple Valley pay a nurse?"


@pytest.fixture
def pdf_corpus(data_dir: Path) -> Path:
    """The tiny corpus and a three-page PDF, written as bytes a PDF reader parses."""
    corpus = data_dir / "corpus"
    (corpus / "maple_valley.pdf").write_bytes(pdf_pages(PAGES))
    catalog = json.loads((corpus / "catalog.json").read_text(encoding="utf-8"))
    catalog["maple_valley.pdf"] = {"region": "Maple Valley"}
    (corpus / "catalog.json").write_text(json.dumps(catalog), encoding="utf-8")
    return data_dir


@pytest.mark.usefixtures("cli_fake_model")
def test_a_pdf_citation_names_its_page(pdf_corpus: Path) -> None:
    code, _, err = run_cli("--data-dir", str(pdf_corpus), "ingest")
    assert code == 0, err
    code, out, err = run_cli("--data-dir", str(pdf_corpus), "ask", "--json", QUESTION)
    assert code == 0, err
    record = json.loads(out)
    (cited,) = [c for c in record["citations"] if c["path"] == "corpus/maple_valley.pdf"]
    assert "30,000 yuan" in cited["quote"] and cited["page"] == 2
    assert all(c["page"] is None for c in record["citations"] if not c["path"].endswith(".pdf"))

    code, out, err = run_cli("--data-dir", str(pdf_corpus), "ask", QUESTION)
    assert code == 0, err
    assert "(corpus/maple_valley.pdf)" in out and ", p. 2 (corpus/maple_valley.pdf)" in out


def test_the_sources_list_and_the_reader_show_the_page(pdf_corpus: Path) -> None:
    assistant = Assistant(Settings(data_dir=pdf_corpus), embedder=FakeEmbedder())
    assistant.ingest()
    answer = assistant.ask("What housing allowance do doctors get in Maple Valley?")
    (cited,) = [c for c in answer.citations if c.path.endswith(".pdf")]
    assert cited.page == 3 and source_line(cited).endswith("Maple Valley · p. 3")
    library = Library(assistant.index.snapshot(), pdf_corpus)
    page = article_html(library.view(cited.path), cited.quote, cited.page)
    assert '<p class="pa-page">Page 3 of the PDF</p>\n<p id="pa-quoted"' in page
    # The index keeps the pages: a reloaded snapshot cites the same page.
    reloaded = Assistant(Settings(data_dir=pdf_corpus), embedder=FakeEmbedder())
    again = reloaded.ask("What housing allowance do doctors get in Maple Valley?")
    assert [c.page for c in again.citations if c.path.endswith(".pdf")] == [3]


def test_a_sentence_is_placed_on_the_page_it_is_read_from() -> None:
    pages = ["Intro. The bonus is paid once.", "Other text.", "The bonus is paid once. Again here."]
    chunk = Chunk(
        "c", "d", 0, ("Intro.", "The bonus is paid once.", "Other text.", "The bonus is paid once.")
    )
    (paged,) = paginate([chunk], pages)
    assert paged.pages == (1, 1, 2, 3)  # a repeated sentence is found on from the one before
    assert page_of([paged], "The bonus is paid once. Other text.") == 1
    assert page_of([paged], "Not in it.") is None
    assert page_of([chunk], "Intro.") is None  # no pages: not a PDF


def test_a_pdf_indexed_without_pages_is_read_again_and_keeps_its_vectors(pdf_corpus: Path) -> None:
    assistant = Assistant(Settings(data_dir=pdf_corpus), embedder=FakeEmbedder())
    assistant.ingest()
    write_legacy(assistant.index.folder, assistant.index.snapshot(), pages=False)
    report = Assistant(Settings(data_dir=pdf_corpus), embedder=FakeEmbedder()).ingest()
    assert report.updated == ["corpus/maple_valley.pdf"] and report.chunks_embedded == 0
    assert sorted(report.unchanged) == ["corpus/harbor_city.txt", "corpus/pine_county.txt"]
    article = Assistant(Settings(data_dir=pdf_corpus), embedder=FakeEmbedder()).index.snapshot()
    assert article.articles["corpus/maple_valley.pdf"].chunks[0].pages

"""The index on a Chroma server (`chroma run`): same answers, shared safely, clear when unreachable."""

import io
import shutil
import socket
from pathlib import Path

import pytest
from conftest import TINY_CORPUS, chroma_server, requires_chroma
from fakes import FakeEmbedder

from assistant import Assistant, Settings, cli
from assistant.errors import StoreUnavailable
from assistant.index import SERVER_COLLECTION

pytestmark = requires_chroma
QUESTION = "What housing subsidy do engineers get in Harbor City?"


def _corpus(root: Path, *names: str) -> Path:
    (root / "corpus").mkdir(parents=True)
    for path in TINY_CORPUS.iterdir():
        if not names or path.name in names or path.name == "catalog.json":
            shutil.copy(path, root / "corpus" / path.name)
    return root


def _live(assistant: Assistant) -> set[str]:
    return assistant.index.snapshot().chunk_ids()


def test_server_mode_answers_like_the_embedded_store(data_dir: Path, chroma_url: str) -> None:
    embedded = Assistant(
        Settings(data_dir=data_dir, index_dir=data_dir / "embedded"), embedder=FakeEmbedder()
    )
    embedded.ingest()
    served = Assistant(Settings(data_dir=data_dir, chroma_url=chroma_url), embedder=FakeEmbedder())
    report = served.ingest()
    assert sorted(report.added) == ["corpus/harbor_city.txt", "corpus/pine_county.txt"]
    assert served.ask(QUESTION).to_json() == embedded.ask(QUESTION).to_json()
    assert "1,500 yuan" in served.ask(QUESTION).answer
    # The vectors are on the server; only the snapshot and BM25 files are in the index folder.
    assert not (data_dir / "index" / "chroma").exists()
    assert served.index.store.ids() == _live(served)
    # A second process (a new Assistant) reads the same index through the server.
    again = Assistant(Settings(data_dir=data_dir, chroma_url=chroma_url), embedder=FakeEmbedder())
    assert "1,500 yuan" in again.ask(QUESTION).answer


def test_two_index_folders_share_a_server_without_touching_each_other(
    tmp_path: Path, chroma_url: str
) -> None:
    both = Assistant(
        Settings(data_dir=_corpus(tmp_path / "a"), chroma_url=chroma_url), embedder=FakeEmbedder()
    )
    both.ingest()
    # Same recipe, another index folder, a corpus without Harbor City: its ingest must not
    # delete the first index's Harbor City vectors as stale.
    pine = Assistant(
        Settings(data_dir=_corpus(tmp_path / "b", "pine_county.txt"), chroma_url=chroma_url),
        embedder=FakeEmbedder(),
    )
    pine.ingest()
    assert both.index.server_collection() != pine.index.server_collection()
    assert both.index.server_collection().startswith(both.index.name)
    assert both.index.store.ids() == _live(both)
    assert pine.index.store.ids() == _live(pine)
    assert "1,500 yuan" in both.ask(QUESTION).answer


def test_moving_an_index_to_a_server_restores_its_vectors(data_dir: Path, chroma_url: str) -> None:
    Assistant(Settings(data_dir=data_dir), embedder=FakeEmbedder()).ingest()
    # Same index folder, now with a server: the snapshot is current but the server is empty.
    moved = Assistant(Settings(data_dir=data_dir, chroma_url=chroma_url), embedder=FakeEmbedder())
    report = moved.ingest()
    assert (
        sorted(report.unchanged)
        == sorted(report.restored)
        == [
            "corpus/harbor_city.txt",
            "corpus/pine_county.txt",
        ]
    )
    assert report.chunks_embedded == len(_live(moved))
    assert "vectors restored" in report.summary()
    assert moved.index.store.ids() == _live(moved)
    assert "1,500 yuan" in moved.ask(QUESTION).answer
    assert moved.ingest().chunks_embedded == 0


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_server_is_one_line_naming_it_and_the_fix(data_dir: Path) -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["--data-dir", str(data_dir), "--chroma-url", url, "ingest"], out=out, err=err)
    assert code == 1
    (line,) = err.getvalue().strip().splitlines()
    assert line.startswith(f"error: cannot reach the Chroma server at {url}")
    assert "chroma run" in line and "POLICY_ASSISTANT_CHROMA_URL" in line


def test_a_server_that_goes_away_while_serving_is_one_clear_error(data_dir: Path, tmp_path: Path) -> None:
    with chroma_server(tmp_path / "server") as url:
        # held_vectors=0: every question's dense search asks the server
        settings = Settings(data_dir=data_dir, chroma_url=url, held_vectors=0)
        assistant = Assistant(settings, embedder=FakeEmbedder())
        assistant.ingest()
        assert "1,500 yuan" in assistant.ask(QUESTION).answer
    with pytest.raises(StoreUnavailable, match=f"cannot reach the Chroma server at {url}"):
        assistant.ask(QUESTION)


def test_held_vectors_keep_answering_while_the_server_is_away(data_dir: Path, tmp_path: Path) -> None:
    with chroma_server(tmp_path / "server") as url:
        assistant = Assistant(Settings(data_dir=data_dir, chroma_url=url), embedder=FakeEmbedder())
        assistant.ingest()
        assert "1,500 yuan" in assistant.ask(QUESTION).answer
        assert assistant.retriever.held is not None
    # The snapshot's vectors were fetched when it was loaded: questions need no server.
    assert "1,500 yuan" in assistant.ask(QUESTION).answer
    # A new snapshot fetches them again, which needs the server, and says so in one line.
    assistant.reload()
    with pytest.raises(StoreUnavailable, match=f"cannot reach the Chroma server at {url}"):
        assistant.ask(QUESTION)


def test_the_collection_name_is_kept_in_the_index_folder(data_dir: Path, chroma_url: str) -> None:
    assistant = Assistant(Settings(data_dir=data_dir, chroma_url=chroma_url), embedder=FakeEmbedder())
    assistant.ingest()
    kept = (assistant.index.folder / SERVER_COLLECTION).read_text(encoding="utf-8")
    assert kept == assistant.index.server_collection()
    assert Assistant(assistant.settings, embedder=FakeEmbedder()).index.server_collection() == kept


def test_bad_url_on_the_command_line_is_one_line(data_dir: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(
        ["--data-dir", str(data_dir), "--chroma-url", "localhost:8000", "sources"], out=out, err=err
    )
    assert code == 1
    assert err.getvalue().strip() == (
        "error: invalid setting chroma_url: Value error, a Chroma server URL looks like "
        "http://HOST:PORT, not 'localhost:8000'"
    )

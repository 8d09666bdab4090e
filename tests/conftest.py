"""Shared fixtures: a copy of the tiny test corpus and settings pointing at it."""

from __future__ import annotations

import io
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fakes import FakeEmbedder

from assistant import Assistant, Settings

TESTS = Path(__file__).parent
ROOT = TESTS.parent
TINY_CORPUS = TESTS / "data" / "corpus"


@pytest.fixture
def cli_fake_model() -> Iterator[None]:
    """The command line (and the evaluation) build their own Assistant: each gets the fake embedder."""
    with Assistant.override(embedder=FakeEmbedder()):
        yield


def run_cli(*argv: str) -> tuple[int, str, str]:
    """cli.main in this process: (exit status, stdout, stderr)."""
    from assistant import cli

    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder holding a fresh copy of the tiny corpus."""
    shutil.copytree(TINY_CORPUS, tmp_path / "corpus")
    return tmp_path


@pytest.fixture
def settings(data_dir: Path) -> Settings:
    """Settings for the tiny corpus in its own data folder."""
    return Settings(data_dir=data_dir)


@pytest.fixture
def assistant(settings: Settings) -> Assistant:
    """An assistant over the tiny corpus with the fake embedder, already ingested."""
    instance = Assistant(settings, embedder=FakeEmbedder())
    instance.ingest()
    return instance


def chroma_executable() -> str | None:
    """The `chroma` command that the chromadb package installs, if any."""
    beside = Path(sys.executable).parent / "chroma"
    return str(beside) if beside.is_file() else shutil.which("chroma")


requires_chroma = pytest.mark.skipif(
    chroma_executable() is None, reason="no `chroma` executable (the chromadb package installs it)"
)


@contextmanager
def chroma_server(folder: Path) -> Iterator[str]:
    """Run `chroma run` on a free loopback port with its data in folder; yield its URL."""
    executable = chroma_executable()
    if executable is None:
        pytest.skip("no `chroma` executable (the chromadb package installs it)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "server.log").open("wb") as log:
        server = subprocess.Popen(
            [executable, "run", "--path", str(folder / "data"), "--host", "127.0.0.1", "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_for_heartbeat(url, server)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@pytest.fixture(scope="session")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Chroma server shared by the session's tests (each uses its own collections)."""
    with chroma_server(tmp_path_factory.mktemp("chroma-server")) as url:
        yield url


def _wait_for_heartbeat(url: str, server: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"chroma run exited with {server.returncode}")
        try:
            if httpx.get(f"{url}/api/v2/heartbeat", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"no heartbeat from the Chroma server at {url} after {timeout:.0f} s")

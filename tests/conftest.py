"""Shared fixtures: a copy of the tiny test corpus and settings pointing at it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fakes import FakeEmbedder

from assistant import Assistant, Settings

TESTS = Path(__file__).parent
ROOT = TESTS.parent
TINY_CORPUS = TESTS / "data" / "corpus"


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

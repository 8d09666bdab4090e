"""The obvious alternative, for comparison: llama-index's default pipeline with the same model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.embeddings import resolve_model_path


def embed_model(model: str = "all-MiniLM-L6-v2") -> Any:
    """llama-index's HuggingFaceEmbedding on the same local model, loaded offline, warmed up."""
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

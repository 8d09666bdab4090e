"""Vector stores: the interface, Chroma (through llama-index) by default, and one in memory."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import numpy as np

from assistant.errors import StoreUnavailable


class VectorStore(Protocol):
    """Holds one vector per chunk id and finds the nearest ones."""

    def add(self, ids: Sequence[str], vectors: np.ndarray, metadatas: Sequence[dict[str, Any]]) -> None:
        """Store vectors under ids (each metadata holds at least doc_id)."""
        ...

    def delete(self, ids: Sequence[str]) -> None:
        """Forget these ids; unknown ids are ignored."""
        ...

    def query(
        self, vector: np.ndarray, k: int, doc_ids: Collection[str] | None = None
    ) -> list[tuple[str, float]]:
        """The k nearest (id, cosine similarity), optionally only among chunks of doc_ids."""
        ...

    def similarities(self, vector: np.ndarray, ids: Sequence[str]) -> list[tuple[str, float]]:
        """(id, cosine similarity) of each of these stored ids, best first; unknown ids left out."""
        ...

    def vectors(self, ids: Sequence[str]) -> tuple[list[str], np.ndarray]:
        """The stored ids among these and their vectors, one row each (in any order)."""
        ...

    def ids(self) -> set[str]:
        """Every stored id."""
        ...

    def count(self) -> int:
        """How many vectors the store holds (cheap: no ids are listed)."""
        ...


class MemoryStore:
    """Exact search over a matrix in memory: for tests and small corpora."""

    def __init__(self) -> None:
        self._ids: list[str] = []
        self._docs: list[str] = []
        self._vectors = np.zeros((0, 0), dtype=np.float32)

    def add(self, ids: Sequence[str], vectors: np.ndarray, metadatas: Sequence[dict[str, Any]]) -> None:
        """Append vectors."""
        self.delete(ids)
        self._vectors = vectors.copy() if not self._ids else np.vstack([self._vectors, vectors])
        self._ids.extend(ids)
        self._docs.extend(str(m["doc_id"]) for m in metadatas)

    def delete(self, ids: Sequence[str]) -> None:
        """Drop rows by id."""
        gone = set(ids)
        keep = [i for i, id_ in enumerate(self._ids) if id_ not in gone]
        if len(keep) != len(self._ids):
            self._vectors = self._vectors[keep]
            self._ids = [self._ids[i] for i in keep]
            self._docs = [self._docs[i] for i in keep]

    def query(
        self, vector: np.ndarray, k: int, doc_ids: Collection[str] | None = None
    ) -> list[tuple[str, float]]:
        """Exact cosine ranking."""
        if not self._ids:
            return []
        scores = self._vectors @ vector
        if doc_ids is not None:
            allowed = np.array([d in doc_ids for d in self._docs])
            scores = np.where(allowed, scores, -np.inf)
        order = np.argsort(-scores)[:k]
        return [(self._ids[i], float(scores[i])) for i in order if np.isfinite(scores[i])]

    def similarities(self, vector: np.ndarray, ids: Sequence[str]) -> list[tuple[str, float]]:
        """Exact cosine of the rows with these ids."""
        return _ranked(*self.vectors(ids), vector)

    def vectors(self, ids: Sequence[str]) -> tuple[list[str], np.ndarray]:
        """The rows with these ids."""
        position = {id_: i for i, id_ in enumerate(self._ids)}
        rows = [position[i] for i in ids if i in position]
        return [self._ids[r] for r in rows], self._vectors[rows]

    def ids(self) -> set[str]:
        """Stored ids."""
        return set(self._ids)

    def count(self) -> int:
        """How many vectors are stored."""
        return len(self._ids)


def _ranked(ids: Sequence[str], vectors: np.ndarray, vector: np.ndarray) -> list[tuple[str, float]]:
    """ids by cosine similarity of their vectors to vector, best first."""
    if not len(ids):
        return []
    norms = np.linalg.norm(vectors, axis=1) * float(np.linalg.norm(vector))
    scores = (vectors @ vector) / np.where(norms > 0, norms, 1.0)
    order = np.argsort(-scores, kind="stable")
    return [(ids[i], float(scores[i])) for i in order]


def parse_chroma_url(url: str) -> tuple[str, int, bool]:
    """(host, port, ssl) of a Chroma server URL such as http://127.0.0.1:8000."""
    parts = urlsplit(url.strip())
    try:
        port = parts.port
    except ValueError:
        port = -1
    if parts.scheme not in ("http", "https") or not parts.hostname or port == -1 or parts.path.strip("/"):
        raise ValueError(f"a Chroma server URL looks like http://HOST:PORT, not {url!r}")
    ssl = parts.scheme == "https"
    return parts.hostname, port or (443 if ssl else 8000), ssl


class ChromaStore:
    """A Chroma collection, embedded on disk or on a server, driven through llama-index."""

    def __init__(self, collection: Any, url: str | None = None) -> None:
        self._collection = collection
        self._llama_store: Any = None
        self.url = url  # the server's, when the collection is remote

    @property
    def _store(self) -> Any:
        """llama-index's view of the collection, which writes (and deletes) nodes: made on the first
        write, so a process that only answers never imports llama-index (some 50 MB)."""
        if self._llama_store is None:
            from llama_index.vector_stores.chroma import ChromaVectorStore

            self._llama_store = ChromaVectorStore(chroma_collection=self._collection)
        return self._llama_store

    @classmethod
    def open(cls, path: Path, name: str) -> ChromaStore:
        """The named collection in an embedded, persistent Chroma under path."""
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        client = chromadb.PersistentClient(
            path=str(path), settings=ChromaSettings(anonymized_telemetry=False)
        )
        return cls(_collection(client, name))

    @classmethod
    def connect(cls, url: str, name: str) -> ChromaStore:
        """The named collection on the Chroma server at url (`chroma run`)."""
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        host, port, ssl = parse_chroma_url(url)
        with _guard(url):
            try:
                client = chromadb.HttpClient(
                    host=host, port=port, ssl=ssl, settings=ChromaSettings(anonymized_telemetry=False)
                )
            except ValueError as exc:  # chromadb's "Could not connect to a Chroma server"
                raise StoreUnavailable(url) from exc
            collection = _collection(client, name)
        return cls(collection, url)

    def add(self, ids: Sequence[str], vectors: np.ndarray, metadatas: Sequence[dict[str, Any]]) -> None:
        """Add nodes carrying precomputed embeddings."""
        from llama_index.core.schema import BaseNode, NodeRelationship, RelatedNodeInfo, TextNode

        # llama-index writes the node's source document into the doc_id metadata field: make
        # that source the article, so filters on doc_id select its chunks.
        nodes: list[BaseNode] = [
            TextNode(
                id_=id_,
                text="",
                embedding=vector.tolist(),
                metadata=metadata,
                relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=str(metadata["doc_id"]))},
            )
            for id_, vector, metadata in zip(ids, vectors, metadatas, strict=True)
        ]
        with _guard(self.url):
            self._store.add(nodes)

    def delete(self, ids: Sequence[str]) -> None:
        """Delete nodes by id."""
        with _guard(self.url):
            for start in range(0, len(ids), 5000):
                self._store.delete_nodes(node_ids=list(ids[start : start + 5000]))

    def query(
        self, vector: np.ndarray, k: int, doc_ids: Collection[str] | None = None
    ) -> list[tuple[str, float]]:
        """Nearest chunks by cosine similarity. Asks the collection for ids and distances only: the
        chunks' texts and metadata are not needed (the snapshot holds the articles), and fetching and
        parsing them into llama-index nodes took most of a query's time."""
        where = None
        if doc_ids is not None:
            if not doc_ids:
                return []
            where = {"doc_id": {"$in": sorted(doc_ids)}}
        with _guard(self.url):
            found = self._collection.query(
                query_embeddings=[vector.tolist()], n_results=k, where=where, include=["distances"]
            )
        # Chroma's cosine distance is 1 - cosine.
        ids, distances = (found["ids"] or [[]])[0], (found["distances"] or [[]])[0]
        return [(id_, 1.0 - float(distance)) for id_, distance in zip(ids, distances, strict=True)]

    def similarities(self, vector: np.ndarray, ids: Sequence[str]) -> list[tuple[str, float]]:
        """Fetch these vectors by id and rank them exactly: for a few hundred chunks that is far
        quicker than Chroma's filtered search, which scans the metadata of the whole collection."""
        return _ranked(*self.vectors(ids), vector)

    def vectors(self, ids: Sequence[str]) -> tuple[list[str], np.ndarray]:
        """Fetch these vectors by id, 5,000 at a time."""
        found_ids: list[str] = []
        blocks: list[np.ndarray] = []
        for start in range(0, len(ids), 5000):
            with _guard(self.url):
                found = self._collection.get(ids=list(ids[start : start + 5000]), include=["embeddings"])
            if found["ids"]:
                found_ids.extend(found["ids"])
                vectors = np.asarray(found["embeddings"], dtype=np.float32)
                blocks.append(vectors.reshape(len(found["ids"]), -1))
        return found_ids, (np.concatenate(blocks) if blocks else np.zeros((0, 0), dtype=np.float32))

    def ids(self) -> set[str]:
        """Every id in the collection."""
        with _guard(self.url):
            return set(self._collection.get(include=[])["ids"])

    def count(self) -> int:
        """How many vectors the collection holds."""
        with _guard(self.url):
            return int(self._collection.count())


def _collection(client: Any, name: str) -> Any:
    """The named collection: cosine space, a wide search beam for recall, vectors given by us."""
    return client.get_or_create_collection(
        name, configuration={"hnsw": {"space": "cosine", "ef_search": 200}}, embedding_function=None
    )


@contextmanager
def _guard(url: str | None) -> Iterator[None]:
    """Turn a lost connection to the Chroma server into one line that names the server."""
    import httpx

    try:
        yield
    except httpx.TransportError as exc:
        if url is None:
            raise
        raise StoreUnavailable(url) from exc

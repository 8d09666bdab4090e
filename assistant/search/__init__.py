"""Finding passages: embeddings, the vector store, BM25, the query and its parts, hybrid retrieval."""

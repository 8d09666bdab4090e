"""Reading articles in: documents (files to text), metadata, cleaning, chunking, PDF pages, encoding."""

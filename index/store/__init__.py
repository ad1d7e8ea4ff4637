"""Where chunks live: the Chroma vectors, the SQLite manifest (the commit record) and the BM25 index."""

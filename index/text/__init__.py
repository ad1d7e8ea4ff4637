"""Text handling shared by indexing and questions: normalization, sentences, tokens, chunks."""

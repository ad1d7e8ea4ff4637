"""Answering questions over the news index: retrieval, extractive cited answers, and the CLI."""

"""Benchmarks that run khabar and a plain LangChain baseline side by side in the same run."""

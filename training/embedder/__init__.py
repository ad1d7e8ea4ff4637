"""Calibration of the bundled embedder's faster paths."""

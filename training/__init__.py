"""Reproducible training of khabar's learned parts; one command per model."""
